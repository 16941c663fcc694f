// The fault matrix, over real sockets on 127.0.0.1: what the network and the server can do wrong,
// and what the client makes of it.
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient, ErrataError, type ErrataClientOptions } from '../src/index.js';
import { refusedUrl, reply, startServer, type Handler, type TestServer } from './helpers/server.js';
import { thrown } from './helpers/thrown.js';
import { expectNoUnhandledRejections } from './helpers/unhandled.js';

expectNoUnhandledRejections();

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: Handler, options: Partial<ErrataClientOptions> = {}) {
  const server = await startServer(handler);
  servers.push(server);
  return { server, client: createClient({ baseUrl: server.url, apiKey: 'sk_test_valid', initialDelay: 10, ...options }) };
}


const model = { params: { path: { model: 'echo-1' } } } as const;
const ok = (res: ServerResponse) => reply(res, 200, { name: 'echo-1' });
const envelope = (code: string, status: number) => ({ code, message: code, status, request_id: 'req_1', doc_url: `https://errata.dev/docs/errors#${code}` });
// Headers, then half the promised body, then a reset.
const cutOff = (res: ServerResponse, status: number) => {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': '100' });
  res.write('{"name":"ec');
  setTimeout(() => res.destroy(), 20);
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

  it('a server that never answers → CLIENT_TIMEOUT, each attempt timed out', async () => {
    const { client, server } = await serve(() => {}, { timeout: 100, maxRetries: 1 });
    expect(await thrown(client.GET('/v1/models'))).toMatchObject({ code: 'CLIENT_TIMEOUT', retryable: true });
    expect(server.requests).toHaveLength(2);
  });

  it('a body that stalls after the headers → CLIENT_TIMEOUT', async () => {
    const { client } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{');
    }, { timeout: 150, maxRetries: 0 });
    expect(await thrown(client.GET('/v1/models'))).toMatchObject({ code: 'CLIENT_TIMEOUT' });
  });

  it('a 200 whose body is not JSON → INVALID_RESPONSE', async () => {
    const { client } = await serve((_req, res) => reply(res, 200, '<html>maintenance</html>'));
    expect(await thrown(client.GET('/v1/models'))).toMatchObject({ code: 'INVALID_RESPONSE', retryable: false });
  });

  it('an aborted call → ABORTED', async () => {
    const { client } = await serve(() => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect(await thrown(client.GET('/v1/models', { signal: controller.signal }))).toMatchObject({ code: 'ABORTED', retryable: false });
  });
});

