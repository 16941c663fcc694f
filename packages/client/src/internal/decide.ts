/**
 * The retry decision: after a failed attempt, wait and try again, or stop. Pure (time and chance
 * come in as arguments) and table-tested; the attempt loop acts on what it returns.
 */
import {
  type FailureKind,
  type HeaderSource,
  type RetryReason,
  type RetrySettings,
  retryPlan,
} from '../retry-policy.js';

/** What the attempt loop knows of a failed attempt. */
export interface Failure {
  /** 0 for the first attempt's failure. */
  retry: number;
  /** The error answer's headers (Retry-After, retry-after-ms, x-should-retry); none after a transport failure. */
  headers?: HeaderSource | undefined;
  /** The wait the normalized error body asked for, in seconds (its `retry_after`). */
  bodyRetryAfter?: unknown;
  /** Milliseconds left before the call's deadline (`totalTimeout`); Infinity when it has none. */
  timeLeft: number;
}

/**
 * How a failure may be retried: the catalog's policy for an error answer's canonical code,
 * `transport` for a retryable transport failure, `final` for one that is not (an abort, the
 * deadline, a 2xx that is not JSON, a redirect loop).
 */
export type FailurePolicy = FailureKind | 'final';

/** Why the call stops after this failure. */
type StopReason = Exclude<RetryReason, 'retry-after' | 'backoff'> | 'deadline' | 'not-retryable';

/**
 * Retry after `wait` ms (what the server asked, or backoff), or stop. `wait` on a stop is the wait
 * the policy chose all the same (retries exhausted, an ask past `maxRetryAfter`, a deadline too
 * near): what the caller should wait, reported as the error's `retry_after`.
 */
export type Decision =
  | { retry: true; wait: number; reason: 'retry-after' | 'backoff' }
  | { retry: false; wait: number | undefined; reason: StopReason };

/**
 * Decides what follows a failed attempt: `retryPlan` (the catalog's policy, `x-should-retry`, the
 * server's ask, backoff, `maxRetries`, `maxRetryAfter`), then the deadline: a wait that would
 * outlast it is not started.
 *
 * @example
 * const failure = { retry: 0, headers: new Headers({ 'retry-after': '1' }), timeLeft: Infinity };
 * decide(failure, 'after_retry_after', retryDefaults); // { retry: true, wait: 1000, reason: 'retry-after' }
 */
export function decide(
  failure: Failure,
  policy: FailurePolicy,
  settings: RetrySettings,
  now = Date.now(),
  random: () => number = Math.random,
): Decision {
  const { retry, headers, bodyRetryAfter } = failure;
  const plan =
    policy === 'final' ? final : retryPlan({ retry, kind: policy, headers, bodyRetryAfter }, settings, now, random);
  const late = plan.delay !== undefined && plan.delay >= failure.timeLeft;
  // `plan.wait` is `plan.delay` when the plan retries.
  return {
    retry: plan.delay !== undefined && !late,
    wait: plan.wait,
    reason: late ? 'deadline' : plan.reason,
  } as Decision;
}

const final = { delay: undefined, wait: undefined, reason: 'not-retryable' } as const;
