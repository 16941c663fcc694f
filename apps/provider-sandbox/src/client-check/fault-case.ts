/**
 * One fault of a client conformance run, and what a client that handles it right does: derived
 * from the catalog's retry policy of the code the fault means, never written per fault by hand.
 */
import { codeFacts, isErrorCode, type RetryPolicy } from '@errata/types/policy';
import type { FaultPlan } from '../faults/fault-plan.js';

export interface FaultCase {
  /** A name for the report: `RATE_LIMIT_EXCEEDED, then success`. */
  name: string;
  provider: string;
  stream: boolean;
  plan: FaultPlan;
  expect: Expectation;
}

export type Expectation =
  /** Fail once with a typed error and never send the request again. */
  | { kind: 'fail-without-retry' }
  /** Retry (after at least `waitMs` when the fault states a wait) and then succeed. */
  | { kind: 'retry-then-succeed'; waitMs: number }
  /** Give up at once with a typed error: the stated wait is longer than any client waits. */
  | { kind: 'give-up-on-long-wait' }
  /** Throw a typed error mid-stream, with the tokens before the fault kept. */
  | { kind: 'fail-mid-stream'; tokensBefore: number }
  /** Throw a typed error when the stream is cut or goes silent: never a silent success. */
  | { kind: 'fail-broken-stream' };

/** What the catalog says a client should do with one failure of this code. */
export function expectationFor(code: string, plan: FaultPlan): Expectation {
  const policy: RetryPolicy = isErrorCode(code) ? codeFacts[code][1] : 'never';
  if (policy === 'never') return { kind: 'fail-without-retry' };
  const waitMs =
    plan.retryAfter === undefined
      ? 0
      : plan.retryAfter.form === 'ms'
        ? plan.retryAfter.value
        : plan.retryAfter.value * 1000;
  return { kind: 'retry-then-succeed', waitMs };
}
