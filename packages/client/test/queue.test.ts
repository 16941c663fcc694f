// subscribe / cancel against a small queue server on 127.0.0.1 that walks a job through its states.
import { catalog } from '@errata/types';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient, type ErrataClientOptions } from '../src/index.js';
import { cancel, nextPollDelay, type RequestStatus, subscribe } from '../src/queue.js';
import { fakeClientTimers } from './helpers/events.js';
import { type Recorded, reply, startServer, type TestServer } from './helpers/server.js';
import { thrown } from './helpers/thrown.js';
import { expectNoUnhandledRejections } from './helpers/unhandled.js';

expectNoUnhandledRejections();

const servers: TestServer[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

type Outcome = 'complete' | 'fail' | 'fail-200' | 'invalid-output' | 'forever';

function job(base: string, status: RequestStatus['status'], queue_position = 0): RequestStatus {
  const u = `${base}/v1/requests/req_1`;
  return {
    request_id: 'req_1',
    status,
    queue_position,
    eta: 0,
    status_url: `${u}/status`,
    response_url: u,
    cancel_url: `${u}/cancel`,
  };
}

// A FAILED status answered 200 (a server that reports failure in the payload, not as a 400).
const failedJob = (base: string): RequestStatus => ({
  ...job(base, 'FAILED'),
  logs: [
    { timestamp: '2025-01-01T00:00:00Z', level: 'error', message: 'Provider error: first.' },
    { timestamp: '2025-01-01T00:00:01Z', level: 'error', message: 'Provider error: upstream answered 500.' },
    { timestamp: '2025-01-01T00:00:02Z', level: 'info', message: 'Giving up.' },
  ],
});

const envelope = (code: string, status: number, message: string, details?: unknown) => ({
  code,
  message,
  status,
  request_id: 'req_1',
  doc_url: `https://errata.dev/docs/errors#${code}`,
  details,
});

async function queue(outcome: Outcome, options: Partial<ErrataClientOptions> = {}) {
  let polls = 0;
  const server = await startServer((req: Recorded, res) => {
    const base = `http://${req.headers.host}`;
    if (req.method === 'POST' && req.url === '/v1/queue/echo-1') return reply(res, 202, job(base, 'IN_QUEUE', 1));
    if (req.method === 'PUT' && req.url === '/v1/requests/req_1/cancel') return reply(res, 200, job(base, 'FAILED'));
    if (req.url === '/v1/requests/req_1/status') {
      polls++;
      if (outcome === 'forever' || polls < 2) return reply(res, 200, job(base, 'IN_PROGRESS'));
      if (outcome === 'fail')
        return reply(
          res,
          400,
          envelope('REQUEST_FAILED', 400, 'Request req_1 failed: Provider error: upstream answered 500.', {
            job: job(base, 'FAILED'),
          }),
        );
      if (outcome === 'fail-200') return reply(res, 200, failedJob(base));
      return reply(res, 200, job(base, 'COMPLETED'));
    }
    if (req.url === '/v1/requests/req_1') {
      if (outcome === 'invalid-output')
        return reply(
          res,
          422,
          envelope('INVALID_OUTPUT', 422, 'Invalid output from inference.', {
            validation_errors: [{ instancePath: '/output/text', message: 'must be string' }],
          }),
        );
      return reply(res, 200, {
        request_id: 'req_1',
        status: 'COMPLETED',
        model: 'echo-1',
        output: { text: 'hi', finish_reason: 'stop' },
      });
    }
    return reply(res, 404, envelope('ENDPOINT_NOT_FOUND', 404, 'No such endpoint.'));
  });
  servers.push(server);
  return {
    server,
    client: createClient({ baseUrl: server.url, apiKey: 'sk_test_valid', initialDelay: 10, ...options }),
  };
}

const calls = (server: TestServer, method: string, url: string) =>
  server.requests.filter((r) => r.method === method && r.url === url).length;

describe('subscribe', () => {
  it('submits, polls and returns the result on COMPLETED', async () => {
    const { client, server } = await queue('complete');
    const seen: string[] = [];
    const result = await subscribe(
      client,
      'echo-1',
      { prompt: 'hi' },
      { pollInterval: 10, onQueueUpdate: (s) => seen.push(s.status) },
    );
    expect(result).toMatchObject({ status: 'COMPLETED', output: { text: 'hi' } });
    expect(seen).toEqual(['IN_QUEUE', 'IN_PROGRESS', 'COMPLETED']);
    expect(calls(server, 'POST', '/v1/queue/echo-1')).toBe(1);
  });

  it('FAILED is terminal: thrown with the provider’s reason and the job, never polled or submitted again', async () => {
    const { client, server } = await queue('fail', { maxRetries: 3 });
    const error = await thrown(subscribe(client, 'echo-1', { prompt: 'hi' }, { pollInterval: 10 }));
    expect(error).toMatchObject({ code: 'REQUEST_FAILED', status: 400, retryable: false, requestId: 'req_1' });
    expect(error.message).toContain('Provider error: upstream answered 500.');
    expect(error.details).toMatchObject({ job: { status: 'FAILED' } });
    expect(calls(server, 'GET', '/v1/requests/req_1/status')).toBe(2);
    expect(calls(server, 'POST', '/v1/queue/echo-1')).toBe(1);
  });

  it('a 200 status FAILED is the catalog’s REQUEST_FAILED envelope (request id, doc URL, job in details)', async () => {
    const { client, server } = await queue('fail-200', { maxRetries: 3 });
    const error = await thrown(subscribe(client, 'echo-1', { prompt: 'hi' }, { pollInterval: 10 }));
    const job = failedJob(`http://${server.requests[0]?.headers.host}`);
    const want = {
      code: 'REQUEST_FAILED',
      status: catalog.REQUEST_FAILED.status,
      request_id: 'req_1',
      doc_url: catalog.REQUEST_FAILED.docUrl,
      details: { job },
    };
    expect(error).toMatchObject({
      code: want.code,
      status: want.status,
      retryable: false,
      requestId: 'req_1',
      docUrl: want.doc_url,
      details: want.details,
    });
    expect(error.body).toMatchObject(want);
    expect(error.body?.message).toBe('Request req_1 failed: Provider error: upstream answered 500.');
    expect(calls(server, 'GET', '/v1/requests/req_1/status')).toBe(2);
    expect(calls(server, 'GET', '/v1/requests/req_1')).toBe(0);
    expect(calls(server, 'POST', '/v1/queue/echo-1')).toBe(1);
  });

  it('422 INVALID_OUTPUT surfaces its validation errors', async () => {
    const { client } = await queue('invalid-output');
    const error = await thrown(subscribe(client, 'echo-1', { prompt: 'hi' }, { pollInterval: 10 }));
    expect(error).toMatchObject({
      code: 'INVALID_OUTPUT',
      status: 422,
      details: { validation_errors: [{ instancePath: '/output/text', message: 'must be string' }] },
    });
  });

  it('an abort stops polling at once and cancels the job', async () => {
    const { client, server } = await queue('forever');
    const controller = new AbortController();
    // Aborted once the job id is known (the submit answered), during the long poll wait: no timer races the submit.
    const error = await thrown(
      subscribe(
        client,
        'echo-1',
        { prompt: 'hi' },
        { pollInterval: 10_000, signal: controller.signal, onQueueUpdate: () => controller.abort() },
      ),
    );
    expect(error.code).toBe('ABORTED');
    // The cancel is sent in the background: wait for it to arrive, not for time to pass.
    await server.received(1, (r) => r.method === 'PUT' && r.url === '/v1/requests/req_1/cancel');
    expect(calls(server, 'PUT', '/v1/requests/req_1/cancel')).toBe(1);
  });

  it('the timeout cancels the job and throws DEADLINE_EXCEEDED', async () => {
    const { client, server } = await queue('forever');
    fakeClientTimers();
    let submitted!: () => void;
    const waiting = new Promise<void>((resolve) => (submitted = resolve));
    const call = thrown(
      subscribe(
        client,
        'echo-1',
        { prompt: 'hi' },
        { pollInterval: 10, timeout: 150, onQueueUpdate: () => submitted() },
      ),
    );
    // The submit has answered, so there is a job to cancel; the 150 ms then pass, polls in between.
    await waiting;
    await vi.advanceTimersByTimeAsync(150);
    const error = await call;
    expect(error.code).toBe('DEADLINE_EXCEEDED');
    // The cancel is sent in the background: wait for it to arrive, not for time to pass.
    await server.received(1, (r) => r.method === 'PUT' && r.url === '/v1/requests/req_1/cancel');
    expect(calls(server, 'PUT', '/v1/requests/req_1/cancel')).toBe(1);
  });
});

describe('cancel', () => {
  it('returns the request’s status after cancelling', async () => {
    const { client } = await queue('forever');
    expect(await cancel(client, 'req_1')).toMatchObject({ request_id: 'req_1', status: 'FAILED' });
  });

  it('throws the canonical error when it cannot', async () => {
    const { client } = await queue('forever');
    expect(await thrown(cancel(client, 'req_unknown'))).toMatchObject({ code: 'ENDPOINT_NOT_FOUND', status: 404 });
  });
});

describe('nextPollDelay', () => {
  it.each([
    { name: 'eta halves', given: { eta: 4, queue_position: 0 }, want: 2000 },
    { name: 'never below the interval', given: { eta: 0, queue_position: 0 }, want: 500 },
    { name: 'never above ten intervals', given: { eta: 600, queue_position: 0 }, want: 5000 },
    { name: 'one interval per request ahead without eta', given: { queue_position: 3 }, want: 1500 },
  ])('$name', ({ given, want }) => {
    expect(nextPollDelay(given as RequestStatus, 500)).toBe(want);
  });
});
