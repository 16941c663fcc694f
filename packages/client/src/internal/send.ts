/**
 * The fetch the client hands to openapi-fetch: one logical call, several attempts. Each attempt
 * reads its whole answer inside the loop — a 2xx body too — so a body that breaks off or stalls
 * is retried like a refused connection; every error response is normalized before the retry
 * decision, so retries follow the catalog's policy for the canonical code.
 */
import { ErrataError, type ClientErrorCode, type ErrorEnvelope } from '../errors.js';
import type { ClientEvent, DoneEvent, OnEvent } from '../events.js';
import { retryPlan, type FailureKind, type RetrySettings } from '../retry-policy.js';
import { armAttempt, type CallState, type ControllerPool } from './attempt.js';
import { factsOf } from './catalog-view.js';
import { canonicalResponse, readData, readError, type ErrorBody } from './answer.js';
export { answered } from './answer.js';
import type { Normalizer } from './envelope.js';
import { newIdempotencyKey } from './idempotency-key.js';
import type { Redact } from './redact.js';
import { sleep } from './sleep.js';

export type { CallState } from './attempt.js';
export { newCallState } from './attempt.js';

/** What the client calls to send one attempt: a standard fetch. */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

export interface SendSettings extends RetrySettings {
  fetch: FetchLike;
  timeout: number;
  totalTimeout: number;
  normalize: Normalizer;
  redact: Redact;
  maxErrorBodyBytes: number;
  onEvent: OnEvent | undefined;
  pool: ControllerPool;
}

/** Builds the transport error for a failure, by why the attempt was stopped (if we stopped it). */
export function transportError(cause: unknown, state: CallState, otherwise: ClientErrorCode, redact: Redact): ErrataError {
  if (cause instanceof ErrataError) return cause;
  if (state.user?.aborted) state.why ??= 'aborted';
  const code: ClientErrorCode =
    state.why === 'aborted' ? 'ABORTED' : state.why === 'timeout' ? 'CLIENT_TIMEOUT' : state.why === 'deadline' ? 'DEADLINE_EXCEEDED' : otherwise;
  const detail = cause instanceof Error ? `${cause.message}${(cause.cause as { code?: string } | undefined)?.code ? ` (${(cause.cause as { code: string }).code})` : ''}` : String(cause);
  return new ErrataError(code, redact(`${code}: ${detail}`), { cause });
}

/** Sends one logical call with retries; throws only `ErrataError`s. */
export async function send(request: Request, s: SendSettings, state: CallState): Promise<Response> {
  state.sent = true;
  const deadline = Date.now() + s.totalTimeout;
  const emit = s.onEvent;
  const { method, path } = state;
  const init: RequestInit = {};
  // Every POST in the spec declares Idempotency-Key, and a POST is retried only with one: one key
  // per logical call (the caller's, when it set one), the same on every attempt, so that a retry
  // is answered with the first attempt's outcome and never runs the operation twice.
  let key = state.idempotencyKey ?? request.headers.get('idempotency-key') ?? undefined;
  if (!key && method === 'POST') key = newIdempotencyKey();
  if (key && request.headers.get('idempotency-key') !== key) {
    init.headers = new Headers(request.headers);
    init.headers.set('idempotency-key', key);
  }
  // Buffered once so that every attempt can send it again.
  if (s.maxRetries > 0 && request.body) init.body = await request.arrayBuffer();

  // Every event names the call and the attempt; `done` also says what came of it.
  // A hook that throws must not change the call's outcome.
  const ev = (type: ClientEvent['type'], attempt: number, extra: object) => {
    try {
      emit?.({ type, method, path, attempt, ...extra } as ClientEvent);
    } catch {}
  };
  const done = (outcome: DoneEvent['outcome'], attempt: number, extra: Partial<DoneEvent>) => ev('done', attempt, { outcome, ...extra });

  for (let retry = 0; ; retry++) {
    const attempt = retry + 1;
    const signal = armAttempt(state, s.timeout, deadline, s.pool);
    if (signal) init.signal = signal;
    else if (init.signal) init.signal = null;
    ev('attempt', attempt, { idempotencyKey: key });
    let failure: ErrataError | undefined;
    let read: ErrorBody | undefined;
    let error: ErrorEnvelope | undefined;
    let kind: FailureKind = 'transport';
    let bodyRetryAfter: number | undefined;
    let response: Response | undefined;
    try {
      response = await s.fetch(request, init);
      if (response.ok) {
        // A stream's body belongs to the caller, under the caller's abort, not the attempt timer.
        const out = state.keep ? response : await readData(response, state, s.redact);
        if (state.keep) state.stopTimer();
        else state.release();
        if (emit) {
          const seen = { status: response.status, requestId: response.headers.get('x-request-id') ?? undefined };
          done('data', attempt, seen);
        }
        return out;
      }
      read = await readError(response, s.maxErrorBodyBytes);
      // A body cut at the limit was cancelled, not read to its end: its controller is not reused.
      if (read.truncated) state.cleanup();
      else state.release();
      const { envelope, asked } = s.normalize({ status: response.status, headers: response.headers, body: read.body }, s.redact);
      if (read.truncated) envelope.message = `${envelope.message} (error body cut at ${s.maxErrorBodyBytes} bytes)`;
      kind = factsOf(envelope.code).retry;
      // Seconds, like a body's retry_after; the headers are read again by the policy, in ms.
      if (asked !== undefined) bodyRetryAfter = asked / 1000;
      error = envelope;
    } catch (cause) {
      state.cleanup();
      // Headers came and then the body broke off, or nothing came at all.
      failure = transportError(cause, state, response ? 'RESPONSE_INCOMPLETE' : 'CONNECTION_ERROR', s.redact);
      if (!failure.retryable) {
        done('thrown', attempt, { code: failure.code, message: failure.message, reason: 'not-retryable' });
        throw failure;
      }
    }
    const plan = retryPlan({ retry, kind, headers: error && response?.headers, bodyRetryAfter }, s);
    // What the error says to wait is what the client waited, or would wait next.
    if (error && plan.wait !== undefined && (error.retry_after !== undefined || kind === 'after_retry_after')) (error as { retry_after?: number }).retry_after = Math.ceil(plan.wait / 1000);
    // A wait that would outlast the deadline is not started: the caller gets the answer now.
    const late = plan.delay !== undefined && Date.now() + plan.delay >= deadline;
    if (plan.delay === undefined || late) {
      const reason = late ? 'deadline' : plan.reason;
      if (error) {
        done('error', attempt, { status: response!.status, code: error.code, requestId: error.request_id || undefined, reason });
        return canonicalResponse(response!, error, read!, state, s.redact);
      }
      done('thrown', attempt, { code: failure!.code, message: failure!.message, reason });
      throw failure;
    }
    ev('retry', attempt, { status: response?.status, code: error?.code ?? failure!.code, requestId: error?.request_id || undefined, wait: plan.delay, reason: plan.reason });
    if (!(await sleep(plan.delay, state.user))) {
      done('thrown', attempt, { code: 'ABORTED', reason: 'not-retryable' });
      throw new ErrataError('ABORTED', 'ABORTED: the call was aborted during a retry wait.');
    }
  }
}
