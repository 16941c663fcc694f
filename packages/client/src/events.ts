/**
 * What the client tells an `onEvent` hook: every attempt, every answer, every wait and the
 * outcome. Nothing here holds the API key (no headers; texts go through the client's redaction),
 * and nothing is emitted unless a hook is set.
 */

import type { ErrorCode } from '@errata/types/policy';
import type { ClientErrorCode } from './errors.js';
import type { RetryReason } from './retry-policy.js';

interface EventBase {
  /** Which call: a number per call, the same on all its events (how to tell concurrent calls apart). */
  callId: number;
  /** `GET`, `POST`… */
  method: string;
  /** The operation's path template, e.g. `/v1/models/{model}`. */
  path: string;
  /** 1 for the first attempt. */
  attempt: number;
}

/** An attempt is about to be sent. */
export interface AttemptEvent extends EventBase {
  type: 'attempt';
  /** The call's Idempotency-Key, sent unchanged on every attempt (POST, or when you set one). */
  idempotencyKey: string | undefined;
}

/**
 * Attempt `attempt` failed, and the client waits `wait` ms before the next: what the server asked
 * (`retry-after`) or `backoff`. `status` and `requestId` are the failed answer's (none for a
 * transport failure, whose `code` is a client code).
 */
export interface RetryEvent extends EventBase {
  type: 'retry';
  status: number | undefined;
  code: ErrorCode | ClientErrorCode;
  requestId: string | undefined;
  wait: number;
  reason: 'retry-after' | 'backoff';
}

/** The call is over: `data` (a 2xx), `error` (an error envelope returned) or `thrown` (an `ErrataError`). */
export interface DoneEvent extends EventBase {
  type: 'done';
  outcome: 'data' | 'error' | 'thrown';
  /** The last answer's status and request id (none when nothing answered). */
  status?: number;
  requestId?: string | undefined;
  /** The error's code (an envelope's, or the thrown `ErrataError`'s). */
  code?: ErrorCode | ClientErrorCode;
  /** A thrown error's message (redacted). */
  message?: string;
  /**
   * Why no further attempt was made, when the call failed: `never` (the code's policy), `exhausted`, `too-long`,
   * `x-should-retry`, `deadline`…
   */
  reason?: RetryReason | 'deadline' | 'not-retryable';
}

/** Everything `onEvent` sees, in order: attempt, then retry and attempt again…, then done. */
export type ClientEvent = AttemptEvent | RetryEvent | DoneEvent;

/** A hook for `createClient({ onEvent })`; it must not throw (what it throws is ignored). */
export type OnEvent = (event: ClientEvent) => void;

/**
 * A hook that writes each event, for `createClient({ onEvent: debugLogger() })` (what `debug: true`
 * uses): `[errata] retry { method: 'GET', path: '/v1/models', attempt: 1, wait: 500, … }`.
 *
 * @example
 * const client = createClient({
 *   baseUrl: 'http://127.0.0.1:4010',
 *   onEvent: debugLogger((...line) => console.error(...line)),
 * });
 */
export function debugLogger(write: (...line: unknown[]) => void = console.debug): OnEvent {
  return (event) => write('[errata]', event.type, event);
}
