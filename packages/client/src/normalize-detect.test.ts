// normalizeError without the provider (detection), and what it reads beyond the body's code: the
// headers, the waits a response states, nested upstream errors, FastAPI's `detail`.
import { describe, expect, it } from 'vitest';
import { normalizeError } from './normalize-error.js';

const openai = JSON.stringify({
  error: {
    message: 'The model `gpt-4o` does not exist.',
    type: 'invalid_request_error',
    param: null,
    code: 'model_not_found',
  },
});

describe('normalizeError without a provider', () => {
  it.each([
    {
      name: 'a body of one provider’s shape: its crosswalk, and how it was told',
      given: { status: 529, body: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}' },
      want: { code: 'OVERLOADED', origin: { provider: 'anthropic', type: 'overloaded_error', detected: 'body' } },
    },
    {
      name: 'a shared shape: the candidates’ common meaning, and which were considered',
      given: { status: 404, body: openai },
      want: {
        code: 'MODEL_NOT_FOUND',
        origin: {
          provider: 'openai',
          detected: 'body',
          shape: 'openai-compatible',
          candidates: ['openai', 'azure-openai', 'groq', 'together', 'fireworks'],
        },
      },
    },
    {
      name: 'a header only Bedrock sends: the exception name it carries is the code',
      given: {
        status: 403,
        headers: {
          'x-amzn-errortype': 'ExpiredTokenException:http://internal.amazon.com/coral/com.amazon.coral.service/',
        },
        body: '{"message":"The security token included in the request is expired"}',
      },
      want: {
        code: 'EXPIRED_API_KEY',
        origin: { provider: 'bedrock', code: 'ExpiredTokenException', detected: 'header' },
      },
    },
    {
      name: 'a body nobody’s rules know: the status speaks, and the envelope says so',
      given: { status: 403, body: '{"oops":"denied"}' },
      want: { code: 'INSUFFICIENT_PERMISSIONS', origin: { provider: 'unknown', recognised: false, status: 403 } },
    },
  ])('$name', ({ given, want }) => {
    expect(normalizeError(given)).toMatchObject(want);
  });

  it('names the same code with and without the hint for a body of one provider', () => {
    const body = '{"error":{"message":"x","type":"invalid_request_error","code":"context_length_exceeded"}}';
    expect(normalizeError({ status: 400, body }).code).toBe('PROMPT_TOO_LONG');
    expect(normalizeError({ status: 400, body }, { provider: 'openai' }).code).toBe('PROMPT_TOO_LONG');
  });
});

describe('normalizeError: everything the wire carries', () => {
  it.each([
    {
      name: 'a wait stated in the message',
      given: {
        status: 429,
        body: '{"error":{"code":"429","message":"Rate limit is exceeded. Try again in 2 seconds."}}',
      },
      want: { code: 'RATE_LIMIT_EXCEEDED', retry_after: 2 },
    },
    {
      name: 'the used-up limit’s reset header, when nothing else states a wait',
      given: {
        status: 429,
        headers: { 'x-ratelimit-remaining-tokens': '0', 'x-ratelimit-reset-tokens': '9m38s' },
        body: '{"error":{"message":"Rate limit reached","type":"tokens","code":"rate_limit_exceeded"}}',
      },
      want: { code: 'RATE_LIMIT_EXCEEDED', retry_after: 578 },
    },
    {
      name: 'retry-after-ms outranks the message',
      given: {
        status: 429,
        headers: { 'retry-after-ms': '1500' },
        body: '{"error":{"code":"429","message":"Try again in 2 seconds."}}',
      },
      want: { code: 'RATE_LIMIT_EXCEEDED', retry_after: 2 },
    },
    {
      name: 'OpenRouter’s upstream error in metadata.raw: its meaning and its origin',
      given: {
        status: 400,
        body: JSON.stringify({
          error: {
            message: 'Provider returned error',
            code: 400,
            metadata: {
              raw: '{"error":{"message":"Missing parameter \'tool_call_id\'.","type":"invalid_request_error"}}',
              provider_name: 'OpenAI',
            },
          },
        }),
      },
      want: {
        code: 'MISSING_REQUIRED_FIELD',
        origin: { provider: 'openrouter', upstream: { provider: 'openai', type: 'invalid_request_error' } },
      },
    },
    {
      name: 'FastAPI’s detail array as validation issues',
      given: {
        status: 422,
        body: '{"detail":[{"type":"extra_forbidden","loc":["body","store"],"msg":"Extra inputs are not permitted"}]}',
      },
      want: {
        code: 'INVALID_REQUEST',
        message: '/store: Extra inputs are not permitted',
        details: { field: 'store', issues: [{ path: '/store', message: 'Extra inputs are not permitted' }] },
      },
    },
  ])('$name', ({ given, want }) => {
    expect(normalizeError(given)).toMatchObject(want);
  });

  it('claims no wait the response did not state', () => {
    const got = normalizeError({
      status: 429,
      body: '{"type":"error","error":{"type":"rate_limit_error","message":"x"}}',
    });
    expect(got.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(got).not.toHaveProperty('retry_after');
  });
});