describe('retries follow the catalog', () => {
  it('429 → 200', async () => {
    const { client, server } = await serve((_req, res, i) => (i === 0 ? reply(res, 429, envelope('RATE_LIMIT_EXCEEDED', 429), { 'retry-after-ms': '20' }) : ok(res)));
    expect((await client.GET('/v1/models/{model}', model)).data).toMatchObject({ name: 'echo-1' });
    expect(server.requests).toHaveLength(2);
  });

  it('503 × 3 → 200 with maxRetries 3', async () => {
    const { client, server } = await serve((_req, res, i) => (i < 3 ? reply(res, 503, '') : ok(res)), { maxRetries: 3 });
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

  it.each([400, 401, 404, 409, 422])('%i with x-should-retry: true is still not retried: no second job', async (status) => {
    const { client, server } = await serve((_req, res) => reply(res, status, '', { 'x-should-retry': 'true' }), { maxRetries: 3 });
    const { error } = await client.POST('/v1/queue/{model}', { params: { path: { model: 'echo-1' } }, body: { prompt: 'hi' } });
    expect(error?.status).toBe(status);
    expect(server.requests).toHaveLength(1);
  });

  it('x-should-retry: false stops a retryable 503', async () => {
    const { client, server } = await serve((_req, res) => reply(res, 503, '', { 'x-should-retry': 'false' }));
    expect((await client.GET('/v1/models')).error?.code).toBe('SERVICE_UNAVAILABLE');
    expect(server.requests).toHaveLength(1);
  });

  it('Retry-After in seconds is waited out', async () => {
    const { client, server } = await serve((_req, res, i) => (i === 0 ? reply(res, 429, '', { 'retry-after': '1' }) : ok(res)));
    const started = Date.now();
    await client.GET('/v1/models/{model}', model);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(2);
  });

  it('Retry-After as an HTTP-date is waited out', async () => {
    const at = new Date(Date.now() + 2000);
    const { client, server } = await serve((_req, res, i) => (i === 0 ? reply(res, 503, '', { 'retry-after': at.toUTCString() }) : ok(res)));
    await client.GET('/v1/models/{model}', model);
    // The date has whole seconds: the wait ends at `at` rounded down.
    expect(Date.now()).toBeGreaterThanOrEqual(Math.floor(at.getTime() / 1000) * 1000 - 50);
    expect(server.requests).toHaveLength(2);
  });

  it('a wait longer than maxRetryAfter is not waited: the error comes back at once', async () => {
    const { client, server } = await serve((_req, res) => reply(res, 429, '', { 'retry-after': '3600' }));
    const { error } = await client.GET('/v1/models');
    expect(error).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', retry_after: 3600 });
    expect(server.requests).toHaveLength(1);
  });

  it('an abort during a backoff sleep ends the call at once', async () => {
    const { client, server } = await serve((_req, res) => reply(res, 503, '', { 'retry-after': '30' }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    expect(await thrown(client.GET('/v1/models', { signal: controller.signal }))).toMatchObject({ code: 'ABORTED' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(server.requests).toHaveLength(1);
  });

  it('the deadline reached mid-retries returns the last error instead of waiting past it', async () => {
    const { client, server } = await serve((_req, res) => reply(res, 503, '', { 'retry-after-ms': '200' }), { maxRetries: 10, totalTimeout: 700 });
    const started = Date.now();
    const { error } = await client.GET('/v1/models');
    expect(error?.code).toBe('SERVICE_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(700);
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
    expect(server.requests.length).toBeLessThan(11);
  });

  it('the deadline reached inside an attempt → DEADLINE_EXCEEDED', async () => {
    const { client } = await serve(() => {}, { totalTimeout: 150, timeout: 10_000 });
    expect(await thrown(client.GET('/v1/models'))).toMatchObject({ code: 'DEADLINE_EXCEEDED', retryable: false });
  });
});

describe('Idempotency-Key', () => {
  const submit = { params: { path: { model: 'echo-1' } }, body: { prompt: 'hi' } } as const;
  const queued = { request_id: 'req_1', status: 'IN_QUEUE', queue_position: 0, status_url: 'http://x/s', response_url: 'http://x/r', cancel_url: 'http://x/c' };

  it('is generated once per call and identical on every attempt, with the same body', async () => {
    const { client, server } = await serve((_req, res, i) => (i < 2 ? reply(res, 503, '') : reply(res, 202, queued)));
    const first = await client.POST('/v1/queue/{model}', submit);
    expect(first.data).toMatchObject({ request_id: 'req_1' });
    await client.POST('/v1/queue/{model}', submit);
    const keys = server.requests.map((r) => r.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(keys.slice(0, 3)).toEqual([keys[0], keys[0], keys[0]]);
    expect(keys[3]).not.toBe(keys[0]);
    expect(server.requests.map((r) => r.body)).toEqual(Array(4).fill('{"prompt":"hi"}'));
  });

  it('keeps the key the caller chose', async () => {
    const { client, server } = await serve((_req, res) => reply(res, 202, queued));
    await client.POST('/v1/queue/{model}', { ...submit, params: { ...submit.params, header: { 'Idempotency-Key': 'mine-1' } } });
    expect(server.requests[0]?.headers['idempotency-key']).toBe('mine-1');
  });
});

describe('bad options', () => {
  it.each([
    { name: 'no baseUrl', given: {} },
    { name: 'relative baseUrl', given: { baseUrl: '/v1' } },
    { name: 'empty apiKey', given: { baseUrl: 'http://127.0.0.1', apiKey: '' } },
    { name: 'negative maxRetries', given: { baseUrl: 'http://127.0.0.1', maxRetries: -1 } },
    { name: 'normalize not a function', given: { baseUrl: 'http://127.0.0.1', normalize: 'workers-ai' } },
  ])('$name → a clear TypeError', ({ given }) => {
    expect(() => createClient(given as ErrataClientOptions)).toThrow(/^createClient: /);
  });
});
