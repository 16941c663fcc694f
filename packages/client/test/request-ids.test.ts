// Which request id an error carries: the one the caller knows the failure by.
import { describe, expect, it } from 'vitest';
import type { ClientEvent } from '../src/index.js';
import { createClient } from '../src/index.js';
import { subscribe } from '../src/queue.js';
import { stream } from '../src/stream.js';
import { serverPerTest } from './helpers/serve.js';
import { reply } from './helpers/server.js';
import { thrown } from './helpers/thrown.js';
import { expectNoUnhandledRejections } from './helpers/unhandled.js';

expectNoUnhandledRejections();
const serve = serverPerTest();

describe('request ids', () => {
  it('ErrataStreamError.requestId is the X-Request-Id, not the event body’s', async () => {
    const { client } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': 'req_header' });
      res.end(
        `event: error\ndata: ${JSON.stringify({
          code: 'OVERLOADED',
          message: 'busy',
          status: 503,
          request_id: 'req_body',
          doc_url: '',
        })}\n\n`,
      );
    });
    const s = await stream(client, 'echo-1', { prompt: 'hi' });
    const error = await thrown(s.text());
    expect(error.requestId).toBe('req_header');
  });

  it('REQUEST_FAILED carries the job’s id, not the status poll’s X-Request-Id', async () => {
    const { client } = await serve((req, res) => {
      const base = `http://${req.headers.host}`;
      if (req.method === 'POST')
        return reply(res, 202, {
          request_id: 'req_job',
          status: 'IN_QUEUE',
          queue_position: 0,
          status_url: `${base}/s`,
          response_url: `${base}/r`,
          cancel_url: `${base}/c`,
        });
      return reply(
        res,
        400,
        {
          code: 'REQUEST_FAILED',
          message: 'Request req_job failed.',
          status: 400,
          request_id: 'req_poll',
          doc_url: '',
        },
        { 'x-request-id': 'req_poll' },
      );
    });
    const error = await thrown(subscribe(client, 'echo-1', { prompt: 'hi' }, { pollInterval: 1 }));
    expect(error).toMatchObject({ code: 'REQUEST_FAILED', requestId: 'req_job', category: 'provider' });
  });
});

const envelopeWithoutId = { code: 'MODEL_NOT_FOUND', message: 'Model x does not exist.', status: 404, doc_url: '' };

// Which header an error's request_id comes from when its body has none: the client's `requestIdHeader`
// first, then the common names (a gateway may have renamed it).
const headerCases: {
  name: string;
  given: { option?: string; headers: Record<string, string>; bodyId?: string };
  want: string;
}[] = [
  { name: 'X-Request-Id by default', given: { headers: { 'x-request-id': 'req_a' } }, want: 'req_a' },
  {
    name: 'the configured X-Trace-Id, before X-Request-Id',
    given: { option: 'X-Trace-Id', headers: { 'x-trace-id': 'req_trace', 'x-request-id': 'req_other' } },
    want: 'req_trace',
  },
  {
    name: 'X-Request-Id when the configured header is absent',
    given: { option: 'X-Trace-Id', headers: { 'x-request-id': 'req_fallback' } },
    want: 'req_fallback',
  },
  { name: 'Request-Id (Anthropic’s) by default', given: { headers: { 'request-id': 'req_b' } }, want: 'req_b' },
  {
    name: 'the body’s request_id over any header',
    given: { option: 'X-Trace-Id', headers: { 'x-trace-id': 'req_header' }, bodyId: 'req_body' },
    want: 'req_body',
  },
  { name: 'none at all: empty', given: { option: 'X-Trace-Id', headers: {} }, want: '' },
];

describe('the requestIdHeader option', () => {
  it.each(headerCases)('an error’s request_id: $name', async ({ given, want }) => {
    const { client } = await serve(
      (_req, res) =>
        reply(res, 404, given.bodyId ? { ...envelopeWithoutId, request_id: given.bodyId } : envelopeWithoutId, {
          ...given.headers,
        }),
      given.option ? { requestIdHeader: given.option } : {},
    );
    const { error } = await client.GET('/v1/models/{model}', { params: { path: { model: 'x' } } });
    expect(error?.request_id).toBe(want);
  });

  it('names the request id of a success, a stream and a 2xx that is not JSON', async () => {
    const events: ClientEvent[] = [];
    const { client } = await serve(
      (req, res) => {
        if (req.method === 'POST') {
          res.writeHead(200, { 'content-type': 'text/event-stream', 'x-trace-id': 'req_stream' });
          res.end('event: done\ndata: {"finish_reason":"stop"}\n\n');
          return;
        }
        if (req.url?.endsWith('/broken')) return reply(res, 200, 'not json', { 'x-trace-id': 'req_broken' });
        return reply(res, 200, { object: 'list', data: [] }, { 'x-trace-id': 'req_ok' });
      },
      { requestIdHeader: 'X-Trace-Id', onEvent: (e) => events.push(e) },
    );
    await client.GET('/v1/models');
    expect(events.find((e) => e.type === 'done')).toMatchObject({ requestId: 'req_ok' });
    const s = await stream(client, 'echo-1', { prompt: 'hi' });
    expect(s.requestId).toBe('req_stream');
    await s.cancel();
    const broken = await thrown(client.GET('/v1/models/{model}', { params: { path: { model: 'broken' } } }));
    expect(broken).toMatchObject({ code: 'INVALID_RESPONSE', requestId: 'req_broken' });
  });

  it.each([
    { name: 'a space', given: 'X Trace' },
    { name: 'a colon', given: 'X-Trace-Id:' },
    { name: 'empty', given: '' },
  ])('refuses a header name with $name: INVALID_OPTIONS', ({ given }) => {
    expect(() => createClient({ baseUrl: 'http://127.0.0.1:1', requestIdHeader: given })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', message: expect.stringContaining('requestIdHeader') }),
    );
  });
});
