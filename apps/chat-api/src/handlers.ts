// What the API does once a request is valid: tiny deterministic models, so tests can reason about
// answers. Failures are CatalogErrors; the error handler makes them envelopes.
import { CatalogError } from '@errata/server';
import type { ErrataEnv } from '@errata/server/hono';
import type { Context } from 'hono';
import type { components } from './generated/api.js';

type Schemas = components['schemas'];

/** The models this API serves, by operation. */
const MODELS = { chat: ['tiny-chat-1'], embed: ['tiny-embed-1'] } as const;
/** More messages than this answer CHAT_CONVERSATION_TOO_LONG (this API's own code). */
const MAX_MESSAGES = 32;
/** A word the moderation model flags. */
const FLAGGED_WORD = 'forbidden';

function knownModel(list: readonly string[], model: string): void {
  if (!list.includes(model)) throw new CatalogError('MODEL_NOT_FOUND', { params: { model } });
}

export function chatCompletion(c: Context<ErrataEnv>): Response {
  const request = c.get('body') as Schemas['ChatCompletionRequest'];
  knownModel(MODELS.chat, request.model);
  if (request.messages.length > MAX_MESSAGES)
    throw new CatalogError('CHAT_CONVERSATION_TOO_LONG', {
      params: { count: request.messages.length, max_messages: MAX_MESSAGES },
    });
  const last = request.messages.at(-1)!;
  const answer: Schemas['ChatCompletion'] = {
    id: `chat_${c.get('requestId')}`,
    model: request.model,
    message: { role: 'assistant', content: `You said: ${last.content}` },
  };
  return c.json(answer);
}

export function embedding(c: Context<ErrataEnv>): Response {
  const request = c.get('body') as Schemas['EmbeddingRequest'];
  knownModel(MODELS.embed, request.model);
  // A 4-dimensional vector of character statistics: deterministic, enough to tell texts apart.
  const vector = (text: string) =>
    [
      text.length,
      [...text].filter((ch) => /[aeiou]/i.test(ch)).length,
      text.split(/\s+/).length,
      text.charCodeAt(0) || 0,
    ].map((n) => n / 100);
  const answer: Schemas['EmbeddingList'] = { model: request.model, data: request.input.map(vector) };
  return c.json(answer);
}

export function moderation(c: Context<ErrataEnv>): Response {
  const request = c.get('body') as Schemas['ModerationRequest'];
  const answer: Schemas['Moderation'] = { flagged: request.input.toLowerCase().includes(FLAGGED_WORD) };
  return c.json(answer);
}
