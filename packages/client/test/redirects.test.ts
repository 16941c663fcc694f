// Redirects, over real HTTP: 301/302/303/307/308 are followed as fetch follows them, the body
// re-sent where the method keeps it (307/308), with and without retries; a loop is a typed error.
import { describe, expect, it } from 'vitest';
import { serverPerTest } from './helpers/serve.js';
import { reply } from './helpers/server.js';
import { thrown } from './helpers/thrown.js';
import { expectNoUnhandledRejections } from './helpers/unhandled.js';

expectNoUnhandledRejections();
const serve = serverPerTest();

const run = { params: { path: { model: 'echo-1' } }, body: { prompt: 'hi' } } as const;
const result = { request_id: 'req_1', status: 'COMPLETED', model: 'echo-1', output: { text: 'hi' } };

// fetch's rules (WHATWG Fetch, HTTP-redirect fetch step 12): a 303, and a 301/302 after a POST,
// become a GET without a body; a 307/308 keeps the method and the body.
const table = [
  { name: '301', given: 301, want: { method: 'GET', body: '' } },
  { name: '302', given: 302, want: { method: 'GET', body: '' } },
  { name: '303', given: 303, want: { method: 'GET', body: '' } },
  { name: '307', given: 307, want: { method: 'POST', body: '{"prompt":"hi"}' } },
  { name: '308', given: 308, want: { method: 'POST', body: '{"prompt":"hi"}' } },
];
const retries = [
  { name: 'retries on (the default)', options: {} },
  { name: 'maxRetries 0', options: { maxRetries: 0 } },
];

describe('a POST answered by a redirect', () => {
  it.each(retries.flatMap((r) => table.map((t) => ({ ...t, ...r, name: `${t.name}, ${r.name}` }))))(
    '$name → followed: the target gets $want.method',
    async ({ given, options, want }) => {
      const { client, server } = await serve(
        (req, res) =>
          req.url.startsWith('/moved') ? reply(res, 200, result) : reply(res, given, '', { location: '/moved' }),
        options,
      );
      const { data, error } = await client.POST('/v1/models/{model}/run', run);
      expect(error).toBeUndefined();
      expect(data).toMatchObject({ output: { text: 'hi' } });
      expect(server.requests.map((r) => [r.method, r.url])).toEqual([
        ['POST', '/v1/models/echo-1/run'],
        [want.method, '/moved'],
      ]);
      expect(server.requests[1]?.body).toBe(want.body);
      // The Idempotency-Key is a header like any other: it goes with the redirected request.
      expect(server.requests[1]?.headers['idempotency-key']).toBe(server.requests[0]?.headers['idempotency-key']);
    },
  );

  it('503, then a 307, then the answer: the body is sent whole each time', async () => {
    const { client, server } = await serve((req, res, i) => {
      if (i === 0) return reply(res, 503, '', { 'retry-after-ms': '1' });
      if (!req.url.startsWith('/moved')) return reply(res, 307, '', { location: '/moved' });
      reply(res, 200, result);
    });
    const { data } = await client.POST('/v1/models/{model}/run', run);
    expect(data).toMatchObject({ status: 'COMPLETED' });
    expect(server.requests.map((r) => r.body)).toEqual(Array(3).fill('{"prompt":"hi"}'));
  });
});

describe('a redirect loop', () => {
  it.each(retries)('$name → TOO_MANY_REDIRECTS, not retried', async ({ options }) => {
    const { client, server } = await serve((_req, res) => reply(res, 308, '', { location: '/again' }), options);
    const error = await thrown(client.POST('/v1/models/{model}/run', run));
    expect(error).toMatchObject({ code: 'TOO_MANY_REDIRECTS', retryable: false, category: 'client' });
    // fetch's limit: the request and 20 redirects; the call is not tried again.
    expect(server.requests).toHaveLength(21);
  });
});
