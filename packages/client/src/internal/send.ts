/**
 * The fetch the client hands to openapi-fetch: one logical call, several attempts. Each attempt
 * reads its whole answer inside the loop — a 2xx body too — so a body that breaks off or stalls
 * is retried like a refused connection; every error response is normalized before the retry
 * decision, so retries follow the catalog's policy for the canonical code.
 */
import type { ErrataError, ErrorEnvelope } from '../errors.js';
import type { ClientEvent, DoneEvent, OnEvent } from '../events.js';
import type { FailureKind, RetrySettings } from '../retry-policy.js';
import { readData } from './answer.js';
import { armAttempt, type CallState, type ControllerPool } from './attempt.js';
import type { ErrorBody } from './error-answer.js';

export { answered } from './answer.js';

import type { Redactor } from '@errata/redact';
import type { Normalizer } from './envelope.js';
import { newIdempotencyKey } from './idempotency-key.js';

export type { CallState } from './attempt.js';
export { newCallState } from './attempt.js';

/** What the client calls to send one attempt: a standard fetch. */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

export interface SendSettings extends RetrySettings {
  fetch: FetchLike;
  timeout: number;
  totalTimeout: number;
  /** `undefined`: Errata's envelope (`normalizeEnvelope`, loaded with the error path). */
  normalize: Normalizer | undefined;
  redact: Redactor;
  maxErrorBodyBytes: number;
  onEvent: OnEvent | undefined;
  pool: ControllerPool;
}

// The failure path (error answers, transport errors, the retry decision), loaded on a client's
// first failure and kept: a call that only ever succeeds never loads it.
let failurePath: Promise<typeof import('./retry-step.js')> | undefined;
const loadFailurePath = () => (failurePath ??= import('./retry-step.js'));

const noop = () => {};

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
  // No hook, no event: nothing is built (two closures per call otherwise).
  const ev = emit
    ? (type: ClientEvent['type'], attempt: number, extra: object) => {
        try {
          emit({ type, method, path, attempt, ...extra } as ClientEvent);
        } catch {}
      }
    : noop;
  const done = emit
    ? (outcome: DoneEvent['outcome'], attempt: number, extra: Partial<DoneEvent>) =>
        ev('done', attempt, { outcome, ...extra })
    : noop;

  for (let retry = 0; ; retry++) {
    const attempt = retry + 1;
    const signal = armAttempt(state, s.timeout, deadline, s.pool);
    if (signal) init.signal = signal;
    else if (init.signal) init.signal = null;
    if (emit) ev('attempt', attempt, { idempotencyKey: key });
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
        if (emit)
          done('data', attempt, {
            status: response.status,
            requestId: response.headers.get('x-request-id') ?? undefined,
          });
        return out;
      }
      const answer = await (await loadFailurePath()).readErrorAnswer(
        response,
        s.maxErrorBodyBytes,
        s.normalize,
        state,
        s.redact,
      );
      read = answer.read;
      kind = answer.kind;
      // Seconds, like a body's retry_after; the headers are read again by the policy, in ms.
      if (answer.asked !== undefined) bodyRetryAfter = answer.asked / 1000;
      error = answer.envelope;
    } catch (cause) {
      state.cleanup();
      failure = (await loadFailurePath()).transportFailure(
        cause,
        state,
        response !== undefined,
        s.redact,
        attempt,
        done,
      );
    }
    const step = await loadFailurePath();
    const next = step.afterFailure(
      { retry, attempt, deadline, kind, bodyRetryAfter, response, error, read, failure },
      s,
      state,
      ev,
      done,
    );
    if (typeof next !== 'number') return next;
    if (!(await step.sleep(next, state.user))) throw step.abortedInWait(attempt, done);
  }
}
