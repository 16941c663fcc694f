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

/**
 * How long the server asked to wait, in milliseconds: `retry-after-ms`, then `Retry-After` as
 * seconds or as an HTTP-date, then the body's `retry_after` (seconds). `undefined` when it did not ask.
 *
 * @example
 * serverWait(new Headers({ 'retry-after': '2' })); // 2000
 */
export function serverWait(headers: HeaderSource, bodyRetryAfter?: unknown, now = Date.now()): number | undefined {
  const ms = Number.parseFloat(headerOf(headers, 'retry-after-ms') ?? '');
  if (ms >= 0) return ms;
  const value = headerOf(headers, 'retry-after');
  if (value) {
    const seconds = Number(value);
    if (value.trim() !== '' && seconds >= 0) return seconds * 1000;
    const date = Date.parse(value);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const body = typeof bodyRetryAfter === 'string' ? Number(bodyRetryAfter) : bodyRetryAfter;
  return typeof body === 'number' && body >= 0 ? body * 1000 : undefined;
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

/**
 * Milliseconds to wait before retry number `retry` (0 for the first), or `undefined` not to retry.
 *
 * - `kind` is the catalog's retry policy for the normalized code (its `retry` column), never a
 *   status list: policy `never` never retries, whatever the headers say (the same request cannot
 *   succeed, and a retry must never risk a second job); `backoff` and `after_retry_after` do.
 * - `x-should-retry: false` vetoes any retry. `x-should-retry: true` adds nothing: retryable codes
 *   are retried anyway, and it never overrides `never`.
 * - Otherwise the server's wait is honoured when it gave one (up to `maxRetryAfter`; a longer ask
 *   gives up), else backoff.
 *
 * @example
 * retryDelay({ retry: 0, kind: 'after_retry_after', headers: new Headers({ 'retry-after': '1' }) }, retryDefaults); // 1000
 */
export function retryDelay(
  failure: { retry: number; kind: FailureKind; headers?: HeaderSource; bodyRetryAfter?: unknown },
  settings: RetrySettings,
  now = Date.now(),
  random: () => number = Math.random,
): number | undefined {
  if (failure.retry >= settings.maxRetries) return undefined;
  if (failure.kind === 'never' || headerOf(failure.headers, 'x-should-retry') === 'false') return undefined;
  const asked = serverWait(failure.headers, failure.bodyRetryAfter, now);
  if (asked === undefined) return backoff(failure.retry, settings, random);
  return asked <= settings.maxRetryAfter ? asked : undefined;
}
