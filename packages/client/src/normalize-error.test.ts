import { catalog, type ErrorCode, isErrorCode, type ProviderId, providers } from '@errata/types';
import { describe, expect, it } from 'vitest';
import { seedErrorCases } from '../test/fixtures/seed-errors.js';
import { expectCanonical } from '../test/helpers/canonical.js';
import { ErrataError } from './errors.js';
import { noMessage } from './internal/envelope.js';
import { normalizeError, type Provider, providerNormalizer } from './normalize-error.js';

const errors = seedErrorCases.flatMap((c) => ('code' in c.want ? [{ ...c, want: c.want }] : []));

describe('normalizeError: every error the seeds document (test/fixtures/seed-errors.json in @errata/types)', () => {
  it.each(errors)('#$id $seed → $want.code', ({ provider, status, body, want }) => {
    const got = normalizeError({ status, body }, { provider });
    // The catalog's facts of the code, and where it came from: the provider, its own code / internal
    // code, its name, status and message.
    expectCanonical(got, want);
    // The seed fixture lists every detail its bodies yield, so a case without any yields none.
    if (!want.details) expect(got.details).toBeUndefined();
    expect(got.message).toBe(
      want.origin.message ??
        (got.code === 'INVALID_FIELD_VALUE' && want.details?.issues ? got.message : noMessage(status)),
    );
  });

  it.each(seedErrorCases.filter((c) => 'not_an_error' in c.want))(
    '#$id $seed is refused, not made an error',
    ({ provider, status, body }) => {
      const refused = (() => {
        try {
          normalizeError({ status, body }, { provider });
        } catch (error) {
          return error;
        }
        return undefined;
      })();
      expect(refused).toBeInstanceOf(ErrataError);
      expect(refused).toMatchObject({ code: 'INVALID_RESPONSE', status });
      expect((refused as Error).message).toContain('not an error');
    },
  );

  it('keeps errors merged into one code apart by their origin', () => {
    // Workers AI's REST INVALID_REQUEST, the Worker's INVALID_PAYLOAD, the generic API's and a bare ModelsLab 400.
    const merged = errors
      .filter((c) => c.want.code === 'INVALID_REQUEST')
      .map((c) => JSON.stringify(normalizeError(c, { provider: c.provider }).origin));
    expect(new Set(merged).size).toBeGreaterThanOrEqual(4);
  });
});

