// The cloud SDKs' own error classes, thrown by the real packages (dev dependencies only) against a
// server on 127.0.0.1 that answers with each provider's documented bodies: a real
// BedrockRuntimeClient (HTTP/2, as it speaks; fake static credentials) and a real GoogleGenAI
// (`httpOptions.baseUrl`). fromSdkError must give what normalizeError gives for the raw response.
import { createServer, type Http2Server, type Http2ServerResponse } from 'node:http2';
import type { AddressInfo } from 'node:net';
import {
  BedrockRuntimeClient,
  BedrockRuntimeServiceException,
  ConverseCommand,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { catalog, type ErrorCode } from '@errata/types';
import { ApiError, GoogleGenAI } from '@google/genai';
import { Mistral } from '@mistralai/mistralai';
import { CohereClientV2 } from 'cohere-ai';
import { afterEach, describe, expect, it } from 'vitest';
import { fromSdkError } from '../src/adapters.js';
import { ErrataError } from '../src/errors.js';
import { normalizeError } from '../src/normalize-error.js';
import { providerErrorCases } from './fixtures/provider-errors.js';
import { awsEvent, awsException } from './helpers/aws-event-stream.js';
import { type Handler, startServer, type TestServer } from './helpers/server.js';
import { sdkThrown } from './helpers/thrown.js';

// The AWS SDK warns once that its 2027 releases need Node 22; this repository's floor is 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function serveH2(handler: (res: Http2ServerResponse) => void): Promise<string> {
  const server: Http2Server = createServer((_req, res) => handler(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function serve(handler: Handler): Promise<string> {
  const server: TestServer = await startServer(handler);
  closers.push(() => server.close());
  return server.url;
}

function bedrock(endpoint: string): BedrockRuntimeClient {
  const client = new BedrockRuntimeClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'AKIDEXAMPLETEST', secretAccessKey: 'fake-secret-for-tests' },
    maxAttempts: 1,
  });
  closers.push(async () => client.destroy());
  return client;
}

const converse = { modelId: 'anthropic.claude-x', messages: [{ role: 'user' as const, content: [{ text: 'hi' }] }] };
const plain = providerErrorCases.filter((c) => !c.stream);
// The SDK names an exception from the body's `__type`; a body without one is not Bedrock's exception shape.
const bedrockCases = plain.filter((c) => c.provider === 'bedrock' && c.body.includes('"__type"'));

describe('AWS SDK v3 (Bedrock Runtime) service exceptions', () => {
  it.each(bedrockCases)('#$id $want.origin.code → $want.code', async (c) => {
    const endpoint = await serveH2((res) => {
      res.writeHead(c.status, { 'content-type': 'application/json', 'x-amzn-requestid': 'req-aws-1' });
      res.end(c.body);
    });
    const error = await sdkThrown(() => bedrock(endpoint).send(new ConverseCommand(converse)));
    expect(error).toBeInstanceOf(BedrockRuntimeServiceException);
    const got = fromSdkError(error);
    const want = normalizeError({ status: c.status, body: c.body }, { provider: 'bedrock' });
    expect(got).toBeInstanceOf(ErrataError);
    expect(got).toMatchObject({ code: c.want.code, status: c.status, requestId: 'req-aws-1' });
    expect(got!.retryable).toBe(catalog[c.want.code as ErrorCode].retry !== 'never');
    expect(got!.origin).toEqual(want.origin);
  });

  it.each([
    { name: 'throttlingException', want: 'RATE_LIMIT_EXCEEDED', data: { message: 'Too many tokens, please wait.' } },
    { name: 'validationException', want: 'INVALID_FIELD_VALUE', data: { message: 'Input validation failed.' } },
    { name: 'serviceUnavailableException', want: 'SERVICE_UNAVAILABLE', data: { message: 'Try again later.' } },
    {
      name: 'internalServerException',
      want: 'INTERNAL_ERROR',
      data: { message: 'An internal server error occurred.' },
    },
  ])('a ConverseStream exception event $name after a token → $want', async ({ name, want, data }) => {
    const endpoint = await serveH2((res) => {
      res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': 'req-aws-s' });
      res.write(awsEvent('messageStart', '{"role":"assistant"}'));
      res.write(awsEvent('contentBlockDelta', '{"contentBlockIndex":0,"delta":{"text":"Hel"}}'));
      res.end(awsException(name, JSON.stringify(data)));
    });
    const texts: string[] = [];
    const error = await sdkThrown(async () => {
      const out = await bedrock(endpoint).send(new ConverseStreamCommand(converse));
      for await (const event of out.stream ?? [])
        if (event.contentBlockDelta) texts.push(event.contentBlockDelta.delta?.text ?? '');
    });
    expect(texts).toEqual(['Hel']);
    const got = fromSdkError(error);
    expect(got).toMatchObject({ code: want, status: undefined, message: `${want}: ${data.message}` });
    expect(got!.origin).toMatchObject({ provider: 'bedrock', message: data.message });
  });

  it('turns a refused connection into CONNECTION_ERROR', async () => {
    const got = fromSdkError(await sdkThrown(() => bedrock('http://127.0.0.1:9').send(new ConverseCommand(converse))));
    expect(got).toMatchObject({ code: 'CONNECTION_ERROR', retryable: true });
  });
});

