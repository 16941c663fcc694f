import { createAnthropic } from '@ai-sdk/anthropic';
import { generateText, streamText } from 'ai';
import type { ClientSubject } from '../subject.js';

/** The AI SDK (`ai` with `@ai-sdk/anthropic`, messages) with its defaults (2 retries). */
export const aiSdkAnthropic: ClientSubject = {
  name: 'AI SDK (@ai-sdk/anthropic)',
  provider: 'anthropic',
  streams: true,
  async call({ baseUrl, apiKey, stream, timeoutMs, onText }) {
    const model = createAnthropic({ apiKey, baseURL: `${baseUrl}/v1` })('claude-sonnet-4-5');
    // The AI SDK has no per-attempt timeout: an abort signal bounds the whole call, retries included.
    const abortSignal = AbortSignal.timeout(timeoutMs * 4);
    if (!stream) return (await generateText({ model, prompt: 'Hello', abortSignal })).text;
    let failure: unknown;
    const result = streamText({
      model,
      prompt: 'Hello',
      abortSignal,
      onError: ({ error }) => {
        failure = error;
      },
    });
    let text = '';
    for await (const delta of result.textStream) {
      text += delta;
      onText(delta);
    }
    if (failure !== undefined) throw failure;
    return text;
  },
};
