import Anthropic from '@anthropic-ai/sdk';
import type { ClientSubject } from '../subject.js';

/** @anthropic-ai/sdk with its defaults (2 retries), messages. */
export const anthropicSdk: ClientSubject = {
  name: '@anthropic-ai/sdk',
  provider: 'anthropic',
  streams: true,
  async call({ baseUrl, apiKey, stream, timeoutMs, onText }) {
    const client = new Anthropic({ apiKey, baseURL: baseUrl, timeout: timeoutMs });
    const request = {
      model: 'claude-sonnet-4-5',
      max_tokens: 64,
      messages: [{ role: 'user' as const, content: 'Hello' }],
    };
    if (!stream) {
      const message = await client.messages.create(request);
      return message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
    }
    const messages = client.messages.stream(request);
    messages.on('text', onText);
    return messages.finalText();
  },
};
