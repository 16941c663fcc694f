// The SDK errors users already catch, thrown by the real SDKs (dev dependencies only) against a
// node:http server on 127.0.0.1 that answers with each provider's documented bodies
// (test/fixtures/provider-errors.json in @errata/types): fromSdkError must give the canonical code,
// the catalog's retry policy and the origin, exactly as normalizeError does for the raw response.
import { createOpenAI } from '@ai-sdk/openai';
import Anthropic from '@anthropic-ai/sdk';
import { catalog, type ErrorCode } from '@errata/types';
import { generateText } from 'ai';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { fromSdkError } from '../src/adapters.js';
import { ErrataError } from '../src/errors.js';
import { type ProviderErrorCase, providerErrorCases } from './fixtures/provider-errors.js';
import { type Handler, startServer, type TestServer } from './helpers/server.js';
import { sdkThrown } from './helpers/thrown.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serve(handler: Handler): Promise<string> {
  const server = await startServer(handler);
  servers.push(server);
  return server.url;
}
const answer =
  ({ status, body }: ProviderErrorCase): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'req_from_header' });
    res.end(body);
  };
const sse = (event: string, data: string) => `${event === 'message' ? '' : `event: ${event}\n`}data: ${data}\n\n`;
const streamOf =
  ({ stream }: ProviderErrorCase, first: string): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.end(first + sse(stream!.event, stream!.data));
  };

function expectCanonical(got: ErrataError | undefined, { want }: ProviderErrorCase, requestId: string | undefined) {
  expect(got).toBeInstanceOf(ErrataError);
  const entry = catalog[want.code as ErrorCode];
  expect(got).toMatchObject({ code: want.code, retryable: entry.retry !== 'never', docUrl: entry.docUrl });
  expect(got!.origin).toEqual(want.origin);
  expect(got!.requestId).toBe(want.request_id ?? requestId);
}

const plain = providerErrorCases.filter((c) => !c.stream);
// Mistral's body is flat (no `error` member), and openai-node 6 keeps only a body's `error` member: see the test below.
const openaiCompatible = plain.filter((c) =>
  ['openai', 'azure-openai', 'groq', 'together', 'fireworks', 'openrouter'].includes(c.provider),
);

