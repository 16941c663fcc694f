// Every provider's mid-stream errors, over real HTTP: a node:http server on 127.0.0.1 streams two
// tokens and then the provider's own error event, and a client with that provider's normalizer must
// end the stream with an ErrataStreamError carrying the code and the partial output, while the
// provider's ordinary events pass by. The events are each SSE rule of spec/providers.yaml
// (`stream_errors`, one row at least per rule), then every observed stream case of the corpus
// (corpus/cases/*.yaml): SSE ones through the stream reader, AWS event-stream ones (Bedrock)
// through a real BedrockRuntimeClient and `fromSdkError`, the path Bedrock's streams take. A
// corpus event must be recognised as an error and get the code `normalizeError` gives its data
// mid-stream: whether that is the case's `want.code` is the corpus test's question, not the stream's.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Http2Server } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { type ProviderId, providers } from '@errata/types';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fromSdkError } from '../src/adapters.js';
import { normalizeError, type Provider, providerNormalizer } from '../src/normalize-error.js';
import { ErrataStreamError, stream } from '../src/stream.js';
import { awsEvent, awsException } from './helpers/aws-event-stream.js';
import { serverPerTest } from './helpers/serve.js';

const serve = serverPerTest();
// A data of several lines (a pretty-printed body) is sent as several `data:` lines, as SSE requires.
const sse = (event: string, data: string) =>
  `${event === 'message' ? '' : `event: ${event}\n`}${data
    .split('\n')
    .map((line) => `data: ${line}`)
    .join('\n')}\n\n`;

/** What a client with `provider`'s normalizer makes of a stream of two tokens and then `extra`. */
async function streamed(provider: Provider, extra: string): Promise<{ seen: string[]; error: unknown }> {
  const { client } = await serve(
    (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': 'req_provider_stream' });
      res.end(
        `${sse('token', '{"index":0,"text":"Hel"}')}${sse('token', '{"index":1,"text":"lo"}')}${extra}` +
          sse('done', '{"finish_reason":"stop","usage":{"input_tokens":1,"output_tokens":2}}'),
      );
    },
    { normalize: providerNormalizer(provider), maxRetries: 0 },
  );
  const seen: string[] = [];
  try {
    for await (const event of await stream(client, 'echo-1', { prompt: 'hi' }))
      if (event.event === 'token') seen.push(event.data.text);
  } catch (error) {
    return { seen, error };
  }
  return { seen, error: undefined };
}

