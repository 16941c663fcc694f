// The fault matrix, over real sockets on 127.0.0.1: what the network and the server can do wrong,
// and what the client makes of it.
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient, type ErrataClient, type ErrataClientOptions, ErrataError } from '../src/index.js';
import { fakeClientTimers, recordEvents } from './helpers/events.js';
import { serverPerTest } from './helpers/serve.js';
import { refusedUrl, reply } from './helpers/server.js';
import { thrown } from './helpers/thrown.js';
import { expectNoUnhandledRejections } from './helpers/unhandled.js';

expectNoUnhandledRejections();

const serve = serverPerTest();
afterEach(() => {
  vi.useRealTimers();
});

const model = { params: { path: { model: 'echo-1' } } } as const;
const ok = (res: ServerResponse) => reply(res, 200, { name: 'echo-1' });
const envelope = (code: string, status: number) => ({
  code,
  message: code,
  status,
  request_id: 'req_1',
  doc_url: `https://errata.dev/docs/errors#${code}`,
});
// Headers, then half the promised body, then, once that has been handed to the socket, a reset.
const cutOff = (res: ServerResponse, status: number) => {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': '100' });
  res.write('{"name":"ec', () => res.destroy());
};

describe('transport failures are thrown as ErrataError, never as a bare TypeError', () => {
  it('connection refused → CONNECTION_ERROR, after the retries', async () => {
    const client = createClient({ baseUrl: await refusedUrl(), maxRetries: 1, initialDelay: 10 });
    const error = await thrown(client.GET('/v1/models'));
    expect(error).toMatchObject({ code: 'CONNECTION_ERROR', retryable: true, status: undefined });
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('reset mid-body of a 200 → RESPONSE_INCOMPLETE', async () => {
    const { client } = await serve((_req, res) => cutOff(res, 200));
    expect(await thrown(client.GET('/v1/models/{model}', model))).toMatchObject({ code: 'RESPONSE_INCOMPLETE' });
  });

  it('reset mid-body of a 500 → retried, then the 200', async () => {
    const { client, server } = await serve((_req, res, i) => (i === 0 ? cutOff(res, 500) : ok(res)));
    const { data } = await client.GET('/v1/models/{model}', model);
    expect(data).toMatchObject({ name: 'echo-1' });
    expect(server.requests).toHaveLength(2);
  });

  it('a server that never answers → CLIENT_TIMEOUT, each attempt timed out at its timeout', async () => {
    const recorder = recordEvents();
    const { client, server } = await serve(() => {}, { timeout: 100, maxRetries: 1, onEvent: recorder.onEvent });
    fakeClientTimers();
    const call = thrown(client.GET('/v1/models'));
    for (const attempt of [1, 2]) {
      // The attempt has reached the server, which will never answer; its 100 ms start now.
      await server.received(attempt);
      await vi.advanceTimersByTimeAsync(99);
      expect([recorder.count('retry'), recorder.count('done')]).toEqual([attempt - 1, 0]);
      await vi.advanceTimersByTimeAsync(1);
      if (attempt === 1) {
        await recorder.seen('retry');
        await vi.advanceTimersToNextTimerAsync();
      }
    }
    expect(await call).toMatchObject({ code: 'CLIENT_TIMEOUT', retryable: true });
    expect(recorder.count('attempt')).toBe(2);
  });

  it('a body that stalls after the headers → CLIENT_TIMEOUT', async () => {
    let headersSent!: () => void;
    const stalled = new Promise<void>((resolve) => (headersSent = resolve));
    const { client } = await serve(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{', () => headersSent());
      },
      { timeout: 150, maxRetries: 0 },
    );
    fakeClientTimers();
    const call = thrown(client.GET('/v1/models'));
    await stalled;
    await vi.advanceTimersByTimeAsync(150);
    expect(await call).toMatchObject({ code: 'CLIENT_TIMEOUT' });
  });

  it('a 200 whose body is not JSON → INVALID_RESPONSE', async () => {
    const { client } = await serve((_req, res) => reply(res, 200, '<html>maintenance</html>'));
    expect(await thrown(client.GET('/v1/models'))).toMatchObject({ code: 'INVALID_RESPONSE', retryable: false });
  });

  it('an aborted call → ABORTED', async () => {
    const { client, server } = await serve(() => {});
    const controller = new AbortController();
    const call = thrown(client.GET('/v1/models', { signal: controller.signal }));
    // The request has arrived and will never be answered: the abort lands while the call waits.
    await server.received();
    controller.abort();
    expect(await call).toMatchObject({ code: 'ABORTED', retryable: false });
  });
});

describe('retries follow the catalog', () => {
  it('429 → 200', async () => {
    const { client, server } = await serve((_req, res, i) =>
      i === 0 ? reply(res, 429, envelope('RATE_LIMIT_EXCEEDED', 429), { 'retry-after-ms': '20' }) : ok(res),
    );
    expect((await client.GET('/v1/models/{model}', model)).data).toMatchObject({ name: 'echo-1' });
    expect(server.requests).toHaveLength(2);
  });

  it('503 × 3 → 200 with maxRetries 3', async () => {
    const { client, server } = await serve((_req, res, i) => (i < 3 ? reply(res, 503, '') : ok(res)), {
      maxRetries: 3,
    });
    expect((await client.GET('/v1/models/{model}', model)).data).toMatchObject({ name: 'echo-1' });
    expect(server.requests).toHaveLength(4);
  });

  it('503 × 3 with maxRetries 2 → the 503, canonical', async () => {
    const { client, server } = await serve((_req, res) => reply(res, 503, ''), { maxRetries: 2 });
    const { error } = await client.GET('/v1/models/{model}', model);
    expect(error?.code).toBe('SERVICE_UNAVAILABLE');
    expect(server.requests).toHaveLength(3);
  });

  it.each([400, 401, 402, 403, 404, 405, 413, 422])('%i is not retried', async (status) => {
    const { client, server } = await serve((_req, res) => reply(res, status, ''), { maxRetries: 3 });
    const { error } = await client.GET('/v1/models/{model}', model);
    expect(error).toBeDefined();
    expect(server.requests).toHaveLength(1);
  });

  it.each([400, 401, 404, 409, 422])(
    '%i with x-should-retry: true is still not retried: no second job',
    async (status) => {
      const { client, server } = await serve((_req, res) => reply(res, status, '', { 'x-should-retry': 'true' }), {
        maxRetries: 3,
      });
      const { error } = await client.POST('/v1/queue/{model}', {
        params: { path: { model: 'echo-1' } },
        body: { prompt: 'hi' },
      });
      expect(error?.status).toBe(status);
      expect(server.requests).toHaveLength(1);
    },
  );

  it('x-should-retry: false stops a retryable 503', async () => {
    const { client, server } = await serve((_req, res) => reply(res, 503, '', { 'x-should-retry': 'false' }));
    expect((await client.GET('/v1/models')).error?.code).toBe('SERVICE_UNAVAILABLE');
    expect(server.requests).toHaveLength(1);
  });

  it('an abort during a backoff sleep ends the call: ABORTED, no second request', async () => {
    let waiting!: () => void;
    const inBackoff = new Promise<void>((resolve) => (waiting = resolve));
    const { client, server } = await serve((_req, res) => reply(res, 500, ''), {
      initialDelay: 30_000,
      onEvent: (e) => void (e.type === 'retry' && waiting()),
    });
    const controller = new AbortController();
    const call = client.GET('/v1/models', { signal: controller.signal });
    // The retry event is emitted as the backoff begins: the abort lands in it.
    await inBackoff;
    controller.abort();
    expect(await thrown(call)).toMatchObject({ code: 'ABORTED' });
    expect(server.requests).toHaveLength(1);
  });

  it('a wait that would outlast the deadline is not started: the last error is returned', async () => {
    // The first wait fits in totalTimeout and is waited; the second would not, so it is not begun.
    const { client, server } = await serve(
      (_req, res, i) => reply(res, 503, '', { 'retry-after-ms': i === 0 ? '10' : '30000' }),
      { maxRetries: 10, totalTimeout: 20_000 },
    );
    const { error } = await client.GET('/v1/models');
    expect(error?.code).toBe('SERVICE_UNAVAILABLE');
    expect(server.requests).toHaveLength(2);
  });

  it('the deadline reached inside an attempt → DEADLINE_EXCEEDED', async () => {
    const { client, server } = await serve(() => {}, { totalTimeout: 150, timeout: 10_000 });
    fakeClientTimers({ date: true });
    const call = thrown(client.GET('/v1/models'));
    await server.received();
    await vi.advanceTimersByTimeAsync(150);
    expect(await call).toMatchObject({ code: 'DEADLINE_EXCEEDED', retryable: false });
  });
});

describe('Idempotency-Key', () => {
  const submit = { params: { path: { model: 'echo-1' } }, body: { prompt: 'hi' } } as const;
  const queued = {
    request_id: 'req_1',
    status: 'IN_QUEUE',
    queue_position: 0,
    status_url: 'http://x/s',
    response_url: 'http://x/r',
    cancel_url: 'http://x/c',
  };
  const upload = () => {
    const form = new FormData();
    form.set('purpose', 'input');
    form.set('file', new Blob(['{"a":1}']), 'a.json');
    return form;
  };
  // Every POST operation of the spec: each call is sent once, answered 503, 503, then OK.
  const posts = [
    {
      name: 'runModel',
      given: (c: ErrataClient, header?: Record<string, string>) =>
        c.POST('/v1/models/{model}/run', { params: { path: { model: 'echo-1' }, header }, body: { prompt: 'hi' } }),
    },
    {
      name: 'submitRequest',
      given: (c: ErrataClient, header?: Record<string, string>) =>
        c.POST('/v1/queue/{model}', { ...submit, params: { ...submit.params, header } }),
    },
    {
      name: 'uploadFile (multipart)',
      given: (c: ErrataClient, header?: Record<string, string>) =>
        c.POST('/v1/files', { body: upload() as never, headers: header }),
    },
  ];

  it.each(posts)('$name: one key per call, the same on every attempt, with the same body', async ({ given }) => {
    const { client, server } = await serve((_req, res, i) =>
      i % 3 < 2 ? reply(res, 503, '', { 'retry-after-ms': '1' }) : reply(res, 200, queued),
    );
    await given(client);
    await given(client);
    const keys = server.requests.map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(6);
    expect(keys[0]).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(keys.slice(0, 3)).toEqual([keys[0], keys[0], keys[0]]);
    expect(keys.slice(3)).toEqual([keys[3], keys[3], keys[3]]);
    expect(keys[3]).not.toBe(keys[0]);
    expect(new Set(server.requests.slice(0, 3).map((r) => r.body)).size).toBe(1);
    expect(server.requests[0]?.body).not.toBe('');
  });

  it.each(posts)('$name: the key the caller chose is kept on every attempt, never replaced', async ({ given }) => {
    const { client, server } = await serve((_req, res, i) =>
      i < 2 ? reply(res, 503, '', { 'retry-after-ms': '1' }) : reply(res, 200, queued),
    );
    await given(client, { 'Idempotency-Key': 'mine-1' });
    expect(server.requests.map((r) => r.headers['idempotency-key'])).toEqual(['mine-1', 'mine-1', 'mine-1']);
  });

  it('is not sent on GET', async () => {
    const { client, server } = await serve((_req, res) => ok(res));
    await client.GET('/v1/models/{model}', model);
    expect(server.requests[0]?.headers['idempotency-key']).toBeUndefined();
  });

  // A GET nobody watches does not look for the key: one the caller set in its headers still goes out
  // as it is, on every attempt, and an onEvent hook still sees it named.
  it.each([
    { name: 'without an onEvent hook', given: { watched: false }, want: [] },
    { name: 'with an onEvent hook', given: { watched: true }, want: ['mine-2', 'mine-2'] },
  ])('a GET sends the key the caller set, unchanged on a retry: $name', async ({ given, want }) => {
    const seen: (string | undefined)[] = [];
    const onEvent = given.watched
      ? (e: { type: string; idempotencyKey?: string }) => e.type === 'attempt' && seen.push(e.idempotencyKey)
      : undefined;
    const { client, server } = await serve(
      (_req, res, i) => (i === 0 ? reply(res, 503, '', { 'retry-after-ms': '1' }) : ok(res)),
      onEvent ? { onEvent } : {},
    );
    await client.GET('/v1/models/{model}', { ...model, headers: { 'Idempotency-Key': 'mine-2' } });
    expect(server.requests.map((r) => r.headers['idempotency-key'])).toEqual(['mine-2', 'mine-2']);
    expect(seen).toEqual(want);
  });
});

describe('bad options', () => {
  it.each([
    { name: 'no baseUrl', given: {} },
    { name: 'relative baseUrl', given: { baseUrl: '/v1' } },
    { name: 'empty apiKey', given: { baseUrl: 'http://127.0.0.1', apiKey: '' } },
    { name: 'apiKey not a string', given: { baseUrl: 'http://127.0.0.1', apiKey: 42 } },
    { name: 'negative maxRetries', given: { baseUrl: 'http://127.0.0.1', maxRetries: -1 } },
    { name: 'normalize not a function', given: { baseUrl: 'http://127.0.0.1', normalize: 'workers-ai' } },
  ])('$name → ErrataError INVALID_OPTIONS', ({ given }) => {
    const error = (() => {
      try {
        createClient(given as ErrataClientOptions);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ErrataError);
    expect(error).toMatchObject({
      code: 'INVALID_OPTIONS',
      retryable: false,
      message: expect.stringMatching(/^createClient: /),
    });
  });

  it.each([
    { name: 'a newline', given: 'sk_live_secret\nX-Injected: 1' },
    { name: 'a carriage return', given: 'sk_live_secret\r' },
    { name: 'a control character', given: 'sk_live_\u0001secret' },
    { name: 'a space', given: 'sk_live secret' },
    { name: 'a Latin-1 letter', given: 'sk_live_sécret' },
    { name: 'a character past Latin-1', given: 'sk_live_secret€' },
  ])('an apiKey with $name → INVALID_OPTIONS whose message never quotes it', ({ given }) => {
    let error: unknown;
    try {
      createClient({ baseUrl: 'http://127.0.0.1', apiKey: given });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ErrataError);
    expect(error).toMatchObject({ code: 'INVALID_OPTIONS' });
    // The cause (Headers' TypeError) would quote the key again in util.inspect: none is kept.
    expect((error as Error).cause).toBeUndefined();
    for (const text of [String(error), JSON.stringify(error), (error as Error).stack ?? ''])
      expect(text).not.toContain('secret');
  });
});

describe('a request that cannot be built', () => {
  it.each([
    { name: 'a header value with a newline', given: { Authorization: 'Bearer sk_other_secret\nX-Injected: 1' } },
    { name: 'a header value past Latin-1', given: { 'x-api-key': 'sk_other_secret€' } },
  ])('$name → ErrataError INVALID_OPTIONS, not a bare TypeError quoting the value; nothing sent', async ({ given }) => {
    const { client, server } = await serve((_req, res) => ok(res));
    const error = await thrown(client.GET('/v1/models', { headers: given }));
    expect(error).toMatchObject({ code: 'INVALID_OPTIONS', retryable: false });
    expect(error.cause).toBeUndefined();
    expect(error.message).toMatch(/^INVALID_OPTIONS: the request could not be built/);
    for (const text of [String(error), JSON.stringify(error), error.stack ?? '']) expect(text).not.toContain('secret');
    expect(server.requests).toHaveLength(0);
  });
});
