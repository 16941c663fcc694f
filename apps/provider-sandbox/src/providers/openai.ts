/**
 * OpenAI's Chat Completions and Embeddings, as openai-node and OpenAI-compatible clients call them
 * (base URL `<prefix>/openai/v1`). A stream is `data:` chunks and a closing `data: [DONE]`.
 */
import { modelOf, type ProviderApi, type ProviderRequest, promptTokens } from './provider-api.js';

const CREATED = 1_700_000_000;

function chunk(request: ProviderRequest, delta: Record<string, unknown>, finish: string | null) {
  return {
    data: JSON.stringify({
      id: 'chatcmpl-errata-sandbox',
      object: 'chat.completion.chunk',
      created: CREATED,
      model: modelOf(request.body, 'gpt-4o-mini'),
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    }),
  };
}

function embedding(index: number): number[] {
  return Array.from({ length: 8 }, (_, i) => Number(Math.sin(index + i + 1).toFixed(6)));
}

export const openai: ProviderApi = {
  id: 'openai',
  baseUrlSuffix: '/v1',
  routes: [
    {
      path: '/v1/chat/completions',
      streams: ({ body }) => body.stream === true,
      answer: (request, tokens) => {
        const prompt = promptTokens(request.body);
        return {
          id: 'chatcmpl-errata-sandbox',
          object: 'chat.completion',
          created: CREATED,
          model: modelOf(request.body, 'gpt-4o-mini'),
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: tokens.join(''), refusal: null },
              logprobs: null,
              finish_reason: 'stop',
            },
          ],
          usage: { prompt_tokens: prompt, completion_tokens: tokens.length, total_tokens: prompt + tokens.length },
        };
      },
      stream: {
        open: (request) => [chunk(request, { role: 'assistant', content: '' }, null)],
        token: (request, token) => chunk(request, { content: token }, null),
        close: (request) => [chunk(request, {}, 'stop'), { data: '[DONE]' }],
      },
      // Chat Completions: a data line whose JSON has `error` (the Responses API's `event: error` is another API).
      streamError: { event: 'message', has: 'error' },
    },
    {
      path: '/v1/embeddings',
      streams: () => false,
      answer: ({ body }) => {
        const inputs = Array.isArray(body.input) ? body.input : [body.input];
        const prompt = promptTokens(body);
        return {
          object: 'list',
          data: inputs.map((_, index) => ({ object: 'embedding', index, embedding: embedding(index) })),
          model: modelOf(body, 'text-embedding-3-small'),
          usage: { prompt_tokens: prompt, total_tokens: prompt },
        };
      },
    },
  ],
};