type Row = { name: string; given: { provider: ProviderId; event: string; data: string }; want: { code?: string } };
// One event per rule (their shapes as each rule's source shows them), and events that look close but are not errors.
const rows: Row[] = [
  {
    name: 'Gemini: a data line with error (UNAVAILABLE)',
    given: {
      provider: 'gemini',
      event: 'message',
      data: '{"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}',
    },
    want: { code: 'OVERLOADED' },
  },
  {
    name: 'Gemini: an ordinary chunk',
    given: { provider: 'gemini', event: 'message', data: '{"candidates":[{"content":{"parts":[{"text":"x"}]}}]}' },
    want: {},
  },
  {
    name: 'Azure OpenAI: a data line with error',
    given: {
      provider: 'azure-openai',
      event: 'message',
      data: '{"error":{"message":"The server had an error.","type":"server_error","param":null,"code":null}}',
    },
    want: { code: 'INTERNAL_ERROR' },
  },
  {
    name: 'Azure OpenAI Responses: response.failed with response.error',
    given: {
      provider: 'azure-openai',
      event: 'response.failed',
      data: '{"type":"response.failed","response":{"status":"failed","error":{"code":"server_error","message":"x"}}}',
    },
    want: { code: 'INTERNAL_ERROR' },
  },
  {
    name: 'Mistral: a chunk whose finish_reason is error',
    given: {
      provider: 'mistral',
      event: 'message',
      data:
        '{"id":"c1","object":"chat.completion.chunk",' +
        '"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]}',
    },
    want: { code: 'INTERNAL_ERROR' },
  },
  {
    name: 'Mistral: a chunk whose finish_reason is stop',
    given: {
      provider: 'mistral',
      event: 'message',
      data: '{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}',
    },
    want: {},
  },
  {
    name: 'Cohere: message-end with delta.error',
    given: {
      provider: 'cohere',
      event: 'message-end',
      data: '{"type":"message-end","delta":{"finish_reason":"ERROR","error":"internal server error"}}',
    },
    want: { code: 'INTERNAL_ERROR' },
  },
  {
    name: 'Cohere: message-end without an error',
    given: {
      provider: 'cohere',
      event: 'message-end',
      data: '{"type":"message-end","delta":{"finish_reason":"COMPLETE"}}',
    },
    want: {},
  },
  {
    name: 'Groq: event error',
    given: {
      provider: 'groq',
      event: 'error',
      data: '{"error":{"message":"Internal Server Error","type":"internal_server_error"}}',
    },
    want: { code: 'INTERNAL_ERROR' },
  },
  {
    name: 'Groq: a data line with error',
    given: {
      provider: 'groq',
      event: 'message',
      data: '{"error":{"message":"Internal Server Error","type":"internal_server_error"}}',
    },
    want: { code: 'INTERNAL_ERROR' },
  },
  {
    name: 'Together: a data line with error',
    given: {
      provider: 'together',
      event: 'message',
      data: '{"error":{"message":"Internal server error","type":"server_error"}}',
    },
    want: { code: 'INTERNAL_ERROR' },
  },
  {
    name: 'Fireworks: a data line with error',
    given: {
      provider: 'fireworks',
      event: 'message',
      data: '{"error":{"message":"Internal server error","type":"internal_error"}}',
    },
    want: { code: 'INTERNAL_ERROR' },
  },
  {
    name: 'OpenAI: a data line with error',
    given: {
      provider: 'openai',
      event: 'message',
      data: '{"error":{"message":"The server had an error","type":"server_error","param":null,"code":null}}',
    },
    want: { code: 'INTERNAL_ERROR' },
  },
  {
    name: 'OpenAI Responses: event error',
    given: {
      provider: 'openai',
      event: 'error',
      data: '{"type":"error","error":{"type":"server_error","code":"server_error","message":"x","param":null}}',
    },
    want: { code: 'INTERNAL_ERROR' },
  },
  {
    name: 'Anthropic: event error',
    given: {
      provider: 'anthropic',
      event: 'error',
      data: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
    },
    want: { code: 'OVERLOADED' },
  },
  {
    name: 'OpenRouter: a data line with error',
    given: {
      provider: 'openrouter',
      event: 'message',
      data: '{"error":{"code":502,"message":"Your chosen model is down."}}',
    },
    want: { code: 'BAD_GATEWAY' },
  },
  {
    name: 'OpenAI Responses: response.failed with response.error',
    given: {
      provider: 'openai',
      event: 'response.failed',
      data: '{"type":"response.failed","response":{"status":"failed","error":{"code":"server_error","message":"x"}}}',
    },
    want: { code: 'INTERNAL_ERROR' },
  },
];

// What the normalizer makes of an event's data mid-stream (under the stream's 200): the code the stream must end with.
const midStreamCode = (provider: Provider, body: unknown) => normalizeError({ status: 200, body }, { provider }).code;

async function expectRow(provider: Provider, event: string, data: string, code: string | undefined) {
  const { seen, error } = await streamed(provider, sse(event, data));
  expect(seen).toEqual(['Hel', 'lo']);
  if (code === undefined) return expect(error).toBeUndefined();
  expect(error).toBeInstanceOf(ErrataStreamError);
  expect(error).toMatchObject({ code, partialText: 'Hello', tokensReceived: 2, requestId: 'req_provider_stream' });
  expect((error as ErrataStreamError).body?.origin?.provider).toBe(provider);
}

