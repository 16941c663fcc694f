/**
 * What to retry and how long to wait: pure functions of the catalog's retry policy, the response
 * headers and the attempt number. The fetch layer calls them; tests drive them by tables.
 */
import type { RetryPolicy } from '@errata/types';

/** Retry settings; every duration is in milliseconds. */
export interface RetrySettings {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff step. */
  initialDelay: number;
  /** Largest backoff step. */
  maxDelay: number;
  /** Largest wait the server may ask for (Retry-After…); a longer ask is not waited out: the error is returned. */
  maxRetryAfter: number;
}

/**
 * The defaults: 2 retries, backoff 0.5 s × 2^n with up to 25 % jitter below, capped at 8 s (as
 * openai-node), and a server-asked wait honoured up to 60 s.
 */
export const retryDefaults: Readonly<RetrySettings> = Object.freeze({
  maxRetries: 2,
  initialDelay: 500,
  maxDelay: 8_000,
  maxRetryAfter: 60_000,
});

export type HeaderSource = Headers | Record<string, string | undefined> | undefined;

/** Reads a header from a Headers object or a plain (lower-case keyed) record. */
export function headerOf(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  return (headers as Record<string, string | undefined>)[name];
}

// RFC 9110 §10.2.3: delay-seconds is digits; we also take a decimal (retry-after-ms sends them).
const seconds = /^\s*\d+(?:\.\d+)?\s*$/;
// RFC 9110 §5.6.7: every HTTP-date form (IMF-fixdate, RFC 850, asctime) opens with a day name.
// Checked before Date.parse, which reads almost anything ('-5', 'soon 3') as some date in the past.
const httpDate = /^\s*(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? [\d A-Z]/;

/**
 * How long the server asked to wait, in milliseconds: `retry-after-ms`, then `Retry-After` as
 * seconds or as an HTTP-date, then the body's `retry_after` (seconds). `undefined` when it did not
 * ask, or asked in a form that means nothing (`-5`, `soon 3`, an empty value): junk falls back to
 * the backoff, it is never read as "now".
 *
 * @example
 * serverWait(new Headers({ 'retry-after': '2' })); // 2000
 * serverWait(new Headers({ 'retry-after': 'soon 3' })); // undefined
 */
export function serverWait(headers: HeaderSource, bodyRetryAfter?: unknown, now = Date.now()): number | undefined {
  const ms = headerOf(headers, 'retry-after-ms');
  if (ms && seconds.test(ms)) return Number(ms);
  const value = headerOf(headers, 'retry-after');
  if (value) {
    if (seconds.test(value)) return Number(value) * 1000;
    if (httpDate.test(value)) {
      const date = Date.parse(value);
      if (!Number.isNaN(date)) return Math.max(0, date - now);
    }
  }
  const body =
    typeof bodyRetryAfter === 'string' && seconds.test(bodyRetryAfter) ? Number(bodyRetryAfter) : bodyRetryAfter;
  return typeof body === 'number' && body >= 0 && Number.isFinite(body) ? body * 1000 : undefined;
}

/**
 * Exponential backoff with jitter: `initialDelay × 2^retry`, capped at `maxDelay`, minus up to 25 %.
 *
 * @example
 * backoff(0, retryDefaults, () => 0); // 500
 */
export function backoff(retry: number, settings: RetrySettings, random: () => number = Math.random): number {
  const base = Math.min(settings.initialDelay * 2 ** retry, settings.maxDelay);
  return base * (1 - 0.25 * random());
}

/** What failed: a catalog retry policy for HTTP errors, `transport` for a retryable transport failure. */
export type FailureKind = RetryPolicy | 'transport';

/** Why the policy stopped, or why it waits what it waits. */
export type RetryReason = 'retry-after' | 'backoff' | 'never' | 'exhausted' | 'x-should-retry' | 'too-long';

/** A retry decision: the wait before the next attempt (`undefined`: do not retry), and why. */
export interface RetryPlan {
  delay: number | undefined;
  reason: RetryReason;
  /** The wait the policy chose, even when it does not retry (retries exhausted): what the caller should wait. */
  wait: number | undefined;
}

/**
 * The retry decision for a failure, with its reason: what `retryDelay` returns, and why. The
 * client reports `wait` as the error's `retry_after`, so that what it says is what it did.
 *
 * @example
 * retryPlan({ retry: 0, kind: 'after_retry_after', headers: new Headers({ 'retry-after': '1' }) }, retryDefaults);
 * // { delay: 1000, reason: 'retry-after', wait: 1000 }
 */
export function retryPlan(
  failure: { retry: number; kind: FailureKind; headers?: HeaderSource; bodyRetryAfter?: unknown },
  settings: RetrySettings,
  now = Date.now(),
  random: () => number = Math.random,
): RetryPlan {
  if (failure.kind === 'never') return { delay: undefined, reason: 'never', wait: undefined };
  if (headerOf(failure.headers, 'x-should-retry') === 'false')
    return { delay: undefined, reason: 'x-should-retry', wait: undefined };
  const asked = serverWait(failure.headers, failure.bodyRetryAfter, now);
  const wait = asked ?? backoff(failure.retry, settings, random);
  const reason = asked === undefined ? 'backoff' : 'retry-after';
  if (failure.retry >= settings.maxRetries) return { delay: undefined, reason: 'exhausted', wait };
  if (asked !== undefined && asked > settings.maxRetryAfter) return { delay: undefined, reason: 'too-long', wait };
  return { delay: wait, reason, wait };
}

/**
 * Milliseconds to wait before retry number `retry` (0 for the first), or `undefined` not to retry.
 *
 * - `kind` is the catalog's retry policy for the normalized code (its `retry` column), never a
 *   status list: policy `never` never retries, whatever the headers say (the same request cannot
 *   succeed, and a retry must never risk a second job); `backoff` and `after_retry_after` do.
 * - `x-should-retry: false` vetoes any retry. `x-should-retry: true` adds nothing: retryable codes
 *   are retried anyway, and it never overrides `never`.
 * - Otherwise the server's wait is honoured when it gave one (up to `maxRetryAfter`; a longer ask
 *   gives up), else backoff. A junk `Retry-After` counts as no ask.
 *
 * @example
 * const headers = new Headers({ 'retry-after': '1' });
 * retryDelay({ retry: 0, kind: 'after_retry_after', headers }, retryDefaults); // 1000
 */
export function retryDelay(
  failure: { retry: number; kind: FailureKind; headers?: HeaderSource; bodyRetryAfter?: unknown },
  settings: RetrySettings,
  now = Date.now(),
  random: () => number = Math.random,
): number | undefined {
  return retryPlan(failure, settings, now, random).delay;
}
