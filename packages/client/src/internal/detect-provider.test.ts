// Who sent a body nobody named, by the detect rules of spec/providers.yaml.
import { describe, expect, it } from 'vitest';
import { detectProvider } from './detect-provider.js';

// An SDK's error object: its fields are getters on the prototype, which listing the object does not show.
class GetterError {
  constructor(
    private readonly said: string,
    private readonly kind: string,
  ) {}
  get message() {
    return this.said;
  }
  get type() {
    return this.kind;
  }
}

describe('detectProvider', () => {
  it.each([
    {
      name: 'a header only Bedrock sends wins over any body',
      given: { body: { message: 'Too many tokens' }, headers: { 'x-amzn-errortype': 'ThrottlingException:http://…' } },
      want: { among: ['bedrock'], by: 'header' },
    },
    {
      name: 'a WHATWG Headers object is read too',
      given: { body: {}, headers: new Headers({ 'x-groq-region': 'bra' }) },
      want: { among: ['groq'], by: 'header' },
    },
    {
      name: 'Anthropic’s `type: "error"` envelope',
      given: { body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } },
      want: { among: ['anthropic'], by: 'body' },
    },
    {
      name: 'Gemini’s google.rpc.Status, not OpenRouter’s numeric code',
      given: { body: { error: { code: 429, message: 'Resource has been exhausted', status: 'RESOURCE_EXHAUSTED' } } },
      want: { among: ['gemini'], by: 'body' },
    },
    {
      name: 'OpenRouter’s numeric status code',
      given: { body: { error: { message: 'No auth credentials found', code: 401 } } },
      want: { among: ['openrouter'], by: 'body' },
    },
    {
      name: 'the OpenAI-compatible shape: every host that shares it, and the shape',
      given: { body: { error: { message: 'x', type: 'invalid_request_error', param: null, code: null } } },
      want: {
        among: ['openai', 'azure-openai', 'groq', 'together', 'fireworks'],
        by: 'body',
        shape: 'openai-compatible',
      },
    },
    {
      name: 'a body with only a message',
      given: { body: { message: 'invalid api token' } },
      want: { among: ['bedrock', 'mistral', 'cohere'], by: 'body', shape: 'message-only' },
    },
    {
      name: 'Mistral’s flat `object: "error"`',
      given: { body: { object: 'error', message: 'Invalid model: x', type: 'invalid_model', code: '1500' } },
      want: { among: ['mistral'], by: 'body' },
    },
    {
      name: 'an error member whose fields are a class’s getters (not listed) is read by path',
      given: { body: { error: new GetterError('x', 'invalid_request_error') } },
      want: {
        among: ['openai', 'azure-openai', 'groq', 'together', 'fireworks'],
        by: 'body',
        shape: 'openai-compatible',
      },
    },
    {
      name: 'Gemini’s status in a one-element array (a path three members deep)',
      given: { body: [{ error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } }] },
      want: { among: ['gemini'], by: 'body' },
    },
    { name: 'nothing anyone’s rules know', given: { body: { oops: true } }, want: undefined },
    { name: 'text', given: { body: '<html>502</html>' }, want: undefined },
  ])('$name', ({ given, want }) => {
    const got = detectProvider(given.body, 'headers' in given ? given.headers : undefined);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toEqual({ shape: undefined, ...want });
  });
});

// A body listed like the last one reuses its listing: what decides is still each body's values.
describe('detectProvider on bodies in a row', () => {
  it.each([
    {
      name: 'the same member names, values of another provider',
      given: [{ error: { message: 'x', code: 401 } }, { error: { message: 'AiError: x', code: 4006 } }],
      want: [['openrouter'], ['workers-ai']],
    },
    {
      name: 'a member that was an object and is now text',
      given: [{ error: { message: 'x', code: 401 } }, { error: 'x' }, { error: { message: 'x', code: 401 } }],
      want: [['openrouter'], undefined, ['openrouter']],
    },
    {
      name: 'one member more, one fewer',
      given: [{ message: 'x' }, { message: 'x', statusCode: 500 }, { message: 'x' }],
      want: [['bedrock', 'mistral', 'cohere'], ['workers-ai-binding'], ['bedrock', 'mistral', 'cohere']],
    },
    {
      name: 'the same names in another order',
      given: [{ error: { message: 'x', code: 401 } }, { error: { code: 401, message: 'x' } }],
      want: [['openrouter'], ['openrouter']],
    },
  ])('$name', ({ given, want }) => {
    expect(given.map((body) => detectProvider(body, undefined)?.among)).toEqual(want);
  });
});
