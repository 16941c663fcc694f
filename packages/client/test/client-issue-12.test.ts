// Issue 12, over real sockets on 127.0.0.1: 2xx bodies that break are retried, empty 2xx bodies
// are typed errors, junk Retry-After falls back to backoff, per-call options are honoured on every
// entry point, and the onEvent hook sees every attempt in order.
import type { ServerResponse } from 'node:http';
import spec from '@errata/types/openapi.json' with { type: 'json' };
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ClientEvent, ErrataError } from '../src/index.js';
import { subscribe } from '../src/queue.js';
import { stream } from '../src/stream.js';
import { type EventRecorder, fakeClientTimers, recordEvents } from './helpers/events.js';
import { serverPerTest } from './helpers/serve.js';
import { reply, type TestServer } from './helpers/server.js';
import { thrown } from './helpers/thrown.js';
import { expectNoUnhandledRejections } from './helpers/unhandled.js';

expectNoUnhandledRejections();
const serve = serverPerTest();
afterEach(() => {
  vi.useRealTimers();
});

const model = { params: { path: { model: 'echo-1' } } } as const;
const run = { params: { path: { model: 'echo-1' } }, body: { prompt: 'hi' } } as const;
const ok = (res: ServerResponse) => reply(res, 200, { id: 'echo-1', output: { text: 'hi' } });
// Headers, then part of the promised body, then a reset; or the part and nothing more (a stall).
const cut = (res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
  res.write('{"id":"ec', () => res.destroy());
};
const stall = (res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
  res.write('{"id":"ec');
};

describe('a 2xx whose body breaks is retried (defect 1)', () => {
  const calls = [
    { name: 'GET', given: (c: Awaited<ReturnType<typeof serve>>['client']) => c.GET('/v1/models/{model}', model) },
    { name: 'POST', given: (c: Awaited<ReturnType<typeof serve>>['client']) => c.POST('/v1/models/{model}/run', run) },
  ];
  const faults = [
    { name: 'reset mid-body', fault: cut, want: 'RESPONSE_INCOMPLETE' },
    { name: 'stalled past timeout', fault: stall, want: 'CLIENT_TIMEOUT' },
  ];
  const table = calls.flatMap((c) => faults.map((f) => ({ ...c, ...f, name: `${c.name}: ${f.name}` })));

  // The client's timers are fake: a stalled attempt is timed out once it reached the server, and
  // each wait between attempts, once the client says it began (its retry event), is run to its end
  // (the next timer: the backoff's).
  async function drive(
    fault: typeof cut,
    timeout: number,
    recorder: EventRecorder,
    server: TestServer,
    attempts: number,
  ) {
    for (let n = 1; n <= attempts; n++) {
      if (fault === stall) {
        await server.received(n);
        await vi.advanceTimersByTimeAsync(timeout);
      }
      if (n < attempts) {
        await recorder.seen('retry', n);
        await vi.advanceTimersToNextTimerAsync();
      }
    }
  }

  it.each(table)('$name → retried, then the data; one Idempotency-Key on a POST', async ({ given, fault, name }) => {
    const recorder = recordEvents();
    const { client, server } = await serve((_req, res, i) => (i === 0 ? fault(res) : ok(res)), {
      timeout: 300,
      onEvent: recorder.onEvent,
    });
    fakeClientTimers();
    const call = given(client);
    await drive(fault, 300, recorder, server, 1);
    await recorder.seen('retry');
    await vi.advanceTimersToNextTimerAsync();
    const { data } = await call;
    expect(data).toMatchObject({ id: 'echo-1' });
    expect(recorder.count('attempt')).toBe(2);
    expect(server.requests).toHaveLength(2);
    const keys = server.requests.map((r) => r.headers['idempotency-key']);
    if (name.startsWith('POST')) expect(keys[1]).toBe(keys[0]);
    else expect(keys).toEqual([undefined, undefined]);
  });

  it.each(table)('$name on every attempt → $want after maxRetries + 1 attempts', async ({ given, fault, want }) => {
    const recorder = recordEvents();
    const { client, server } = await serve((_req, res) => fault(res), {
      timeout: 100,
      maxRetries: 2,
      onEvent: recorder.onEvent,
    });
    fakeClientTimers();
    const call = thrown(given(client));
    await drive(fault, 100, recorder, server, 3);
    expect(await call).toMatchObject({ code: want, retryable: true });
    expect(recorder.count('attempt')).toBe(3);
  });
});

