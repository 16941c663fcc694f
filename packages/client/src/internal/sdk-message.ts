/**
 * What an SDK error's own message says when the error no longer carries the provider's body: the
 * SDKs build their messages from the status and the body, so the message gives both back.
 * - Stainless (openai-node, @anthropic-ai/sdk, groq-sdk): `${status} ${error.message}`, or
 *   `${status} ${JSON of the body}` when the body's error had no message (Anthropic's whole body),
 *   or `${status} status code (no body)`.
 * - Speakeasy (`@mistralai/mistralai`): `API error occurred: Status 429\nBody: {…}`.
 */
import { isObject } from './envelope.js';

/** The status a message names and the provider's words in it: a parsed JSON body, or its text. */
export interface MessageParts {
  status: number | undefined;
  /** The body, when the message carries it as JSON. */
  json: Record<string, unknown> | undefined;
  /** The provider's message, when the message carries it as text (not the SDK's own "no body"). */
  text: string | undefined;
}

const STAINLESS = /^([1-5]\d\d) ([\s\S]*)$/;
const SPEAKEASY = /^API error occurred: Status ([1-5]\d\d)(?:[^\n]*)\n(?:Body: )?([\s\S]*)$/;
// What openai-node and @anthropic-ai/sdk say when the response had no body: their words, not the provider's.
const NO_BODY = /^status code \(no body\)$/;

function asJson(text: string): Record<string, unknown> | undefined {
  if (!text.trimStart().startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The parts of an SDK error's message; `status` is the one the error itself carries, when it does
 * (its prefix is then stripped only if it is that status).
 *
 * @example
 * messageParts('429 You exceeded your current quota…', undefined);
 * // { status: 429, json: undefined, text: 'You exceeded your current quota…' }
 */
export function messageParts(message: string, status: number | undefined): MessageParts {
  const [, named, rest] = STAINLESS.exec(message) ?? SPEAKEASY.exec(message) ?? [];
  const prefixed = named !== undefined && (status === undefined || Number(named) === status);
  const said = prefixed ? rest!.trim() : message.trim();
  const json = asJson(said);
  return {
    status: prefixed ? Number(named) : status,
    json,
    text: json || said === '' || NO_BODY.test(said) ? undefined : said,
  };
}
