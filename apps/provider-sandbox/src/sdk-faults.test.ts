// The providers' own SDKs against the provider sandbox over real HTTP on 127.0.0.1: each gets, for
// the meanings that matter most, the body and headers the provider really sent (the corpus case),
// and a mid-stream error on each streaming API.
import Anthropic from '@anthropic-ai/sdk';
import { ApiError, GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from './corpus.js';
import { answerFault } from './faults/choose-case.js';
import { type Served, serveSandbox } from './test-support/serve.js';
import { thrown } from './test-support/thrown.js';

const corpus = loadCorpus();
let sandbox: Served;
beforeAll(async () => {
  sandbox = await serveSandbox({ corpus });
});
afterAll(() => sandbox.close());

// The meanings every provider's SDK must meet, each as the codes that say it at one provider or
// another (Anthropic's billing error is out of credits, OpenAI's is a quota): a row takes the first
// code the provider's corpus answers with, and fails when the corpus holds none.
const MEANINGS: Record<string, readonly string[]> = {
  'rate limit': ['RATE_LIMIT_EXCEEDED'],
  quota: ['QUOTA_EXCEEDED', 'INSUFFICIENT_BALANCE', 'DAILY_QUOTA_EXCEEDED'],
  auth: ['INVALID_API_KEY', 'UNAUTHENTICATED'],
  overload: ['OVERLOADED'],
  'context overflow': ['PROMPT_TOO_LONG'],
  'content policy': ['PROMPT_VIOLATION'],
};

// What a provider does not send as an error at all, with where it says so.
const NOT_AN_ERROR: Record<string, Record<string, string>> = {
  gemini: {
    // https://ai.google.dev/api/generate-content#PromptFeedback: a blocked prompt is a 200 whose
    // promptFeedback.blockReason is set, with no candidates; a blocked answer is a candidate whose
    // finishReason is SAFETY. Neither is an HTTP error.
    'content policy': 'Gemini refuses with a 200 (promptFeedback.blockReason, finishReason SAFETY)',
  },
};

function rows(provider: string): { meaning: string; code: string }[] {
  return Object.entries(MEANINGS)
    .filter(([meaning]) => NOT_AN_ERROR[provider]?.[meaning] === undefined)
    .map(([meaning, codes]) => ({
      meaning,
      code: codes.find((c) => corpus.get(provider)?.some((k) => k.want.code === c && k.given.body)) ?? codes[0]!,
    }));
}

const openai = (headers: Record<string, string>) =>
  new OpenAI({ apiKey: 'sk-test', baseURL: `${sandbox.url}/openai/v1`, maxRetries: 0, defaultHeaders: headers });
const anthropic = (headers: Record<string, string>) =>
  new Anthropic({ apiKey: 'sk-ant-test', baseURL: `${sandbox.url}/anthropic`, maxRetries: 0, defaultHeaders: headers });
const gemini = (headers: Record<string, string>) =>
  new GoogleGenAI({ apiKey: 'AIza-test', httpOptions: { baseUrl: `${sandbox.url}/gemini`, headers } });

const ANSWER = 'Hello from the Errata provider sandbox.';

describe('openai-node gets what OpenAI sent', () => {
  it.each(rows('openai'))('$meaning ($code)', async ({ code }) => {
    const fault = answerFault(corpus, 'openai', { code });
    const error = await thrown(() =>
      openai({ 'errata-simulate': code }).chat.completions.create({ model: 'gpt-4o-mini', messages: [] }),
    );
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error.status).toBe(fault.status);
    expect(error.error).toEqual((JSON.parse(fault.body) as { error: unknown }).error);
    for (const [name, value] of Object.entries(fault.headers)) expect((error.headers as Headers).get(name)).toBe(value);
  });

  it('a mid-stream error after the tokens before it', async () => {
    const client = openai({ 'errata-simulate': 'INTERNAL_ERROR', 'errata-simulate-after': '3' });
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [], stream: true });
    const text: string[] = [];
    const error = await thrown(async () => {
      for await (const chunk of stream) text.push(chunk.choices[0]?.delta.content ?? '');
    });
    expect(text.join('')).toBe('Hello from the');
    expect(error).toBeInstanceOf(OpenAI.APIError);
  });
});

describe('@anthropic-ai/sdk gets what Anthropic sent', () => {
  it.each(rows('anthropic'))('$meaning ($code)', async ({ code }) => {
    const fault = answerFault(corpus, 'anthropic', { code });
    const error = await thrown(() =>
      anthropic({ 'errata-simulate': code }).messages.create({
        model: 'claude-sonnet-4-5',
        max_tokens: 10,
        messages: [],
      }),
    );
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(error.status).toBe(fault.status);
    expect(error.error).toEqual(JSON.parse(fault.body));
    for (const [name, value] of Object.entries(fault.headers)) expect((error.headers as Headers).get(name)).toBe(value);
  });

  it('overloaded_error mid-stream after the tokens before it', async () => {
    const stream = anthropic({ 'errata-simulate': 'OVERLOADED', 'errata-simulate-after': '2' }).messages.stream({
      model: 'claude-sonnet-4-5',
      max_tokens: 10,
      messages: [],
    });
    const text: string[] = [];
    stream.on('text', (delta) => text.push(delta));
    const error = await thrown(() => stream.finalMessage());
    expect(text.join('')).toBe('Hello from');
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(JSON.stringify(error.error)).toContain('overloaded_error');
  });
});

describe('@google/genai gets what Gemini sent', () => {
  it.each(rows('gemini'))('$meaning ($code)', async ({ code }) => {
    const fault = answerFault(corpus, 'gemini', { code });
    const error = await thrown(() =>
      gemini({ 'errata-simulate': code }).models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(fault.status);
    // The SDK keeps the body only in its message, as JSON after the status line.
    expect(JSON.parse(String(error.message).slice(String(error.message).indexOf('{')))).toEqual(JSON.parse(fault.body));
  });

  it('a mid-stream error after the tokens before it', async () => {
    const client = gemini({ 'errata-simulate': 'INTERNAL_ERROR', 'errata-simulate-after': '2' });
    const text: string[] = [];
    const error = await thrown(async () => {
      const request = { model: 'gemini-2.5-flash', contents: 'hi' };
      for await (const chunk of await client.models.generateContentStream(request)) text.push(chunk.text ?? '');
    });
    expect(text.join('')).toBe('Hello from');
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(500);
  });
});

describe('success answers the SDKs accept', () => {
  it('openai chat, stream and embeddings', async () => {
    const client = openai({});
    const chat = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [] });
    expect(chat.choices[0]?.message.content).toBe(ANSWER);
    let text = '';
    for await (const chunk of await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [],
      stream: true,
    }))
      text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe(ANSWER);
    const embeddings = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['a', 'b'] });
    expect(embeddings.data.map((d) => d.index)).toEqual([0, 1]);
  });

  it('anthropic messages and stream', async () => {
    const client = anthropic({});
    const message = await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [] });
    expect(message.content).toEqual([{ type: 'text', text: ANSWER }]);
    const stream = client.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [] });
    expect(await stream.finalText()).toBe(ANSWER);
  });

  it('gemini generateContent and its stream', async () => {
    const client = gemini({});
    const answer = await client.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' });
    expect(answer.text).toBe(ANSWER);
    let text = '';
    for await (const chunk of await client.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'hi' }))
      text += chunk.text ?? '';
    expect(text).toBe(ANSWER);
  });
});