describe('an empty 2xx is a typed error, never data: undefined (defect 2)', () => {
  // The rule rests on a fact of the spec: every 2xx of every operation declares a JSON body.
  it('every 2xx response in the spec declares application/json', () => {
    const responses = Object.values(spec.paths)
      .flatMap((item) =>
        Object.values(item as Record<string, { responses?: Record<string, { content?: object; $ref?: string }> }>),
      )
      .flatMap((op) =>
        Object.entries(op.responses ?? {})
          .filter(([status]) => status.startsWith('2'))
          .map(([, r]) => r),
      );
    expect(responses.length).toBeGreaterThan(0);
    for (const r of responses) expect(Object.keys(r.content ?? {})).toContain('application/json');
  });

  it.each([
    {
      name: '200 with Content-Length: 0',
      given: (res: ServerResponse) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '0' });
        res.end();
      },
    },
    {
      name: '200 chunked and empty',
      given: (res: ServerResponse) => {
        res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
        res.end();
      },
    },
    {
      name: '204 on an operation that declares a JSON body',
      given: (res: ServerResponse) => {
        res.writeHead(204);
        res.end();
      },
    },
  ])('$name → INVALID_RESPONSE from the call and from unwrap', async ({ given }) => {
    const { client } = await serve((_req, res) => given(res), { maxRetries: 0 });
    const error = await thrown(client.GET('/v1/models/{model}', model));
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE', retryable: false, category: 'client' });
    expect(error).not.toBeInstanceOf(TypeError);
  });
});

describe('Retry-After (defect 3): junk falls back to backoff, a valid ask is what is reported', () => {
  const table = [
    { name: 'negative', given: '-5', want: { asked: undefined } },
    { name: 'junk with a number', given: 'soon 3', want: { asked: undefined } },
    { name: 'empty-ish', given: ' ', want: { asked: undefined } },
    { name: 'seconds', given: '0', want: { asked: 0 } },
    { name: 'a date in the past', given: 'Wed, 01 Jan 2020 00:00:00 GMT', want: { asked: 0 } },
  ];
  it.each(table)('$name ($given)', async ({ given, want }) => {
    const events: ClientEvent[] = [];
    const { client, server } = await serve(
      (_req, res, i) => (i === 0 ? reply(res, 429, '', { 'retry-after': given }) : ok(res)),
      { initialDelay: 20, onEvent: (e) => events.push(e) },
    );
    await client.GET('/v1/models/{model}', model);
    expect(server.requests).toHaveLength(2);
    const retry = events.find((e) => e.type === 'retry');
    if (want.asked === undefined) {
      // The policy's backoff: initialDelay minus at most 25 % jitter, never "now".
      expect(retry).toMatchObject({ reason: 'backoff' });
      expect((retry as { wait: number }).wait).toBeGreaterThanOrEqual(15);
      expect((retry as { wait: number }).wait).toBeLessThanOrEqual(20);
    } else expect(retry).toMatchObject({ reason: 'retry-after', wait: want.asked });
  });

  it('a huge Retry-After is not waited: the error is returned at once with the ask', async () => {
    const { client, server } = await serve((_req, res) => reply(res, 429, '', { 'retry-after': '999999' }));
    const { error } = await client.GET('/v1/models/{model}', model);
    expect(error).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', retry_after: 999_999 });
    expect(server.requests).toHaveLength(1);
  });

  it('after a 429 storm with no usable hint, retry_after is the wait the policy chose, not a made-up 1', async () => {
    const events: ClientEvent[] = [];
    let waiting!: () => void;
    const inWait = new Promise<void>((resolve) => (waiting = resolve));
    const { client, server } = await serve((_req, res) => reply(res, 429, '', { 'retry-after': 'soon' }), {
      initialDelay: 1_500,
      maxRetries: 1,
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'retry') waiting();
      },
    });
    const controller = new AbortController();
    const call = client.GET('/v1/models/{model}', { ...model, signal: controller.signal });
    // The first wait is 1.5 s minus jitter: abort it once it begins (the retry event) rather than
    // sleep; the reported value is checked on the event.
    await inWait;
    controller.abort();
    await thrown(call);
    const retry = events.find((e) => e.type === 'retry') as { wait: number };
    expect(retry.wait).toBeGreaterThan(1_000);
    expect(server.requests).toHaveLength(1);
  });
});

