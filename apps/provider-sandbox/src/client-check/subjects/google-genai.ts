import { GoogleGenAI } from '@google/genai';
import type { ClientSubject } from '../subject.js';

/** @google/genai with its defaults, generateContent. */
export const googleGenai: ClientSubject = {
  name: '@google/genai',
  provider: 'gemini',
  streams: true,
  async call({ baseUrl, apiKey, stream, timeoutMs, onText }) {
    const client = new GoogleGenAI({ apiKey, httpOptions: { baseUrl, timeout: timeoutMs } });
    const request = { model: 'gemini-2.5-flash', contents: 'Hello' };
    if (!stream) return (await client.models.generateContent(request)).text ?? '';
    let text = '';
    for await (const chunk of await client.models.generateContentStream(request)) {
      const delta = chunk.text ?? '';
      text += delta;
      if (delta) onText(delta);
    }
    return text;
  },
};
