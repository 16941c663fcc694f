// Malformed JSON bodies over real HTTP: INVALID_REQUEST says why in general terms and never
// quotes the body (Node's JSON.parse messages do), so a secret in a broken body is not echoed.
import { describe, expect, it } from 'vitest';
import { useSandbox } from './test-support/http.js';

const sandbox = useSandbox({ rateLimit: 100_000 });
const SECRET = 'sk_live_SUPERSECRET0123456789';

describe('a malformed JSON body', () => {
  it.each([
    { name: 'a bare token', given: `{"prompt": ${SECRET}}`, want: /the body is not valid JSON \(unexpected content\)/ },
    {
      name: 'trailing content',
      given: `{"prompt":"hi"} ${SECRET}`,
      want: /the body is not valid JSON \(unexpected content at character 16\)/,
    },
    { name: 'a cut-off body', given: `{"${SECRET}":`, want: /the body is not valid JSON \(it ends too early\)/ },
    { name: 'a single quote', given: `{'key': '${SECRET}'}`, want: /the body is not valid JSON/ },
  ])('answers INVALID_REQUEST without quoting it: $name', async ({ given, want }) => {
    const response = await fetch(`${sandbox().url}/v1/models/echo-1/run`, {
      method: 'POST',
      headers: { Authorization: 'Bearer sk_test_valid', 'Content-Type': 'application/json' },
      body: given,
    });
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(JSON.parse(text)).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringMatching(want) });
    expect(text).not.toContain('SUPERSECRET');
    expect(text).not.toContain('sk_live');
  });
});
