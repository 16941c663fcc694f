import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText } from 'ai';
import type { ClientSubject } from '../subject.js';

/** The AI SDK (`ai` with `@ai-sdk/openai`, chat completions) with its defaults (2 retries). */
export const aiSdk: ClientSubject = {
  name: 'AI SDK (@ai-sdk/openai)',
  provider: 'openai',
  streams: true,
  async call({ baseUrl, apiKey, stream, timeoutMs, onText }) {
    const model = createOpenAI({ apiKey, baseURL: baseUrl }).chat('gpt-4o-mini');
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