// What the default (Errata) normalization makes of bodies that are not the envelope.
const odd: {
  name: string;
  given: { status: number; body: unknown; headers?: Record<string, string> };
  want: { code: string; message?: string; request_id?: string; retry_after?: number };
}[] = [
  {
    name: 'the envelope itself',
    given: {
      status: 404,
      body: {
        code: 'MODEL_NOT_FOUND',
        message: 'Model echo-9 does not exist.',
        status: 404,
        request_id: 'req_1',
        doc_url: 'x',
      },
    },
    want: { code: 'MODEL_NOT_FOUND', message: 'Model echo-9 does not exist.', request_id: 'req_1' },
  },
  {
    name: 'HTML 502 from a proxy',
    given: { status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' },
    want: { code: 'BAD_GATEWAY', message: 'The HTTP 502 response had no error message.' },
  },
  { name: 'empty 503', given: { status: 503, body: '' }, want: { code: 'SERVICE_UNAVAILABLE' } },
  {
    name: 'empty 503 with Retry-After',
    given: { status: 503, body: '', headers: { 'retry-after': '7' } },
    want: { code: 'SERVICE_UNAVAILABLE', retry_after: 7 },
  },
  {
    name: 'invalid JSON',
    given: { status: 500, body: '{"code": "INTERNAL_ERR' },
    want: { code: 'INTERNAL_ERROR', message: 'The HTTP 500 response had no error message.' },
  },
  {
    name: 'bare JSON string',
    given: { status: 400, body: '"prompt is required"' },
    want: { code: 'INVALID_REQUEST', message: 'prompt is required' },
  },
  {
    name: 'plain text',
    given: { status: 401, body: 'Unauthorized' },
    want: { code: 'UNAUTHENTICATED', message: 'Unauthorized' },
  },
  {
    name: 'a stack trace is not a message',
    given: { status: 500, body: 'Error: boom\n    at handler (/srv/app.js:10:5)' },
    want: { code: 'INTERNAL_ERROR', message: 'The HTTP 500 response had no error message.' },
  },
  {
    name: 'array of validation issues',
    given: { status: 400, body: [{ path: ['prompt'], message: 'Required', code: 'invalid_type' }] },
    want: { code: 'INVALID_REQUEST' },
  },
  {
    // Recognised by its shape (`status: "error"`), so ModelsLab's crosswalk reads it.
    name: 'ModelsLab messege',
    given: { status: 400, body: { status: 'error', messege: 'prompt is required' } },
    want: { code: 'MISSING_REQUIRED_FIELD', message: 'prompt is required' },
  },
  {
    name: 'generic {success:false}',
    given: {
      status: 429,
      body: {
        success: false,
        error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit exceeded' },
        meta: { request_id: 'req_9' },
      },
    },
    want: { code: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit exceeded', request_id: 'req_9' },
  },
  {
    name: 'Workers AI {error:{code,message}}',
    given: {
      status: 404,
      body: { error: { code: 'MODEL_NOT_FOUND', message: 'The specified model does not exist.' } },
    },
    want: { code: 'MODEL_NOT_FOUND', message: 'The specified model does not exist.' },
  },
  {
    name: 'unknown code from a newer server',
    given: { status: 429, body: { code: 'BRAND_NEW_LIMIT', message: 'Slow down' } },
    want: { code: 'RATE_LIMIT_EXCEEDED', message: 'Slow down' },
  },
  {
    name: 'request id from the header',
    given: { status: 500, body: '', headers: { 'x-request-id': 'req_h' } },
    want: { code: 'INTERNAL_ERROR', request_id: 'req_h' },
  },
  { name: 'status the catalog lacks (418)', given: { status: 418, body: '' }, want: { code: 'INVALID_REQUEST' } },
  { name: 'status the catalog lacks (507)', given: { status: 507, body: '' }, want: { code: 'INTERNAL_ERROR' } },
];

describe('normalizeError: anything else the server may send', () => {
  it.each(odd)('$name → $want.code', ({ given, want }) => {
    const got = normalizeError(given);
    expect(got).toMatchObject(want);
    expect(got.status).toBe(catalog[got.code].status);
    expect(got.doc_url).toBe(catalog[got.code].docUrl);
    // A wait only where the response stated one: never a made-up second.
    expect(got.retry_after).toBe(want.retry_after);
  });
});

describe('normalizeError: the status fallback', () => {
  const table: { status: number; want: ErrorCode }[] = [
    { status: 400, want: 'INVALID_REQUEST' },
    { status: 401, want: 'UNAUTHENTICATED' },
    { status: 402, want: 'INSUFFICIENT_BALANCE' },
    { status: 403, want: 'INSUFFICIENT_PERMISSIONS' },
    { status: 404, want: 'RESOURCE_NOT_FOUND' },
    { status: 408, want: 'TIMEOUT' },
    { status: 413, want: 'REQUEST_TOO_LARGE' },
    { status: 429, want: 'RATE_LIMIT_EXCEEDED' },
    { status: 500, want: 'INTERNAL_ERROR' },
    { status: 502, want: 'BAD_GATEWAY' },
    { status: 503, want: 'SERVICE_UNAVAILABLE' },
    { status: 504, want: 'GATEWAY_TIMEOUT' },
  ];
  it.each(table)('$status → $want', ({ status, want }) => {
    expect(normalizeError({ status, body: '' }).code).toBe(want);
  });

  it('gives every status in the catalog a code of that status', () => {
    for (const { status } of Object.values(catalog))
      expect(catalog[normalizeError({ status, body: '' }).code].status).toBe(status);
  });
});

describe('normalizeError: per provider', () => {
  // Errata's own envelope, and every provider of spec/providers.yaml.
  const every: Provider[] = ['errata', ...(Object.keys(providers) as ProviderId[])];
  it.each(every)('%s: any body yields a catalog code', (provider) => {
    for (const body of ['', 'x', '[]', 'null', '{}', '{"error":null}', '{"error":{"code":42}}', '<p>']) {
      expect(isErrorCode(normalizeError({ status: 500, body }, { provider }).code)).toBe(true);
    }
  });

  it('redacts the API key from every text it keeps', () => {
    const got = normalizeError(
      {
        status: 401,
        body: { status: 'error', message: 'Invalid API key sk_live_secret', details: { key: 'sk_live_secret' } },
      },
      { redact: (t) => t.split('sk_live_secret').join('[redacted]') },
    );
    expect(JSON.stringify(got)).not.toContain('sk_live_secret');
    expect(got.message).toBe('Invalid API key [redacted]');
  });
});

describe('providerNormalizer', () => {
  it('an unknown provider is an ErrataError INVALID_OPTIONS that lists the known ones, not a bare TypeError', () => {
    const unknown = 'not-a-provider' as Provider;
    expect(() => providerNormalizer(unknown)).toThrow(ErrataError);
    expect(() => providerNormalizer(unknown)).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTIONS',
        message: expect.stringContaining(`known: ${Object.keys(providers).join(', ')}`),
      }),
    );
  });
});
