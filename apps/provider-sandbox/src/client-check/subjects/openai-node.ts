import OpenAI from 'openai';
import type { ClientSubject } from '../subject.js';

/** openai-node with its defaults (2 retries), chat completions. */
export const openaiNode: ClientSubject = {
  name: 'openai-node',
  provider: 'openai',
  streams: true,
  async call({ baseUrl, apiKey, stream, timeoutMs, onText }) {
    const client = new OpenAI({ apiKey, baseURL: baseUrl, timeout: timeoutMs });
    const request = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hello' }] };
    if (!stream) return (await client.chat.completions.create(request)).choices[0]?.message.content ?? '';
    let text = '';
    for await (const chunk of await client.chat.completions.create({ ...request, stream: true })) {
      const delta = chunk.choices[0]?.delta.content ?? '';
      text += delta;
      if (delta) onText(delta);
    }
    return text;
  },
};