describe('openai-node APIError', () => {
  it.each(openaiCompatible)('#$id $provider “$name” → $want.code', async (c) => {
    const client = new OpenAI({ apiKey: 'sk-test-openai', baseURL: await serve(answer(c)), maxRetries: 0 });
    const error = await sdkThrown(() =>
      client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expectCanonical(fromSdkError(error, { provider: c.provider }), c, 'req_from_header');
  });

  it.each(providerErrorCases.filter((c) => c.stream && c.provider !== 'anthropic'))(
    '#$id $provider mid-stream error → $want.code',
    async (c) => {
      const first = sse(
        'message',
        '{"id":"c1","object":"chat.completion.chunk","created":0,"model":"m",' +
          '"choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}',
      );
      const client = new OpenAI({ apiKey: 'sk-test-openai', baseURL: await serve(streamOf(c, first)), maxRetries: 0 });
      const chunks: string[] = [];
      const error = await sdkThrown(async () => {
        const s = await client.chat.completions.create({
          model: 'gpt-4o',
          messages: [{ role: 'user', content: 'hi' }],
          stream: true,
        });
        for await (const chunk of s) chunks.push(chunk.choices[0]?.delta.content ?? '');
      });
      expect(chunks).toEqual(['Hel']);
      expect(error).toMatchObject({ status: undefined });
      const got = fromSdkError(error, { provider: c.provider });
      expect(got).toMatchObject({ code: c.want.code, status: undefined });
      expect(got!.origin).toEqual(c.want.origin);
    },
  );

  it('keeps what openai-node keeps of a flat body (Mistral): the status, read by Mistral’s crosswalk', async () => {
    const c = plain.find((x) => x.provider === 'mistral' && x.want.origin.status === 429)!;
    const client = new OpenAI({ apiKey: 'sk-test-openai', baseURL: await serve(answer(c)), maxRetries: 0 });
    const error = await sdkThrown(() =>
      client.chat.completions.create({ model: 'mistral-small', messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect((error as InstanceType<typeof OpenAI.APIError>).error).toBeUndefined();
    const got = fromSdkError(error, { provider: 'mistral' });
    expect(got).toMatchObject({
      code: 'RATE_LIMIT_EXCEEDED',
      retryable: true,
      origin: { provider: 'mistral', name: c.want.origin.name, status: 429 },
    });
    expect(got!.origin).not.toHaveProperty('message');
  });

  it('turns a refused connection into CONNECTION_ERROR, and redacts the key', async () => {
    const client = new OpenAI({ apiKey: 'sk-test-openai', baseURL: 'http://127.0.0.1:9/v1', maxRetries: 0 });
    const got = fromSdkError(await sdkThrown(() => client.models.list()));
    expect(got).toMatchObject({ code: 'CONNECTION_ERROR', retryable: true });
    const leaky = new OpenAI({
      apiKey: 'sk-test-secret-key',
      baseURL: await serve((_req, res) => {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(
          '{"error":{"message":"Incorrect API key provided: sk-test-secret-key",' +
            '"type":"invalid_request_error","code":"invalid_api_key"}}',
        );
      }),
      maxRetries: 0,
    });
    const redacted = fromSdkError(await sdkThrown(() => leaky.models.list()), { apiKey: 'sk-test-secret-key' });
    expect(redacted?.code).toBe('INVALID_API_KEY');
    expect(JSON.stringify(redacted) + redacted!.message).not.toContain('sk-test-secret-key');
  });
});

describe('@anthropic-ai/sdk APIError', () => {
  it.each(plain.filter((c) => c.provider === 'anthropic'))('#$id “$name” → $want.code', async (c) => {
    const client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: await serve(answer(c)), maxRetries: 0 });
    const error = await sdkThrown(() =>
      client.messages.create({ model: 'claude-x', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expectCanonical(fromSdkError(error), c, 'req_from_header');
  });

  it.each(providerErrorCases.filter((c) => c.stream && c.provider === 'anthropic'))(
    '#$id mid-stream $stream.event → $want.code',
    async (c) => {
      const first = sse(
        'message_start',
        '{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],' +
          '"model":"claude-x","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}}',
      );
      const client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: await serve(streamOf(c, first)), maxRetries: 0 });
      const error = await sdkThrown(async () => {
        const s = await client.messages.create({
          model: 'claude-x',
          max_tokens: 16,
          messages: [{ role: 'user', content: 'hi' }],
          stream: true,
        });
        for await (const _event of s);
      });
      expect(error).toMatchObject({ status: undefined });
      const got = fromSdkError(error);
      expect(got).toMatchObject({ code: c.want.code, retryable: true });
      expect(got!.origin).toEqual(c.want.origin);
    },
  );
});

describe('Vercel AI SDK APICallError', () => {
  it.each(plain)('#$id $provider “$name” → $want.code', async (c) => {
    const provider = createOpenAI({ apiKey: 'sk-test-ai', baseURL: await serve(answer(c)) });
    const error = await sdkThrown(() => generateText({ model: provider.chat('gpt-4o'), prompt: 'hi', maxRetries: 0 }));
    expect((error as { name?: string }).name).toBe('AI_APICallError');
    expectCanonical(fromSdkError(error, { provider: c.provider }), c, 'req_from_header');
  });

  it('reads the provider from the body when not told (Anthropic and Gemini shapes)', async () => {
    for (const c of [
      plain.find((x) => x.provider === 'anthropic' && x.body_kind === 'verbatim')!,
      plain.find((x) => x.provider === 'gemini' && x.body_kind === 'verbatim')!,
    ]) {
      const provider = createOpenAI({ apiKey: 'sk-test-ai', baseURL: await serve(answer(c)) });
      expect(
        fromSdkError(
          await sdkThrown(() => generateText({ model: provider.chat('gpt-4o'), prompt: 'hi', maxRetries: 0 })),
        )?.code,
      ).toBe(c.want.code);
    }
  });
});

describe('fromSdkError on anything else', () => {
  it.each([
    { name: 'a plain Error', given: new Error('x') },
    { name: 'a string', given: 'boom' },
    { name: 'null', given: null },
    { name: 'an ErrataError', given: new ErrataError('CONNECTION_ERROR', 'x') },
  ])('$name → undefined', ({ given }) => {
    expect(fromSdkError(given)).toBeUndefined();
  });
});