const geminiCases = plain.filter((c) => c.provider === 'gemini');

describe('@google/genai ApiError', () => {
  const genai = (baseUrl: string) => new GoogleGenAI({ apiKey: 'AIza-test-key', httpOptions: { baseUrl } });

  it.each(geminiCases)('#$id $want.origin.code → $want.code', async (c) => {
    const baseUrl = await serve((_req, res) => {
      res.writeHead(c.status, { 'content-type': 'application/json' });
      res.end(c.body);
    });
    const error = await sdkThrown(() => genai(baseUrl).models.generateContent({ model: 'gemini-x', contents: 'hi' }));
    expect(error).toBeInstanceOf(ApiError);
    const got = fromSdkError(error);
    const want = normalizeError({ status: c.status, body: c.body }, { provider: 'gemini' });
    expect(got).toMatchObject({ code: c.want.code, status: c.status, retryAfter: want.retry_after });
    expect(got!.origin).toEqual(want.origin);
  });

  it('reads the body @google/genai wrapped because it did not come as application/json', async () => {
    const body = '{"error":{"code":429,"message":"Quota exceeded.","status":"RESOURCE_EXHAUSTED"}}';
    const baseUrl = await serve((_req, res) => {
      res.writeHead(429, { 'content-type': 'text/plain' });
      res.end(body);
    });
    const error = await sdkThrown(() => genai(baseUrl).models.generateContent({ model: 'gemini-x', contents: 'hi' }));
    expect((error as Error).message).toContain('"status":"Too Many Requests"');
    const got = fromSdkError(error);
    expect(got).toMatchObject({
      code: normalizeError({ status: 429, body }, { provider: 'gemini' }).code,
      status: 429,
    });
    expect(got!.origin).toMatchObject({ provider: 'gemini', code: 'RESOURCE_EXHAUSTED', message: 'Quota exceeded.' });
  });

  it.each([
    {
      name: 'UNAVAILABLE',
      want: 'OVERLOADED',
      error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' },
    },
    {
      name: 'RESOURCE_EXHAUSTED',
      want: 'RATE_LIMIT_EXCEEDED',
      error: { code: 429, message: 'Quota.', status: 'RESOURCE_EXHAUSTED' },
    },
  ])('a streamed `data:` error $name after a chunk → $want', async ({ want, error: body }) => {
    const baseUrl = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"candidates":[{"content":{"parts":[{"text":"Hel"}],"role":"model"}}]}\r\n\r\n');
      res.end(`data: ${JSON.stringify({ error: body })}\r\n\r\n`);
    });
    const texts: string[] = [];
    const error = await sdkThrown(async () => {
      const chunks = await genai(baseUrl).models.generateContentStream({ model: 'gemini-x', contents: 'hi' });
      for await (const chunk of chunks) texts.push(chunk.text ?? '');
    });
    expect(texts).toEqual(['Hel']);
    expect(error).toBeInstanceOf(ApiError);
    expect(fromSdkError(error)).toMatchObject({ code: want, origin: { provider: 'gemini', code: body.status } });
  });
});

describe('@mistralai/mistralai and cohere-ai errors (their own classes, statusCode and body)', () => {
  const run = {
    mistral: (url: string) =>
      new Mistral({ apiKey: 'mistral-test-key', serverURL: url, retryConfig: { strategy: 'none' } }).chat.complete({
        model: 'mistral-small',
        messages: [{ role: 'user', content: 'hi' }],
      }),
    cohere: (url: string) =>
      new CohereClientV2({ token: 'cohere-test-key', environment: url }).chat(
        { model: 'command-r', messages: [{ role: 'user', content: 'hi' }] },
        { maxRetries: 0 },
      ),
  };
  it.each(plain.filter((c) => c.provider === 'mistral' || c.provider === 'cohere'))(
    '#$id $provider “$name” → $want.code',
    async (c) => {
      const url = await serve((_req, res) => {
        res.writeHead(c.status, { 'content-type': 'application/json', 'x-request-id': 'req-gen-1' });
        res.end(c.body);
      });
      const error = await sdkThrown(() => run[c.provider as 'mistral' | 'cohere'](url));
      expect(error).toMatchObject({ statusCode: c.status });
      const want = normalizeError({ status: c.status, body: c.body }, { provider: c.provider });
      const got = fromSdkError(error);
      expect(got).toMatchObject({ code: want.code, status: c.status, requestId: 'req-gen-1' });
      expect(got!.origin).toEqual(want.origin);
    },
  );
});
