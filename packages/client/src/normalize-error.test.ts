import { catalog, isErrorCode, type ErrorCode } from '@errata/types';
import { describe, expect, it } from 'vitest';
import { seedErrorCases } from '../test/fixtures/seed-error-bodies.js';
import { noMessage } from './internal/envelope.js';
import { normalizeError, type Provider } from './normalize-error.js';

describe('normalizeError: every error body the seeds print', () => {
  it('covers all four seed providers', () => {
    expect(new Set(seedErrorCases.map((c) => c.provider))).toEqual(new Set(['workers-ai', 'modelrunner', 'generic', 'modelslab']));
  });

  it.each(seedErrorCases)('$name → $want', (c) => {
    const got = normalizeError({ status: c.status, body: c.body }, { provider: c.provider });
    const want = catalog[c.want as ErrorCode];
    expect(got.code).toBe(c.want);
    expect(got.status).toBe(want.status);
    expect(got.doc_url).toBe(want.docUrl);
    expect(got.message).toBe(c.message ?? noMessage(c.status));
    expect(got.request_id).toBe(c.request_id ?? '');
    if (c.retry_after !== undefined) expect(got.retry_after).toBe(c.retry_after);
  });

  it('keeps the structure each provider sends', () => {
    const byName = (name: string) => seedErrorCases.find((c) => c.name.includes(name))!;
    const failed = normalizeError(byName('FAILED status payload'), { provider: 'modelrunner' });
    expect(failed.code === 'REQUEST_FAILED' && failed.details.job).toMatchObject({ status: 'FAILED', request_id: 'abc123…', queue_position: 0 });
    expect(failed.details).not.toHaveProperty('job.error');

    const invalid = normalizeError(byName('INVALID_OUTPUT'), { provider: 'modelrunner' });
    expect(invalid.code === 'INVALID_OUTPUT' && invalid.details.validation_errors).toEqual([{ instancePath: '/output/0/url', message: 'must match format "uri"' }]);

    const zod = normalizeError(byName('Zod issues'), { provider: 'modelrunner' });
    expect(zod.details).toMatchObject({ field: 'samples', issue: 'Number must be less than or equal to 4', issues: [{ path: '/samples', code: 'too_big' }] });

    const generic = normalizeError(byName('generic: error format'), { provider: 'generic' });
    expect(generic.details).toMatchObject({ field: 'specific_field_name', issue: 'detailed_issue_description' });
  });
});

