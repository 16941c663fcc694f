/**
 * What follows a failed attempt: the transport error for a failure, then the retry decision — the
 * wait before the next attempt, or the call's end (the canonical error Response, or a thrown
 * `ErrataError`) — with its events. Loaded lazily by `send` with the error answer reader, on a
 * client's first failure: a call that only ever succeeds does not ship or run it.
 */

import { REDACTED, type Redactor } from '@errata/redact';
import { type ClientErrorCode, ErrataError, type ErrorEnvelope } from '../errors.js';
import type { DoneEvent } from '../events.js';
import { type FailureKind, retryPlan } from '../retry-policy.js';
import type { CallState } from './attempt.js';
import { canonicalResponse, type ErrorBody } from './error-answer.js';
import type { SendSettings } from './send.js';

export { readErrorAnswer } from './error-answer.js';
export { sleep } from './sleep.js';

/** Emits `done` (see `send`): a hook that throws does not change the outcome. */
export type Done = (outcome: DoneEvent['outcome'], attempt: number, extra: Partial<DoneEvent>) => void;
/** Emits any other event (see `send`). */
export type Emit = (type: 'retry', attempt: number, extra: object) => void;

/** Builds the transport error for a failure, by why the attempt was stopped (if we stopped it). */
export function transportError(
  cause: unknown,
  state: CallState,
  otherwise: ClientErrorCode,
  redact: Redactor,
): ErrataError {
  if (cause instanceof ErrataError) return cause;
  if (state.user?.aborted) state.why ??= 'aborted';
  const code: ClientErrorCode =
    state.why === 'aborted'
      ? 'ABORTED'
      : state.why === 'timeout'
        ? 'CLIENT_TIMEOUT'
        : state.why === 'deadline'
          ? 'DEADLINE_EXCEEDED'
          : otherwise;
  const causeCode = cause instanceof Error ? (cause.cause as { code?: string } | undefined)?.code : undefined;
  const detail = cause instanceof Error ? `${cause.message}${causeCode ? ` (${causeCode})` : ''}` : String(cause);
  return new ErrataError(code, redact(`${code}: ${detail}`), { cause });
}

/**
 * The error of an attempt that failed in transport (headers came and the body broke off, or nothing came); thrown at
 * once when it is not retryable.
 */
export function transportFailure(
  cause: unknown,
  state: CallState,
  answered: boolean,
  redact: Redactor,
  attempt: number,
  done: Done,
): ErrataError {
  const failure = transportError(cause, state, answered ? 'RESPONSE_INCOMPLETE' : 'CONNECTION_ERROR', redact);
  if (!failure.retryable) {
    done('thrown', attempt, { code: failure.code, message: failure.message, reason: 'not-retryable' });
    throw failure;
  }
  return failure;
}

/** A failed attempt: an error answer (`response`, `error`, `read`) or a retryable transport `failure`. */
export interface Failed {
  retry: number;
  attempt: number;
  deadline: number;
  kind: FailureKind;
  bodyRetryAfter: number | undefined;
  response: Response | undefined;
  error: ErrorEnvelope | undefined;
  read: ErrorBody | undefined;
  failure: ErrataError | undefined;
}

/**
 * The wait (ms) before the next attempt, or the call's end: the canonical error Response to return
 * (or the failure, thrown).
 */
export function afterFailure(f: Failed, s: SendSettings, state: CallState, ev: Emit, done: Done): number | Response {
  const { retry, attempt, kind, response, error, failure } = f;
  const plan = retryPlan({ retry, kind, headers: error && response?.headers, bodyRetryAfter: f.bodyRetryAfter }, s);
  // What the error says to wait is what the client waited, or would wait next.
  if (error && plan.wait !== undefined && (error.retry_after !== undefined || kind === 'after_retry_after'))
    (error as { retry_after?: number }).retry_after = Math.ceil(plan.wait / 1000);
  // A wait that would outlast the deadline is not started: the caller gets the answer now.
  const late = plan.delay !== undefined && Date.now() + plan.delay >= f.deadline;
  if (plan.delay === undefined || late) {
    const reason = late ? 'deadline' : plan.reason;
    if (error) {
      done('error', attempt, {
        status: response!.status,
        code: error.code,
        requestId: error.request_id || undefined,
        reason,
      });
      return canonicalResponse(response!, error, f.read!, state, s.redact);
    }
    done('thrown', attempt, { code: failure!.code, message: failure!.message, reason });
    throw failure;
  }
  ev('retry', attempt, {
    status: response?.status,
    code: error?.code ?? failure!.code,
    requestId: error?.request_id || undefined,
    wait: plan.delay,
    reason: plan.reason,
  });
  return plan.delay;
}

/** The error of a call aborted during a retry wait. */
export function abortedInWait(attempt: number, done: Done): ErrataError {
  done('thrown', attempt, { code: 'ABORTED', reason: 'not-retryable' });
  return new ErrataError('ABORTED', 'ABORTED: the call was aborted during a retry wait.');
}

// A request that openapi-fetch could not build (a header value with a newline, a character past
// Latin-1): its TypeError quotes the value, which may be a key, so the quote is cut and the cause
// (which would show it again) is not kept.
export function unbuildable(cause: TypeError, redact: Redactor): ErrataError {
  return new ErrataError(
    'INVALID_OPTIONS',
    redact(`INVALID_OPTIONS: the request could not be built: ${cause.message.replace(/"[\s\S]*"/, `"${REDACTED}"`)}`),
  );
}

/** A 2xx whose body is not what the operation declares: `INVALID_RESPONSE`, never `data: undefined`. */
export const invalidResponse = (response: Response, what: string): ErrataError =>
  new ErrataError('INVALID_RESPONSE', `INVALID_RESPONSE: the ${response.status} response ${what}.`, {
    status: response.status,
    requestId: response.headers.get('x-request-id') ?? undefined,
  });
