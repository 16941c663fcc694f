import { createClient } from '@errata/client';
import { providerNormalizer } from '@errata/client/normalize';
import type { ClientSubject } from '../subject.js';

interface ProviderCall {
  path: string;
  body: unknown;
  // biome-ignore lint/suspicious/noExplicitAny: each provider's success JSON, read untyped on purpose.
  text: (data: any) => string;
}

// One plain (not streamed) call per provider API, as an app would make it through @errata/client.
const CALLS: Record<'openai' | 'anthropic' | 'gemini' | 'bedrock', ProviderCall> = {
  openai: {
    path: '/chat/completions',
    body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] },
    text: (data) => data.choices[0].message.content,
  },
  anthropic: {
    path: '/v1/messages',
    body: { model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hello' }] },
    text: (data) => data.content[0].text,
  },
  gemini: {
    path: '/v1beta/models/gemini-2.5-flash:generateContent',
    body: { contents: [{ parts: [{ text: 'Hello' }] }] },
    text: (data) => data.candidates[0].content.parts[0].text,
  },
  bedrock: {
    path: '/model/anthropic.claude-3-5-sonnet-20240620-v1:0/converse',
    body: { messages: [{ role: 'user', content: [{ text: 'Hello' }] }] },
    text: (data) => data.output.message.content[0].text,
  },
};

/**
 * @errata/client with the provider's normalizer, calling its API through the untyped path (the
 * client's types know Errata's own operations only). It does not read the providers' stream
 * formats, so it is run on answers, not streams.
 */
function errataClientFor(provider: keyof typeof CALLS): ClientSubject {
  const { path, body, text } = CALLS[provider];
  return {
    name: `@errata/client (${provider} normalizer)`,
    provider,
    streams: false,
    async call({ baseUrl, apiKey, timeoutMs }) {
      const client = createClient({ baseUrl, apiKey, timeout: timeoutMs, normalize: providerNormalizer(provider) });
      // biome-ignore lint/suspicious/noExplicitAny: an operation outside Errata's spec, called untyped on purpose.
      const post = client.POST as (path: string, init: { body: unknown }) => Promise<any>;
      const { data, error } = await post(path, { body });
      if (error) throw Object.assign(new Error(`${error.code}: ${error.message}`), { name: 'ErrataEnvelope' });
      return text(data);
    },
  };
}

export const errataClients: readonly ClientSubject[] = (['openai', 'anthropic', 'gemini', 'bedrock'] as const).map(
  errataClientFor,
);
