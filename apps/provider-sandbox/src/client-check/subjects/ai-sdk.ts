import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, type LanguageModel, streamText } from 'ai';
import type { ClientSubject } from '../subject.js';

/** The AI SDK with its defaults (2 retries), over the provider package that `model` builds on. */
function aiSdkSubject(
  name: string,
  provider: string,
  model: (baseUrl: string, apiKey: string) => LanguageModel,
): ClientSubject {
  return {
    name,
    provider,
    streams: true,
    async call({ baseUrl, apiKey, stream, timeoutMs, onText }) {
      const prompt = { model: model(baseUrl, apiKey), prompt: 'Hello' };
      // The AI SDK has no per-attempt timeout: an abort signal bounds the whole call, retries included.
      const abortSignal = AbortSignal.timeout(timeoutMs * 4);
      if (!stream) return (await generateText({ ...prompt, abortSignal })).text;
      let failure: unknown;
      const result = streamText({
        ...prompt,
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
}

/** `ai` with `@ai-sdk/openai` (chat completions). */
export const aiSdk = aiSdkSubject('AI SDK (@ai-sdk/openai)', 'openai', (baseURL, apiKey) =>
  createOpenAI({ apiKey, baseURL }).chat('gpt-4o-mini'),
);

/** `ai` with `@ai-sdk/anthropic` (messages; its base URL ends in /v1). */
export const aiSdkAnthropic = aiSdkSubject('AI SDK (@ai-sdk/anthropic)', 'anthropic', (baseUrl, apiKey) =>
  createAnthropic({ apiKey, baseURL: `${baseUrl}/v1` })('claude-sonnet-4-5'),
);