// What the default (Errata) normalization makes of bodies that are not the envelope.
const odd: { name: string; given: { status: number; body: unknown; headers?: Record<string, string> }; want: { code: string; message?: string; request_id?: string; retry_after?: number } }[] = [
  { name: 'the envelope itself', given: { status: 404, body: { code: 'MODEL_NOT_FOUND', message: 'Model echo-9 does not exist.', status: 404, request_id: 'req_1', doc_url: 'x' } }, want: { code: 'MODEL_NOT_FOUND', message: 'Model echo-9 does not exist.', request_id: 'req_1' } },
  { name: 'HTML 502 from a proxy', given: { status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' }, want: { code: 'BAD_GATEWAY', message: 'The HTTP 502 response had no error message.' } },
  { name: 'empty 503', given: { status: 503, body: '' }, want: { code: 'SERVICE_UNAVAILABLE', retry_after: 1 } },
  { name: 'empty 503 with Retry-After', given: { status: 503, body: '', headers: { 'retry-after': '7' } }, want: { code: 'SERVICE_UNAVAILABLE', retry_after: 7 } },
  { name: 'invalid JSON', given: { status: 500, body: '{"code": "INTERNAL_ERR' }, want: { code: 'INTERNAL_ERROR', message: 'The HTTP 500 response had no error message.' } },
  { name: 'bare JSON string', given: { status: 400, body: '"prompt is required"' }, want: { code: 'INVALID_REQUEST', message: 'prompt is required' } },
  { name: 'plain text', given: { status: 401, body: 'Unauthorized' }, want: { code: 'INVALID_API_KEY', message: 'Unauthorized' } },
  { name: 'a stack trace is not a message', given: { status: 500, body: 'Error: boom\n    at handler (/srv/app.js:10:5)' }, want: { code: 'INTERNAL_ERROR', message: 'The HTTP 500 response had no error message.' } },
  { name: 'array of validation issues', given: { status: 400, body: [{ path: ['prompt'], message: 'Required', code: 'invalid_type' }] }, want: { code: 'INVALID_REQUEST' } },
  { name: 'ModelsLab messege', given: { status: 400, body: { status: 'error', messege: 'prompt is required' } }, want: { code: 'INVALID_REQUEST', message: 'prompt is required' } },
  { name: 'generic {success:false}', given: { status: 429, body: { success: false, error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit exceeded' }, meta: { request_id: 'req_9' } } }, want: { code: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit exceeded', request_id: 'req_9', retry_after: 1 } },
  { name: 'Workers AI {error:{code,message}}', given: { status: 404, body: { error: { code: 'MODEL_NOT_FOUND', message: 'The specified model does not exist.' } } }, want: { code: 'MODEL_NOT_FOUND', message: 'The specified model does not exist.' } },
  { name: 'unknown code from a newer server', given: { status: 429, body: { code: 'BRAND_NEW_LIMIT', message: 'Slow down' } }, want: { code: 'RATE_LIMIT_EXCEEDED', message: 'Slow down' } },
  { name: 'request id from the header', given: { status: 500, body: '', headers: { 'x-request-id': 'req_h' } }, want: { code: 'INTERNAL_ERROR', request_id: 'req_h' } },
  { name: 'status the catalog lacks (418)', given: { status: 418, body: '' }, want: { code: 'INVALID_REQUEST' } },
  { name: 'status the catalog lacks (507)', given: { status: 507, body: '' }, want: { code: 'INTERNAL_ERROR' } },
];

describe('normalizeError: anything else the server may send', () => {
  it.each(odd)('$name → $want.code', ({ given, want }) => {
    const got = normalizeError(given);
    expect(got).toMatchObject(want);
    expect(got.status).toBe(catalog[got.code].status);
    expect(got.doc_url).toBe(catalog[got.code].docUrl);
  });
});

describe('normalizeError: the status fallback', () => {
  const table: { status: number; want: ErrorCode }[] = [
    { status: 400, want: 'INVALID_REQUEST' }, { status: 401, want: 'INVALID_API_KEY' }, { status: 402, want: 'INSUFFICIENT_BALANCE' },
    { status: 403, want: 'INSUFFICIENT_PERMISSIONS' }, { status: 404, want: 'RESOURCE_NOT_FOUND' }, { status: 408, want: 'TIMEOUT' },
    { status: 413, want: 'REQUEST_TOO_LARGE' }, { status: 429, want: 'RATE_LIMIT_EXCEEDED' }, { status: 500, want: 'INTERNAL_ERROR' },
    { status: 502, want: 'BAD_GATEWAY' }, { status: 503, want: 'SERVICE_UNAVAILABLE' }, { status: 504, want: 'GATEWAY_TIMEOUT' },
  ];
  it.each(table)('$status → $want', ({ status, want }) => {
    expect(normalizeError({ status, body: '' }).code).toBe(want);
  });

  it('gives every status in the catalog a code of that status', () => {
    for (const { status } of Object.values(catalog)) expect(catalog[normalizeError({ status, body: '' }).code].status).toBe(status);
  });
});

describe('normalizeError: per provider', () => {
  const providers: Provider[] = ['errata', 'workers-ai', 'modelrunner', 'generic', 'modelslab'];
  it.each(providers)('%s: any body yields a catalog code', (provider) => {
    for (const body of ['', 'x', '[]', 'null', '{}', '{"error":null}', '{"error":{"code":42}}', '<p>']) {
      expect(isErrorCode(normalizeError({ status: 500, body }, { provider }).code)).toBe(true);
    }
  });

  it('redacts the API key from every text it keeps', () => {
    const got = normalizeError(
      { status: 401, body: { status: 'error', message: 'Invalid API key sk_live_secret', details: { key: 'sk_live_secret' } } },
      { redact: (t) => t.split('sk_live_secret').join('[redacted]') },
    );
    expect(JSON.stringify(got)).not.toContain('sk_live_secret');
    expect(got.message).toBe('Invalid API key [redacted]');
  });
});