describe('per-call options (defect 4), on every entry point', () => {
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

describe('request ids (defect 5)', () => {
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

describe('a 10 MB error body (defect 6)', () => {
  it('keeps its message when it is near the start, and says the body was cut', async () => {
    const dump = 'x'.repeat(10 * 1024 * 1024);
    const body = `{"code":"INTERNAL_ERROR","message":"disk full","request_id":"req_big","details":{"dump":"${dump}"}}`;
    const { client } = await serve((_req, res) => reply(res, 500, body, { 'content-type': 'application/json' }), {
      maxRetries: 0,
    });
    const { error } = await client.GET('/v1/models');
    expect(error).toMatchObject({ code: 'INTERNAL_ERROR', request_id: 'req_big' });
    expect(error?.message).toMatch(/^disk full \(error body cut at 65536 bytes\)$/);
  });
});

describe('the onEvent hook', () => {
  it('sees every attempt, each wait and why, and the outcome, in order; never the key', async () => {
    const events: ClientEvent[] = [];
    const { client } = await serve(
      (_req, res, i) =>
        i === 0
          ? reply(res, 503, '', { 'retry-after-ms': '5', 'x-request-id': 'req_a' })
          : i === 1
            ? cut(res)
            : ok(res),
      { onEvent: (e) => events.push(e) },
    );
    await client.POST('/v1/models/{model}/run', { ...run, idempotencyKey: 'k1' });
    expect(events.map((e) => e.type)).toEqual(['attempt', 'retry', 'attempt', 'retry', 'attempt', 'done']);
    expect(events[0]).toMatchObject({
      method: 'POST',
      path: '/v1/models/{model}/run',
      attempt: 1,
      idempotencyKey: 'k1',
    });
    expect(events[1]).toMatchObject({
      attempt: 1,
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
      requestId: 'req_a',
      wait: 5,
      reason: 'retry-after',
    });
    expect(events[3]).toMatchObject({ attempt: 2, code: 'RESPONSE_INCOMPLETE', reason: 'backoff' });
    expect(events[5]).toMatchObject({ attempt: 3, outcome: 'data', status: 200 });
    expect(JSON.stringify(events)).not.toContain('sk_test_valid');
  });

  it('says why it stopped, and a hook that throws changes nothing', async () => {
    const events: ClientEvent[] = [];
    const { client } = await serve((_req, res) => reply(res, 404, ''), {
      onEvent: (e) => {
        events.push(e);
        throw new Error('hook');
      },
    });
    const { error } = await client.GET('/v1/models/{model}', model);
    expect(error?.code).toBe('RESOURCE_NOT_FOUND');
    expect(events.at(-1)).toMatchObject({
      type: 'done',
      outcome: 'error',
      status: 404,
      code: 'RESOURCE_NOT_FOUND',
      reason: 'never',
    });
  });

  it('is silent by default: nothing is logged', async () => {
    const seen: unknown[] = [];
    const original = console.debug;
    console.debug = (...args: unknown[]) => seen.push(args);
    try {
      const { client } = await serve((_req, res) => ok(res));
      await client.GET('/v1/models/{model}', model);
      expect(seen).toEqual([]);
      const { client: loud } = await serve((_req, res) => ok(res), { debug: true });
      await loud.GET('/v1/models/{model}', model);
      expect(seen.length).toBe(2);
    } finally {
      console.debug = original;
    }
  });
});

describe('ErrataError.category', () => {
  it.each([
    { status: 401, want: 'authentication' },
    { status: 429, want: 'rate_limit' },
    { status: 500, want: 'server' },
  ])('$status → $want, from the catalog', async ({ status, want }) => {
    const { client } = await serve((_req, res) => reply(res, status, ''), { maxRetries: 0 });
    const result = await client.GET('/v1/models');
    const error = await thrown(
      Promise.resolve().then(() => {
        if (result.error) throw new ErrataError(result.error.code, result.error.message);
      }),
    );
    expect(error.category).toBe(want);
  });
});

describe('reused attempt controllers (the success path does not allocate an AbortSignal per call)', () => {
  it('a timeout after many clean calls still fires, and the call after it still succeeds', async () => {
    const { client, server } = await serve((req, res) => (req.url.endsWith('/stall') ? undefined : ok(res)), {
      timeout: 200,
      maxRetries: 0,
    });
    const stall = { params: { path: { model: 'stall' } } };
    const stalls = (count: number) => server.received(count, (r) => r.url.endsWith('/stall'));
    fakeClientTimers();
    for (let i = 0; i < 5; i++)
      expect((await client.GET('/v1/models/{model}', model)).data).toMatchObject({ id: 'echo-1' });
    const stalled = thrown(client.GET('/v1/models/{model}', stall));
    await stalls(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(await stalled).toMatchObject({ code: 'CLIENT_TIMEOUT' });
    expect((await client.GET('/v1/models/{model}', model)).data).toMatchObject({ id: 'echo-1' });
    // Concurrent calls each get their own controller: one timing out aborts no other.
    const a = thrown(client.GET('/v1/models/{model}', stall));
    const b = client.GET('/v1/models/{model}', model);
    expect((await b).data).toMatchObject({ id: 'echo-1' });
    await stalls(2);
    await vi.advanceTimersByTimeAsync(200);
    expect(await a).toMatchObject({ code: 'CLIENT_TIMEOUT' });
    expect(server.requests.length).toBeGreaterThanOrEqual(7);
  });

  // The client keeps one timer for all its attempts, set for the earliest end: an attempt that
  // ends before the one the timer waits for must still be stopped at its own end.
  it('a short per-call timeout started after a long one is stopped at its own end', async () => {
    const { client, server } = await serve(() => undefined, { maxRetries: 0 });
    const stall = { params: { path: { model: 'stall' } } };
    const controller = new AbortController();
    fakeClientTimers();
    let longSettled = false;
    const long = thrown(client.GET('/v1/models/{model}', { ...stall, signal: controller.signal })).finally(
      () => (longSettled = true),
    );
    const short = thrown(client.GET('/v1/models/{model}', { ...stall, timeout: 100 }));
    await server.received(2);
    await vi.advanceTimersByTimeAsync(100);
    expect(await short).toMatchObject({ code: 'CLIENT_TIMEOUT' });
    // The long one (the default 60 s) is still running: only the abort ends it.
    expect(longSettled).toBe(false);
    controller.abort();
    expect(await long).toMatchObject({ code: 'ABORTED' });
  });
});
