/**
 * Waits a provider states outside `Retry-After`: in its message ("Please try again in 26.604s",
 * "Please retry after 86400 seconds", "try again in 7m12s", Gemini's "Please retry in 41.31s"), and
 * in the rate-limit header families (OpenAI's and Groq's `x-ratelimit-reset-*` durations,
 * Anthropic's `anthropic-ratelimit-*-reset` timestamps) for the limit that is used up. Only what the
 * response says: no wait is ever made up.
 */
import { type HeaderSource, headerOf } from '../retry-policy.js';

const UNIT: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
const unitOf = (word: string): number | undefined => {
  const w = word.toLowerCase();
  if (w.startsWith('ms') || w.startsWith('milli')) return UNIT.ms;
  if (w.startsWith('h')) return UNIT.h;
  if (w.startsWith('m')) return UNIT.m;
  return w.startsWith('s') ? UNIT.s : undefined;
};

// A Go-style duration (`7m12s`, `1.984999999s`, `6m0s`, `20ms`) or words (`2 seconds`, `1 minute`).
const DURATION = /^(?:\d+(?:\.\d+)?\s*(?:ms|milliseconds?|h|hours?|m(?!s)|minutes?|s|seconds?)\s*)+$/i;
const PART = /(\d+(?:\.\d+)?)\s*(ms|milliseconds?|h|hours?|m(?!s)|minutes?|s|seconds?)/gi;
const UNIT_WORD = '(?:ms|milliseconds?|h|hours?|m(?!s)|minutes?|s|seconds?)';
const IN_MESSAGE = new RegExp(
  `\\b(?:try again|retry)(?: the request)? (?:in|after) ((?:\\d+(?:\\.\\d+)?\\s*${UNIT_WORD}(?![a-z])\\s*)+)`,
  'i',
);

/**
 * A duration as seconds (`7m12s` → 432, `2 seconds` → 2, `20ms` → 0.02), or `undefined`.
 *
 * @example
 * durationSeconds('7m12s'); // 432
 */
export function durationSeconds(text: string): number | undefined {
  if (!DURATION.test(text.trim())) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(PART)) total += Number(amount) * (unitOf(unit!) ?? 0);
  return total;
}

/**
 * The wait a message states, in seconds, or `undefined` when it states none.
 *
 * @example
 * messageWait('Rate limit reached … Please try again in 26.604s. Visit …'); // 26.604
 */
export function messageWait(message: string | undefined): number | undefined {
  if (message === undefined || message.length > 4000) return undefined;
  const found = IN_MESSAGE.exec(message);
  return found ? durationSeconds(found[1]!) : undefined;
}

const FAMILIES = ['requests', 'tokens', 'input-tokens', 'output-tokens'] as const;

/**
 * The wait the rate-limit headers state for the limit that is used up (its `remaining` is 0), in
 * seconds: OpenAI's and Groq's `x-ratelimit-reset-<family>` duration, Anthropic's
 * `anthropic-ratelimit-<family>-reset` RFC 3339 time. The longest, when several are used up.
 *
 * @example
 * headerResetWait({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '6m0s' }); // 360
 */
export function headerResetWait(headers: HeaderSource, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  let wait: number | undefined;
  for (const family of FAMILIES) {
    let seconds: number | undefined;
    if (headerOf(headers, `x-ratelimit-remaining-${family}`) === '0') {
      const reset = headerOf(headers, `x-ratelimit-reset-${family}`);
      seconds = reset === undefined ? undefined : durationSeconds(reset);
    } else if (headerOf(headers, `anthropic-ratelimit-${family}-remaining`) === '0') {
      const at = Date.parse(headerOf(headers, `anthropic-ratelimit-${family}-reset`) ?? '');
      seconds = Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
    }
    if (seconds !== undefined) wait = Math.max(wait ?? 0, seconds);
  }
  return wait;
}