describe('each stream_errors rule, through the stream reader', () => {
  it.each(rows)('$name → $want.code', ({ given, want }) =>
    expectRow(given.provider, given.event, given.data, want.code),
  );

  const rules = Object.entries(providers).flatMap(([provider, p]) =>
    ((p as { stream_errors?: readonly { event: string }[] }).stream_errors ?? []).map(({ event }) => ({
      provider,
      event,
    })),
  );
  it.each(rules)('$provider $event has a row that is an error', ({ provider, event }) => {
    expect(rows.some((r) => r.given.provider === provider && r.given.event === event && r.want.code)).toBe(true);
  });
});

// The corpus: the cases whose `given.stream` a provider really sent.
interface CorpusCase {
  id: string;
  given: { stream?: { format: 'sse' | 'aws-eventstream' | 'ndjson'; event?: string; data: string } };
  want: { code: string };
}
const corpusDir = join(import.meta.dirname, '../../../corpus/cases');
const corpus = readdirSync(corpusDir)
  .filter((file) => file.endsWith('.yaml'))
  .flatMap((file) => {
    const { provider, cases } = parse(readFileSync(join(corpusDir, file), 'utf8')) as {
      provider: ProviderId;
      cases: CorpusCase[];
    };
    return cases
      .filter((c) => c.given.stream)
      .map((c) => ({ provider, id: c.id, stream: c.given.stream!, want: c.want }));
  });

// A source that printed only an event's data leaves its name out: the provider sends its `type` member
// as the name where the data has one (OpenAI's Responses API, Anthropic), else none (a bare `data:` line).
function eventName(event: string | undefined, data: string): string {
  if (event) return event;
  try {
    const type = (JSON.parse(data) as { type?: unknown }).type;
    return typeof type === 'string' ? type : 'message';
  } catch {
    return 'message';
  }
}

describe('the corpus’s observed SSE stream errors, through the stream reader', () => {
  it.each(corpus.filter((c) => c.stream.format === 'sse'))('$provider $id', ({ provider, stream: s }) =>
    expectRow(provider, eventName(s.event, s.data), s.data, midStreamCode(provider, s.data)),
  );
});

describe('the corpus’s Bedrock exception events, through the AWS SDK and fromSdkError', () => {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  // A case whose source shows no exception type cannot be framed as an exception event; the corpus
  // test reads it as it was printed.
  const framed = corpus.filter((c) => c.stream.format === 'aws-eventstream' && c.stream.event !== undefined);
  it.each(framed)('$id', async ({ stream: s }) => {
    // Where the source printed only the exception's message (botocore does), the payload is `{ "message" }` around it.
    const payload = s.data.trim().startsWith('{') ? s.data : JSON.stringify({ message: s.data });
    const server: Http2Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
      res.write(awsEvent('messageStart', '{"role":"assistant"}'));
      res.end(awsException(s.event!, payload));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const client = new BedrockRuntimeClient({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      credentials: { accessKeyId: 'AKIDEXAMPLETEST', secretAccessKey: 'fake-secret-for-tests' },
      maxAttempts: 1,
    });
    closers.push(async () => client.destroy());
    let thrown: unknown;
    try {
      const out = await client.send(
        new ConverseStreamCommand({ modelId: 'm', messages: [{ role: 'user', content: [{ text: 'hi' }] }] }),
      );
      for await (const _event of out.stream ?? []);
    } catch (error) {
      thrown = error;
    }
    // The SDK names the exception after the union member (`throttlingException` → ThrottlingException).
    const name = s.event!.charAt(0).toUpperCase() + s.event!.slice(1);
    const code = midStreamCode('bedrock', { __type: name, ...JSON.parse(payload) });
    expect(thrown).toMatchObject({ name });
    expect(fromSdkError(thrown)).toMatchObject({
      code,
      status: undefined,
      origin: { provider: 'bedrock', code: name },
    });
  });
});
