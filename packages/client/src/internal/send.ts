/**
 * The fetch the client hands to openapi-fetch: one logical call, several attempts. Every attempt's
 * error response is normalized before the retry decision, so retries follow the catalog's policy
 * for the canonical code; the Response openapi-fetch finally sees is canonical JSON.
 */
import { ErrataError, type ClientErrorCode } from '../errors.js';
import { retryDelay, type FailureKind, type RetrySettings } from '../retry-policy.js';
import { factsOf } from './catalog-view.js';
import type { Normalizer } from './envelope.js';
import { newIdempotencyKey } from './idempotency-key.js';
import { rememberRawError } from './raw-error.js';
import { readBounded } from './read-body.js';
import type { Redact } from './redact.js';
import { sleep } from './sleep.js';

export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

export interface SendSettings extends RetrySettings {
  fetch: FetchLike;
  timeout: number;
  totalTimeout: number;
  normalize: Normalizer;
  redact: Redact;
  maxErrorBodyBytes: number;
}

/** Per logical call: the caller's signal, why the current attempt was stopped, and how to disarm it. */
export interface CallState {
  /** The caller's signal, when the caller passed one: without it, no listener is needed. */
  user: AbortSignal | undefined;
  why: 'aborted' | 'timeout' | 'deadline' | undefined;
  /** Set once openapi-fetch handed the request over: a TypeError before that means it could not build it. */
  sent: boolean;
  /** Set once a 2xx came back: openapi-fetch is reading its body, still under the attempt's timer. */
  reading: boolean;
  /** Clears the attempt's timer only: a stream outlives `timeout` but still stops on the caller's abort. */
  stopTimer: () => void;
  /** Clears the timer and the abort listener. */
  cleanup: () => void;
}

const MAX_TIMER = 2_147_483_647;
const noop = () => {};

export function newCallState(user: AbortSignal | undefined): CallState {
  return { user, why: undefined, sent: false, reading: false, stopTimer: noop, cleanup: noop };
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

// The signal of one attempt: the caller's signal, the attempt timeout and the call's deadline all
// end it, and `state.why` says which did. Nothing is allocated when nothing can stop the attempt
// but the caller: the Request already carries the caller's signal (an AbortController and a
// listener cost more than the rest of a call on the success path).
function arm(state: CallState, timeout: number, deadline: number): AbortSignal | undefined {
  const { user } = state;
  const left = deadline - Date.now();
  const limit = Math.min(timeout, left);
  state.why = undefined;
  if (limit === Infinity) return undefined;
  const controller = new AbortController();
  const stop = (why: CallState['why']) => {
    state.why ??= why;
    controller.abort();
  };
  const timer = setTimeout(stop, Math.min(limit, MAX_TIMER), left <= timeout ? 'deadline' : 'timeout');
  const onUser = () => stop('aborted');
  if (user?.aborted) onUser();
  else user?.addEventListener('abort', onUser, { once: true });
  state.stopTimer = () => clearTimeout(timer);
  state.cleanup = () => {
    clearTimeout(timer);
    user?.removeEventListener('abort', onUser);
  };
  return controller.signal;
}

// An error response's headers, with the API key and any bearer token cut from their values, as
// from its body: a server that echoes the Authorization header must not hand the key back out.
function redactHeaders(headers: Headers, redact: Redact): Headers {
  const out = new Headers();
  headers.forEach((value, name) => out.append(name, redact(value).replace(/(bearer\s+)[^\s,;]+/gi, '$1[redacted]')));
  return out;
}

function canonical(response: Response, envelope: object, text: string, truncated: boolean, redact: Redact): Response {
  const raw = redactHeaders(response.headers, redact);
  const headers = new Headers(raw);
  for (const name of ['content-length', 'content-encoding', 'transfer-encoding']) headers.delete(name);
  headers.set('content-type', 'application/json');
  const out = new Response(JSON.stringify(envelope), { status: response.status, statusText: response.statusText, headers });
  rememberRawError(out, { status: response.status, headers: raw, body: redact(text), truncated });
  return out;
}

/** Sends one logical call with retries; throws only `ErrataError`s. */
export async function send(request: Request, s: SendSettings, state: CallState): Promise<Response> {
  state.sent = true;
  const deadline = Date.now() + s.totalTimeout;
  const init: RequestInit = {};
  // Every POST in the spec declares Idempotency-Key, and a POST is retried only with one: one key
  // per logical call (the caller's, when it set one), the same on every attempt, so that a retry
  // is answered with the first attempt's outcome and never runs the operation twice.
  if (request.method === 'POST' && !request.headers.has('idempotency-key')) {
    init.headers = new Headers(request.headers);
    init.headers.set('idempotency-key', newIdempotencyKey());
  }
  // Buffered once so that every attempt can send it again.
  if (s.maxRetries > 0 && request.body) init.body = await request.arrayBuffer();

  for (let retry = 0; ; retry++) {
    const signal = arm(state, s.timeout, deadline);
    if (signal) init.signal = signal;
    else delete init.signal;
    let failure: ErrataError | undefined;
    let result: Response | undefined;
    let kind: FailureKind = 'transport';
    let bodyRetryAfter: number | undefined;
    let response: Response | undefined;
    try {
      response = await s.fetch(request, init);
      if (response.ok) {
        state.reading = true;
        return response;
      }
      const { text, truncated } = await readBounded(response, s.maxErrorBodyBytes);
      state.cleanup();
      const { envelope, asked } = s.normalize({ status: response.status, headers: response.headers, body: text }, s.redact);
      result = canonical(response, envelope, text, truncated, s.redact);
      kind = factsOf(envelope.code).retry;
      // Seconds, like a body's retry_after; the headers are read again by retryDelay, in ms.
      if (asked !== undefined) bodyRetryAfter = asked / 1000;
    } catch (cause) {
      state.cleanup();
      // Headers came and then the body broke off, or nothing came at all.
      failure = transportError(cause, state, response ? 'RESPONSE_INCOMPLETE' : 'CONNECTION_ERROR', s.redact);
      if (!failure.retryable) throw failure;
    }
    const delay = retryDelay({ retry, kind, headers: result?.headers, bodyRetryAfter }, s);
    // A wait that would outlast the deadline is not started: the caller gets the answer now.
    if (delay === undefined || Date.now() + delay >= deadline) {
      if (result) return result;
      throw failure;
    }
    if (!(await sleep(delay, state.user))) throw new ErrataError('ABORTED', 'ABORTED: the call was aborted during a retry wait.');
  }
}
