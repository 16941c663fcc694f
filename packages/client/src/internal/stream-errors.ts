/**
 * A provider's mid-stream error events, as spec/providers.yaml `stream_errors` records them:
 * Anthropic's and Groq's `event: error`, the OpenAI-style `data:` line whose JSON has an `error`
 * member (OpenAI, Azure, OpenRouter, Gemini, Groq, Together, Fireworks), Cohere's `message-end`
 * with `delta.error`, Mistral's chunk whose `finish_reason` is `error`. A provider normalizer
 * carries its rules, and the stream reader asks `isStreamError` about each event it does not
 * know, so that such an event ends the stream as an `ErrataStreamError` (normalized by the same
 * normalizer) instead of being skipped.
 */

import { compilePath, readPath } from './dotted-path.js';
import type { Normalizer } from './envelope.js';

/** One recorded shape: the SSE event name, a dotted path its JSON data must hold a value at, and that value. */
export interface StreamErrorRule {
  readonly event: string;
  readonly has?: string;
  readonly equals?: string | number | boolean;
}

const RULES = Symbol('errata.streamErrors');
type WithRules = Normalizer & { [RULES]?: readonly StreamErrorRule[] };

/** The normalizer, marked with the provider's stream error rules. */
export function withStreamErrors(normalize: Normalizer, rules: readonly StreamErrorRule[]): Normalizer {
  return Object.assign((...args: Parameters<Normalizer>) => normalize(...args), { [RULES]: rules });
}

/** Whether this event is the provider's mid-stream error, by the normalizer's rules. */
export function isStreamError(normalize: Normalizer, event: string, data: string): boolean {
  const rules = (normalize as WithRules)[RULES];
  if (!rules) return false;
  let parsed: unknown;
  for (const rule of rules) {
    if (rule.event !== event) continue;
    if (rule.has === undefined) return true;
    try {
      parsed ??= JSON.parse(data);
    } catch {
      return false;
    }
    const value = readPath(parsed, compilePath(rule.has));
    if (rule.equals === undefined ? value !== undefined && value !== null : value === rule.equals) return true;
  }
  return false;
}
