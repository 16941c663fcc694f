/**
 * One logical call's state, and the signal of each of its attempts: the caller's signal, the
 * attempt timeout and the call's deadline all end an attempt, and `state.why` says which did.
 */
import type { ParseAs } from 'openapi-fetch';

/** Per logical call: what it is, the caller's signal, why the current attempt was stopped, what was read. */
export interface CallState {
  /** The caller's signal, when the caller passed one: without it, no listener is needed. */
  user: AbortSignal | undefined;
  why: 'aborted' | 'timeout' | 'deadline' | undefined;
  /** Set once openapi-fetch handed the request over: a TypeError before that means it could not build it. */
  sent: boolean;
  /** `GET`, `POST`…, and the operation's path template, for events. */
  method: string;
  path: string;
  /** How the caller wants a 2xx body (openapi-fetch's `parseAs`). */
  parseAs: ParseAs;
  /** A stream: a 2xx is handed back unread, its body the caller's. */
  keep: boolean;
  /** Middleware sees the responses: hand openapi-fetch real ones, with their bodies, not the client's reading. */
  full: boolean;
  /** The call's own Idempotency-Key, when the caller gave one in the options. */
  idempotencyKey: string | undefined;
  /** What the client read of the last answer, swapped in for openapi-fetch's (see `answered`). */
  result: { data?: unknown; error?: unknown; response: Response } | undefined;
  /** Clears the attempt's timer only: a stream outlives `timeout` but still stops on the caller's abort. */
  stopTimer: () => void;
  /** Clears the timer and the abort listener. */
  cleanup: () => void;
  /** Clears like `cleanup`, and gives the attempt's controller back to the pool: its request is over, fully read. */
  release: () => void;
}

/**
 * Each client's spare AbortControllers. Creating an AbortSignal is the largest cost of a call
 * after the fetch itself (profiled: ~15 %, most of it `makeTransferable`), so an attempt that
 * ended cleanly — never aborted, its body read to the end — hands its controller to the next one.
 * Its old request is finished, so a later abort of the signal reaches nothing of it; each is reused
 * a bounded number of times, so the listeners fetch leaves on it (removed when its Request is
 * collected) stay few.
 */
export interface ControllerPool {
  free: { controller: AbortController; uses: number }[];
}

const MAX_SPARE = 16;
const MAX_USES = 64;

const MAX_TIMER = 2_147_483_647;
const noop = () => {};

export function newCallState(user: AbortSignal | undefined, method = 'GET', path = '', parseAs: ParseAs = 'json', keep = false): CallState {
  return { user, why: undefined, sent: false, method, path, parseAs, keep, full: false, idempotencyKey: undefined, result: undefined, stopTimer: noop, cleanup: noop, release: noop };
}

/**
 * The signal of one attempt. Nothing is allocated when nothing can stop the attempt but the
 * caller: the Request already carries the caller's signal (an AbortController and a listener cost
 * more than the rest of a call on the success path).
 */
export function armAttempt(state: CallState, timeout: number, deadline: number, pool: ControllerPool): AbortSignal | undefined {
  const { user } = state;
  const left = deadline - Date.now();
  const limit = Math.min(timeout, left);
  state.why = undefined;
  if (limit === Infinity) return undefined;
  const spare = pool.free.pop() ?? { controller: new AbortController(), uses: 0 };
  const { controller } = spare;
  const stop = (why: CallState['why']) => {
    state.why ??= why;
    controller.abort();
  };
  const timer = setTimeout(stop, Math.min(limit, MAX_TIMER), left <= timeout ? 'deadline' : 'timeout');
  const onUser = () => stop('aborted');
  if (user?.aborted) onUser();
  else user?.addEventListener('abort', onUser, { once: true });
  state.stopTimer = () => clearTimeout(timer);
  const cleanup = () => {
    clearTimeout(timer);
    user?.removeEventListener('abort', onUser);
  };
  state.cleanup = cleanup;
  state.release = () => {
    cleanup();
    if (!controller.signal.aborted && ++spare.uses < MAX_USES && pool.free.length < MAX_SPARE) pool.free.push(spare);
    // Released once: a later cleanup must not hand it out twice.
    state.release = cleanup;
  };
  return controller.signal;
}
