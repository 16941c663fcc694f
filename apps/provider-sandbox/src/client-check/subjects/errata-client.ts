import { createClient } from '@errata/client';
import { providerNormalizer } from '@errata/client/normalize';
import type { ClientSubject } from '../subject.js';

/**
 * @errata/client with OpenAI's normalizer, calling chat completions through its untyped path (the
 * client's types know Errata's own operations only). It does not read OpenAI's stream format, so
 * it is run on answers, not streams.
 */
export const errataClient: ClientSubject = {
  name: '@errata/client (openai normalizer)',
  provider: 'openai',
  streams: false,
  async call({ baseUrl, apiKey, timeoutMs }) {
    const client = createClient({ baseUrl, apiKey, timeout: timeoutMs, normalize: providerNormalizer('openai') });
    // biome-ignore lint/suspicious/noExplicitAny: an operation outside Errata's spec, called untyped on purpose.
    const post = client.POST as (path: string, init: { body: unknown }) => Promise<any>;
    const { data, error } = await post('/chat/completions', {
      body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] },
    });
    if (error)
      throw Object.assign(new Error(`${error.code}: ${error.message}`), { name: 'ErrataEnvelope', envelope: error });
    return data.choices[0].message.content;
  },
};
