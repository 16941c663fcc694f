// A call's own options (maxRetries, timeout, idempotencyKey, headers) override the client's, on
// every entry point: the methods, stream() and subscribe().
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { subscribe } from '../src/queue.js';
import { stream } from '../src/stream.js';
import { fakeClientTimers, recordEvents } from './helpers/events.js';
import { serverPerTest } from './helpers/serve.js';
import { reply } from './helpers/server.js';
import { thrown } from './helpers/thrown.js';
import { expectNoUnhandledRejections } from './helpers/unhandled.js';

expectNoUnhandledRejections();
const serve = serverPerTest();
afterEach(() => {
  vi.useRealTimers();
});

const run = { params: { path: { model: 'echo-1' } }, body: { prompt: 'hi' } } as const;
const ok = (res: ServerResponse) => reply(res, 200, { id: 'echo-1', output: { text: 'hi' } });

describe('per-call options', () => {
  it('maxRetries per call overrides the client’s', async () => {
    const { client, server } = await serve((_req, res) => reply(res, 503, ''), { maxRetries: 0 });
    await client.GET('/v1/models', { maxRetries: 2 });
    expect(server.requests).toHaveLength(3);
  });

  it('timeout per call overrides the client’s', async () => {
    const recorder = recordEvents();
    const { client, server } = await serve(() => {}, { timeout: 60_000, maxRetries: 0, onEvent: recorder.onEvent });
    fakeClientTimers();
    const call = thrown(client.GET('/v1/models', { timeout: 50 }));
    await server.received();
    await vi.advanceTimersByTimeAsync(49);
    expect(recorder.count('done')).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(await call).toMatchObject({ code: 'CLIENT_TIMEOUT' });
    expect(server.requests).toHaveLength(1);
  });

  it('idempotencyKey and headers per call are sent on every attempt', async () => {
    const { client, server } = await serve((_req, res, i) =>
      i === 0 ? reply(res, 503, '', { 'retry-after-ms': '1' }) : ok(res),
    );
    await client.POST('/v1/models/{model}/run', {
      ...run,
      idempotencyKey: 'key-1',
      headers: { 'Errata-Simulate': 'NONE' },
    });
    expect(server.requests.map((r) => [r.headers['idempotency-key'], r.headers['errata-simulate']])).toEqual([
      ['key-1', 'NONE'],
      ['key-1', 'NONE'],
    ]);
  });

  it('a bad per-call option is INVALID_OPTIONS before anything is sent', async () => {
    const { client, server } = await serve((_req, res) => ok(res));
    expect(await thrown(client.GET('/v1/models', { timeout: -1 }))).toMatchObject({ code: 'INVALID_OPTIONS' });
    expect(await thrown(client.GET('/v1/models', { idempotencyKey: 'a\nb' }))).toMatchObject({
      code: 'INVALID_OPTIONS',
    });
    expect(server.requests).toHaveLength(0);
  });

  it('stream(): headers (Errata-Simulate), idempotencyKey and maxRetries reach the request', async () => {
    const { client, server } = await serve(
      (_req, res, i) => {
        if (i < 2) return reply(res, 503, '', { 'retry-after-ms': '1' });
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(
          'event: token\ndata: {"index":0,"text":"hi"}\n\n' +
            'event: done\ndata: {"finish_reason":"stop","usage":{"input_tokens":1,"output_tokens":1}}\n\n',
        );
      },
      { maxRetries: 0 },
    );
    const s = await stream(
      client,
      'echo-1',
      { prompt: 'hi' },
      { headers: { 'Errata-Simulate': 'OVERLOADED' }, idempotencyKey: 'stream-1', maxRetries: 2 },
    );
    expect(await s.text()).toBe('hi');
    expect(
      server.requests.map((r) => [r.headers['errata-simulate'], r.headers['idempotency-key'], r.headers.accept]),
    ).toEqual(Array(3).fill(['OVERLOADED', 'stream-1', 'text/event-stream']));
  });

  it('stream(): timeout per call bounds the wait for the stream to start', async () => {
    const recorder = recordEvents();
    const { client, server } = await serve(() => {}, { maxRetries: 0, onEvent: recorder.onEvent });
    fakeClientTimers();
    const call = thrown(stream(client, 'echo-1', { prompt: 'hi' }, { timeout: 50 }));
    await server.received();
    await vi.advanceTimersByTimeAsync(49);
    expect(recorder.count('done')).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(await call).toMatchObject({ code: 'CLIENT_TIMEOUT' });
  });

  it('subscribe(): headers, idempotencyKey, maxRetries and requestTimeout reach its requests', async () => {
    const job = (base: string, status: string) => ({
      request_id: 'req_1',
      status,
      queue_position: 0,
      status_url: `${base}/s`,
      response_url: `${base}/r`,
      cancel_url: `${base}/c`,
    });
    const { client, server } = await serve(
      (req, res) => {
        const base = `http://${req.headers.host}`;
        if (req.method === 'POST')
          return server.requests.filter((r) => r.method === 'POST').length === 1
            ? reply(res, 503, '', { 'retry-after-ms': '1' })
            : reply(res, 202, job(base, 'IN_QUEUE'));
        if (req.url.endsWith('/status')) return reply(res, 200, job(base, 'COMPLETED'));
        return reply(res, 200, {
          request_id: 'req_1',
          status: 'COMPLETED',
          model: 'echo-1',
          output: { text: 'hi', finish_reason: 'stop' },
        });
      },
      { maxRetries: 0 },
    );
    const result = await subscribe(
      client,
      'echo-1',
      { prompt: 'hi' },
      {
        pollInterval: 1,
        headers: { 'Errata-Simulate': 'NONE' },
        idempotencyKey: 'sub-1',
        maxRetries: 1,
        requestTimeout: 5_000,
      },
    );
    expect(result).toMatchObject({ status: 'COMPLETED' });
    expect(server.requests.every((r) => r.headers['errata-simulate'] === 'NONE')).toBe(true);
    expect(server.requests.filter((r) => r.method === 'POST').map((r) => r.headers['idempotency-key'])).toEqual([
      'sub-1',
      'sub-1',
    ]);
  });
});
