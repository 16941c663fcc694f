/**
 * Anthropic's Messages API, as @anthropic-ai/sdk calls it (base URL `<prefix>/anthropic`). A stream
 * is named events: message_start, content_block_start, one content_block_delta per token,
 * content_block_stop, message_delta, message_stop.
 */
import { modelOf, type ProviderApi, type ProviderRequest, promptTokens } from './provider-api.js';

const named = (event: string, data: Record<string, unknown>) => ({
  event,
  data: JSON.stringify({ type: event, ...data }),
});

function message(request: ProviderRequest, content: unknown[], stop: string | null, output: number) {
  return {
    id: 'msg_errata_sandbox',
    type: 'message',
    role: 'assistant',
    model: modelOf(request.body, 'claude-sonnet-4-5'),
    content,
    stop_reason: stop,
    stop_sequence: null,
    usage: { input_tokens: promptTokens(request.body), output_tokens: output },
  };
}

export const anthropic: ProviderApi = {
  id: 'anthropic',
  baseUrlSuffix: '',
  routes: [
    {
      path: '/v1/messages',
      streams: ({ body }) => body.stream === true,
      answer: (request, tokens) =>
        message(request, [{ type: 'text', text: tokens.join('') }], 'end_turn', tokens.length),
      stream: {
        open: (request) => [
          named('message_start', { message: message(request, [], null, 1) }),
          named('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
        ],
        token: (_, token) => named('content_block_delta', { index: 0, delta: { type: 'text_delta', text: token } }),
        close: (_, tokens) => [
          named('content_block_stop', { index: 0 }),
          named('message_delta', {
            delta: { stop_reason: 'end_turn', stop_sequence: null },
            usage: { output_tokens: tokens.length },
          }),
          named('message_stop', {}),
        ],
      },
      streamError: { event: 'error' },
    },
  ],
};
