// Every error body, over real HTTP: the client hands out the canonical envelope, keeps the raw
// response reachable, and never lets the API key out.
import { catalog, type ErrorCode } from '@errata/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, ErrataError, getRawError, unwrap } from '../src/index.js';
import { providerNormalizer } from '../src/normalize-error.js';
import { reply, startServer, type TestServer } from './helpers/server.js';
import { expectNoUnhandledRejections } from './helpers/unhandled.js';

expectNoUnhandledRejections();

// The server answers whatever the test put in `next`.
let next: { status: number; body: string; headers?: Record<string, string> } = { status: 500, body: '' };
let server: TestServer;
beforeAll(async () => {
  server = await startServer((_req, res) =>
    reply(res, next.status, next.body, { 'content-type': 'application/json', ...next.headers }),
  );
});
afterAll(() => server.close());

const odd = [
  {
    name: 'HTML 502 from a proxy',
    given: {
      status: 502,
      body: '<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>',
      headers: { 'content-type': 'text/html' },
    },
    want: 'BAD_GATEWAY',
  },
  {
    name: 'empty body with Content-Length: 0 (openapi-fetch #2530)',
    given: { status: 500, body: '' },
    want: 'INTERNAL_ERROR',
  },
  { name: 'invalid JSON', given: { status: 400, body: '{"code":' }, want: 'INVALID_REQUEST' },
  { name: 'bare string', given: { status: 404, body: '"no such thing"' }, want: 'RESOURCE_NOT_FOUND' },
  {
    name: 'array of issues',
    given: { status: 400, body: '[{"path":["prompt"],"message":"Required","code":"invalid_type"}]' },
    want: 'INVALID_REQUEST',
  },
  {
    name: 'messege',
    given: { status: 400, body: '{"status":"error","messege":"prompt is required"}' },
    want: 'INVALID_REQUEST',
  },
];

// Wrapped bodies: the default client reads only the envelope, so the status decides; the tolerant
// normalizer of @errata/client/normalize finds the code inside.
const wrapped = [
  {
    name: 'generic {success:false}',
    given: {
      status: 403,
      body:
        '{"success":false,"error":{"code":"QUOTA_EXCEEDED","message":"Monthly quota exceeded"},' +
        '"meta":{"request_id":"req_1"}}',
    },
    want: { lean: 'INSUFFICIENT_PERMISSIONS', tolerant: 'QUOTA_EXCEEDED' },
  },
  {
    name: 'Workers AI {error:{code,message}}',
    given: {
      status: 404,
      body: '{"error":{"code":"MODEL_NOT_FOUND","message":"The specified model does not exist."}}',
    },
    want: { lean: 'RESOURCE_NOT_FOUND', tolerant: 'MODEL_NOT_FOUND' },
  },
];

describe('anything else, through the default client', () => {
  it.each(odd)('$name → $want', async ({ given, want }) => {
    next = given;
    const client = createClient({ baseUrl: server.url, maxRetries: 0 });
    const { error, response } = await client.GET('/v1/models');
    expect(error).toBeDefined();
    expect(error).toMatchObject({
      code: want,
      status: catalog[want as ErrorCode].status,
      doc_url: catalog[want as ErrorCode].docUrl,
    });
    expect(getRawError(response)?.body).toBe(given.body);
  });

  it.each(wrapped)(
    '$name → $want.lean by default, $want.tolerant with providerNormalizer()',
    async ({ given, want }) => {
      next = given;
      for (const [normalize, code] of [
        [undefined, want.lean],
        [providerNormalizer(), want.tolerant],
      ] as const) {
        const { error } = await createClient({
          baseUrl: server.url,
          maxRetries: 0,
          ...(normalize ? { normalize } : {}),
        }).GET('/v1/models');
        expect(error).toMatchObject({ code, status: given.status, doc_url: catalog[code as ErrorCode].docUrl });
      }
    },
  );

  it('keeps the response headers, rate-limit headers included', async () => {
    next = {
      status: 429,
      body: '',
      headers: { 'retry-after': '120', 'ratelimit-remaining': '0', 'x-request-id': 'req_rl' },
    };
    const client = createClient({ baseUrl: server.url, maxRetries: 0 });
    const { error, response } = await client.GET('/v1/models');
    expect(error).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', retry_after: 120, request_id: 'req_rl' });
    expect(response.headers.get('ratelimit-remaining')).toBe('0');
    expect(getRawError(response)?.headers.get('ratelimit-remaining')).toBe('0');
  });

  it('reads a 10 MB error body only up to maxErrorBodyBytes', async () => {
    next = { status: 500, body: 'x'.repeat(10 * 1024 * 1024), headers: { 'content-type': 'text/plain' } };
    const client = createClient({ baseUrl: server.url, maxRetries: 0 });
    const { error, response } = await client.GET('/v1/models');
    expect(error?.code).toBe('INTERNAL_ERROR');
    expect(getRawError(response)).toMatchObject({ truncated: true });
    expect(getRawError(response)?.body.length).toBe(65_536);
  });
});

describe('the API key', () => {
  const key = 'sk_live_0123456789abcdef';

  it('is sent as a bearer token', async () => {
    next = { status: 200, body: '{"data":[]}' };
    const client = createClient({ baseUrl: server.url, apiKey: key });
    await client.GET('/v1/models');
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${key}`);
  });

  it('never appears in an error, its string, its JSON or the raw body', async () => {
    next = { status: 401, body: JSON.stringify({ status: 'error', message: `Invalid API key ${key}`, echo: { key } }) };
    const client = createClient({ baseUrl: server.url, apiKey: key, normalize: providerNormalizer('modelslab') });
    const result = await client.GET('/v1/models');
    const thrown = (() => {
      try {
        unwrap(result);
      } catch (e) {
        return e;
      }
    })();
    expect(thrown).toBeInstanceOf(ErrataError);
    const error = thrown as ErrataError;
    expect(error.code).toBe('INVALID_API_KEY');
    for (const text of [
      error.message,
      String(error),
      JSON.stringify(error),
      JSON.stringify(result.error),
      getRawError(result.response)?.body ?? '',
      error.stack ?? '',
    ]) {
      expect(text).not.toContain(key);
    }
    expect(error.message).toContain('[redacted]');
  });

  it('is cut from the headers of an error response, raw and canonical, as are other bearer tokens', async () => {
    next = {
      status: 401,
      body: '',
      headers: {
        'x-echo-authorization': `Bearer ${key}`,
        'x-debug': `key=${key}; user=u_1`,
        'www-authenticate': 'Bearer other_token_123, realm="api"',
        'ratelimit-remaining': '7',
      },
    };
    const client = createClient({ baseUrl: server.url, apiKey: key, maxRetries: 0 });
    const { response } = await client.GET('/v1/models');
    const raw = getRawError(response)?.headers;
    for (const headers of [raw, response.headers]) {
      expect(headers?.get('x-echo-authorization')).toBe('Bearer [redacted]');
      expect(headers?.get('x-debug')).toBe('key=[redacted]; user=u_1');
      expect(headers?.get('www-authenticate')).toBe('Bearer [redacted], realm="api"');
      expect(headers?.get('ratelimit-remaining')).toBe('7');
      expect(JSON.stringify([...(headers ?? [])])).not.toMatch(new RegExp(`${key}|other_token_123`));
    }
  });
});
