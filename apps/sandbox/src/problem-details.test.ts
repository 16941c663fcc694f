// RFC 9457 problem details, negotiated: the sandbox answers `application/problem+json` when `Accept`
// asks for it, the body is what the spec declares for that media type, and the client reads it as
// the envelope.
import { createClient } from '@errata/client';
import { normalizeError } from '@errata/client/normalize';
import { compileSpecSchema, createSpecAjv } from '@errata/spec-model';
import { describe, expect, it } from 'vitest';
import { model } from './internal/spec.js';
import { call, useSandbox } from './test-support/http.js';

const sandbox = useSandbox();
const ajv = createSpecAjv(model.document);
// The response getModel answers for an unknown model, under each media type.
const schemaOf = (media: string) =>
  compileSpecSchema(ajv, `#/components/responses/ModelNotFound/content/${media.replace('/', '~1')}/schema`);

const cases: { name: string; given: string | undefined; want: 'application/json' | 'application/problem+json' }[] = [
  { name: 'no Accept: the envelope', given: undefined, want: 'application/json' },
  { name: 'Accept: application/json', given: 'application/json', want: 'application/json' },
  { name: 'Accept: application/problem+json', given: 'application/problem+json', want: 'application/problem+json' },
  {
    name: 'problem+json preferred over json',
    given: 'application/problem+json, application/json;q=0.5',
    want: 'application/problem+json',
  },
];

describe('problem details from the sandbox', () => {
  it.each(cases)('$name', async ({ given, want }) => {
    const reply = await call(sandbox().url, 'GET', '/v1/models/nope-1', given ? { headers: { Accept: given } } : {});
    expect(reply.status).toBe(404);
    expect(reply.headers.get('content-type')).toContain(want);
    const validate = schemaOf(want);
    expect(validate(reply.body), JSON.stringify(validate.errors)).toBe(true);
    expect(reply.body).toMatchObject({ code: 'MODEL_NOT_FOUND', request_id: reply.headers.get('x-request-id') });
    if (want === 'application/problem+json')
      expect(reply.body).toMatchObject({
        type: reply.body.doc_url,
        title: 'Model not found',
        status: 404,
        detail: reply.body.message,
        instance: reply.body.request_id,
      });
    else expect(reply.body).not.toHaveProperty('type');
  });

  it('the spec refuses problem details without RFC 9457’s members', async () => {
    const reply = await call(sandbox().url, 'GET', '/v1/models/nope-1');
    expect(schemaOf('application/problem+json')(reply.body)).toBe(false);
  });

  it('the client and normalizeError read problem details as the envelope', async () => {
    const reply = await call(sandbox().url, 'GET', '/v1/models/nope-1', {
      headers: { Accept: 'application/problem+json' },
    });
    const client = createClient({ baseUrl: sandbox().url, apiKey: 'sk_test_valid', maxRetries: 0 });
    const { error, response } = await client.GET('/v1/models/{model}', {
      params: { path: { model: 'nope-1' } },
      headers: { Accept: 'application/problem+json' },
    });
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(error).toMatchObject({
      code: 'MODEL_NOT_FOUND',
      message: 'Model nope-1 does not exist.',
      request_id: response.headers.get('x-request-id'),
      details: { model: 'nope-1' },
    });
    const normalized = normalizeError({ status: reply.status, headers: reply.headers, body: reply.body });
    expect(normalized).toMatchObject({
      code: 'MODEL_NOT_FOUND',
      request_id: reply.body.instance,
      details: { model: 'nope-1' },
    });
    expect(normalized).not.toHaveProperty('origin');
  });
});
