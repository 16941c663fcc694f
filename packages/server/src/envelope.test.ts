import { describe, expect, it } from 'vitest';
import { createErrataServer, type ErrorInit, errataServer, type ResponseContext } from './index.js';

const server = errataServer({ retryAfter: 7 });
const context = { requestId: 'req_0123456789abcdef' };

const cases: {
  name: string;
  given: { code: Parameters<typeof server.error>[0]; init?: ErrorInit; context?: Partial<ResponseContext> };
  want: { status: number; body: Record<string, unknown>; headers?: Record<string, string>; absent?: string[] };
}[] = [
  {
    name: 'the template is filled and its parameters are details fields',
    given: { code: 'MODEL_NOT_FOUND', init: { params: { model: 'echo-9' } } },
    want: {
      status: 404,
      body: {
        code: 'MODEL_NOT_FOUND',
        status: 404,
        message: 'Model echo-9 does not exist.',
        category: 'not_found',
        retry: 'never',
        request_id: context.requestId,
        doc_url: 'https://errata.dev/docs/errors#MODEL_NOT_FOUND',
        details: { model: 'echo-9' },
      },
      absent: ['Retry-After'],
    },
  },
  {
    name: 'a wait-policy code gets retry_after and Retry-After, the same value',
    given: {
      code: 'RATE_LIMIT_EXCEEDED',
      init: { retryAfter: 12 },
      context: { rateLimit: { limit: 10, remaining: 0, reset: 12 } },
    },
    want: {
      status: 429,
      body: { retry_after: 12, retry: 'after_retry_after', category: 'rate_limit' },
      headers: {
        'Retry-After': '12',
        'RateLimit-Limit': '10',
        'RateLimit-Remaining': '0',
        'RateLimit-Reset': '12',
        'X-Request-Id': context.requestId,
      },
    },
  },
  {
    name: 'without a wait, the default applies',
    given: { code: 'OVERLOADED' },
    want: { status: 503, body: { retry_after: 7 }, headers: { 'Retry-After': '7' } },
  },
  {
    name: 'details win over a template parameter of the same name; extra params stay out of details',
    given: {
      code: 'INVALID_FIELD_VALUE',
      init: {
        params: { field: 'samples', issue: 'must be <= 4', unused: 'x' },
        details: { issue: 'samples must be between 1 and 4' },
      },
    },
    want: {
      status: 400,
      body: {
        message: 'Field samples is invalid: must be <= 4.',
        details: { field: 'samples', issue: 'samples must be between 1 and 4' },
      },
    },
  },
  {
    name: 'a message given replaces the template',
    given: {
      code: 'INTERNAL_ERROR',
      init: { message: 'Something broke.', headers: { 'Errata-Simulated': 'INTERNAL_ERROR' } },
    },
    want: { status: 500, body: { message: 'Something broke.' }, headers: { 'Errata-Simulated': 'INTERNAL_ERROR' } },
  },
];

describe('server.error', () => {
  it.each(cases)('$name', ({ given, want }) => {
    const response = server.error(given.code, given.init, { ...context, ...given.context });
    expect(response.status).toBe(want.status);
    expect(response.body).toMatchObject(want.body);
    expect(response.headers).toMatchObject(want.headers ?? {});
    for (const name of want.absent ?? []) expect(response.headers).not.toHaveProperty(name);
  });

  it('mints a request id when none is given, and the header agrees with the body', () => {
    const { headers, body } = server.error('INTERNAL_ERROR');
    expect(body.request_id).toMatch(/^req_[0-9a-f]{32}$/);
    expect(headers['X-Request-Id']).toBe(body.request_id);
  });

  it('refuses a code the catalog does not hold', () => {
    // @ts-expect-error not an ErrorCode
    expect(() => server.error('NOPE')).toThrow('The catalog has no code NOPE');
  });
});

describe('createErrataServer with another team’s spec', () => {
  const spec = {
    openapi: '3.1.0',
    info: { title: 'Acme', version: '1' },
    'x-errata': { docs_url: 'https://acme.test/errors' },
    paths: {
      '/jobs': {
        get: {
          operationId: 'listJobs',
          responses: {
            '502': {
              description: 'Upstream failed',
              headers: { 'Retry-After': { required: true, schema: { type: 'integer' } } },
              content: {
                'application/json': { schema: { oneOf: [{ properties: { code: { const: 'ACME_UPSTREAM' } } }] } },
              },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        ACME_BUSY: {
          'x-error': {
            status: 503,
            internal_code: 9001,
            category: 'server',
            retry: 'after_retry_after',
            message: 'Acme is busy with {job}.',
            remedy: 'Wait.',
          },
          properties: { code: { const: 'ACME_BUSY' } },
        },
        ACME_UPSTREAM: {
          'x-error': {
            status: 502,
            internal_code: 9002,
            category: 'provider',
            retry: 'backoff',
            message: 'Upstream failed.',
            remedy: 'Retry with backoff.',
          },
          properties: { code: { const: 'ACME_UPSTREAM' } },
        },
      },
    },
  };
  it('builds its codes from its catalog', () => {
    const acme = createErrataServer({ spec, retryAfter: () => 30, docsUrl: 'https://docs.acme.test/e' });
    expect(acme.error('ACME_BUSY', { params: { job: 'j1' } }, context)).toEqual({
      status: 503,
      headers: { 'Content-Type': 'application/json', 'X-Request-Id': context.requestId, 'Retry-After': '30' },
      body: {
        code: 'ACME_BUSY',
        message: 'Acme is busy with j1.',
        status: 503,
        category: 'server',
        retry: 'after_retry_after',
        request_id: context.requestId,
        doc_url: 'https://docs.acme.test/e#ACME_BUSY',
        retry_after: 30,
        details: { job: 'j1' },
      },
    });
  });

  it('sends Retry-After where the response needs it, though the policy is backoff (no retry_after in the body)', () => {
    const acme = createErrataServer({ spec, retryAfter: 5 });
    const operation = acme.model.operation('listJobs');
    expect(acme.error('ACME_UPSTREAM', {}, { ...context, operation }).headers['Retry-After']).toBe('5');
    expect(acme.error('ACME_UPSTREAM', {}, { ...context, operation }).body).not.toHaveProperty('retry_after');
    expect(acme.error('ACME_UPSTREAM', {}, context).headers).not.toHaveProperty('Retry-After');
  });
});
