// Which request id an error carries: the one the caller knows the failure by.
import { describe, expect, it } from 'vitest';
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
