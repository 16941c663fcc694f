/**
 * Amazon Bedrock Runtime, as @aws-sdk/client-bedrock-runtime calls it (endpoint `<prefix>/bedrock`,
 * over HTTP/2 as that SDK speaks: see serve-h2c.ts): Converse and ConverseStream, InvokeModel and
 * InvokeModelWithResponseStream. Streams are AWS event-stream messages, not server-sent events.
 * InvokeModel's body is the model's own format; the sandbox answers as Anthropic's Messages API
 * does on Bedrock, whatever the model id, and its stream's `chunk` events carry those events' JSON
 * as base64 `bytes`, as Bedrock sends them.
 */
import { anthropic } from './anthropic.js';
import { type ProviderApi, type ProviderRequest, type ProviderRoute, promptTokens } from './provider-api.js';

const messages = anthropic.routes[0]!;
const event = (name: string, data: Record<string, unknown>) => ({ event: name, data: JSON.stringify(data) });

function usage(request: ProviderRequest, output: number) {
  const input = promptTokens(request.body);
  return { inputTokens: input, outputTokens: output, totalTokens: input + output };
}

/** InvokeModelWithResponseStream's `chunk` event around one of the model's own stream events. */
const chunk = (data: string) => event('chunk', { bytes: Buffer.from(data, 'utf8').toString('base64') });

// ConverseStream and InvokeModelWithResponseStream write their errors as exception messages, the
// rule spec/providers.yaml gives for Bedrock's streams.
const streamError = { event: 'exception' };
const framing = 'aws-eventstream' as const;

const routes: ProviderRoute[] = [
  {
    path: '/model/:modelId/converse',
    streams: () => false,
    answer: (request, tokens) => ({
      output: { message: { role: 'assistant', content: [{ text: tokens.join('') }] } },
      stopReason: 'end_turn',
      usage: usage(request, tokens.length),
      metrics: { latencyMs: 0 },
    }),
  },
  {
    path: '/model/:modelId/converse-stream',
    streams: () => true,
    answer: () => ({}),
    framing,
    stream: {
      open: () => [event('messageStart', { role: 'assistant' })],
      token: (_, text) => event('contentBlockDelta', { contentBlockIndex: 0, delta: { text } }),
      close: (request, tokens) => [
        event('contentBlockStop', { contentBlockIndex: 0 }),
        event('messageStop', { stopReason: 'end_turn' }),
        event('metadata', { usage: usage(request, tokens.length), metrics: { latencyMs: 0 } }),
      ],
    },
    streamError,
  },
  { path: '/model/:modelId/invoke', streams: () => false, answer: messages.answer },
  {
    path: '/model/:modelId/invoke-with-response-stream',
    streams: () => true,
    answer: () => ({}),
    framing,
    stream: {
      open: (request) => messages.stream!.open(request).map((e) => chunk(e.data)),
      token: (request, token, index) => chunk(messages.stream!.token(request, token, index).data),
      close: (request, tokens) => messages.stream!.close(request, tokens).map((e) => chunk(e.data)),
    },
    streamError,
  },
];

export const bedrock: ProviderApi = {
  id: 'bedrock',
  baseUrlSuffix: '',
  routes,
  // AWS's rest-json protocol: the exception's name in `x-amzn-errortype`, the body `{"message"}`
  // (spec/providers.yaml bedrock `envelope_note` and `detect`; the corpus's observed answers).
  errorProtocol: {
    sdkPackage: '@aws-sdk/client-bedrock-runtime',
    write: ({ name, message }) => ({
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': name },
      body: JSON.stringify({ message }),
    }),
  },
};
