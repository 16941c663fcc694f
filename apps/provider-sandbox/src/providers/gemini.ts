/**
 * Gemini's generateContent and streamGenerateContent (`?alt=sse`), as @google/genai and REST
 * clients call them (base URL `<prefix>/gemini`, API version `v1beta`). A stream is `data:` chunks
 * of GenerateContentResponse, the last with `finishReason: STOP`, and no closing marker.
 */
import { type ProviderApi, type ProviderRequest, promptTokens } from './provider-api.js';

function response(request: ProviderRequest, text: string, finished: boolean, output: number) {
  const prompt = promptTokens(request.body);
  return {
    candidates: [
      { content: { parts: [{ text }], role: 'model' }, ...(finished ? { finishReason: 'STOP' } : {}), index: 0 },
    ],
    usageMetadata: { promptTokenCount: prompt, candidatesTokenCount: output, totalTokenCount: prompt + output },
    modelVersion: (request.params.call ?? '').split(':')[0] || 'gemini-2.5-flash',
  };
}

export const gemini: ProviderApi = {
  id: 'gemini',
  baseUrlSuffix: '',
  routes: [
    {
      // `models/{model}:generateContent` and `models/{model}:streamGenerateContent`.
      path: '/:version{v1|v1beta}/models/:call{[^/]+:(?:stream)?[gG]enerateContent}',
      streams: ({ params }) => (params.call ?? '').endsWith(':streamGenerateContent'),
      answer: (request, tokens) => response(request, tokens.join(''), true, tokens.length),
      stream: {
        open: () => [],
        token: (request, token, index) => ({ data: JSON.stringify(response(request, token, false, index + 1)) }),
        close: (request, tokens) => [{ data: JSON.stringify(response(request, '', true, tokens.length)) }],
      },
      streamError: { event: 'message', has: 'error' },
    },
  ],
};
