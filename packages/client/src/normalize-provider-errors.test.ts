// normalizeError over every documented error of the providers beyond the seeds
// (test/fixtures/provider-errors.json in @errata/types): the canonical code with the catalog's
// status, category and retry policy, the origin exactly as the provider sent it, and the wait a
// body asks for (Gemini's google.rpc.RetryInfo).
import { describe, expect, it } from 'vitest';
import { providerErrorCases } from '../test/fixtures/provider-errors.js';
import { expectCanonical } from '../test/helpers/canonical.js';
import { normalizeError } from './normalize-error.js';

describe('normalizeError: every error the inference providers document', () => {
  it.each(providerErrorCases)('#$id $provider “$name” → $want.code', ({ provider, status, stream, body, want }) => {
    // A stream error event reaches the normalizer under the stream's 200 (the case's status).
    const got = normalizeError({ status, body: stream?.data ?? body }, { provider });
    expectCanonical(got, want);
    expect(got.message).toBe(want.origin.message);
  });

  // Each provider's documented 429s (fixture cases by provider and name), and the retry policy each must get.
  const documented429s = ({ provider, name }: { provider: string; name: string }) =>
    providerErrorCases.filter((c) => c.want.origin.status === 429 && c.provider === provider && c.name.includes(name));
  it.each([
    {
      name: 'OpenAI rate_limit_exceeded is waited out',
      given: { provider: 'openai', name: 'Rate limit reached for requests' },
      want: 'after_retry_after',
    },
    {
      name: 'OpenAI insufficient_quota is not retried',
      given: { provider: 'openai', name: 'You exceeded your current quota' },
      want: 'never',
    },
    {
      name: 'Anthropic’s tier spend cap (a 429 rate_limit_error) is not retried',
      given: { provider: 'anthropic', name: 'tier monthly spend cap' },
      want: 'never',
    },
    {
      name: 'Anthropic’s rate_limit_error is waited out',
      given: { provider: 'anthropic', name: '429 - rate_limit_error' },
      want: 'after_retry_after',
    },
  ])('$name', ({ given, want }) => {
    const cases = documented429s(given);
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases)
      expect(normalizeError({ status: c.status, body: c.body }, { provider: c.provider }).retry).toBe(want);
  });

  it('tells an Anthropic 529 overload from its 429 rate limit, and keeps the type in origin', () => {
    const overloaded = normalizeError(
      { status: 529, body: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}' },
      { provider: 'anthropic' },
    );
    expect(overloaded).toMatchObject({
      code: 'OVERLOADED',
      status: 503,
      origin: { type: 'overloaded_error', status: 529 },
    });
  });

  it('reads Gemini’s ErrorInfo reason wherever it sits in details[]', () => {
    const body = {
      error: {
        code: 400,
        message: 'API key not valid.',
        status: 'INVALID_ARGUMENT',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.LocalizedMessage' },
          { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' },
        ],
      },
    };
    expect(normalizeError({ status: 400, body }, { provider: 'gemini' })).toMatchObject({
      code: 'INVALID_API_KEY',
      origin: { code: 'INVALID_ARGUMENT', reason: 'API_KEY_INVALID' },
    });
    expect(
      normalizeError({ status: 400, body: { error: { ...body.error, details: [] } } }, { provider: 'gemini' }).code,
    ).toBe('INVALID_REQUEST');
  });
});
