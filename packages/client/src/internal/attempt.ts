/**
 * One logical call's state, and the signal of each of its attempts: the caller's signal, the
 * attempt timeout and the call's deadline all end an attempt, and `state.why` says which did.
 */
import type { ParseAs } from 'openapi-fetch';

type Why = 'aborted' | 'timeout' | 'deadline' | undefined;

/**
 * Each client's spare AbortControllers and its one attempt timer. Creating an AbortSignal is the
 * largest cost of a call after the fetch itself (profiled: ~15 %, most of it `makeTransferable`),
 * so an attempt that ended cleanly — never aborted, its body read to the end — hands its controller
 * to the next one. Its old request is finished, so a later abort of the signal reaches nothing of
 * it; each is reused a bounded number of times, so the listeners fetch leaves on it (removed when
 * its Request is collected) stay few. A setTimeout per attempt cost as much again: the client keeps
 * one timer, set for the earliest end of its running attempts (see `schedule`).
 */
export interface ControllerPool {
  free: Spare[];
  /** The running attempts that have an end. */
  armed: Set<CallState>;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** When `timer` fires (`performance.now()` ms); Infinity when there is none. */
  at: number;
}

interface Spare {
  controller: AbortController;
  uses: number;
}

/** A client's pool: no spare controller, no timer. */
export const newPool = (): ControllerPool => ({ free: [], armed: new Set(), timer: undefined, at: Infinity });

const MAX_SPARE = 16;
const MAX_USES = 64;
const MAX_TIMER = 2_147_483_647;

/** Per logical call: what it is, the caller's signal, why the current attempt was stopped, what was read. */
export class CallState {
  why: Why = undefined;
  /** Set once openapi-fetch handed the request over: a TypeError before that means it could not build it. */
  sent = false;
  /** Middleware sees the responses: hand openapi-fetch real ones, with their bodies, not the client's reading. */
  full = false;
  /** The call's own Idempotency-Key, when the caller gave one in the options. */
  idempotencyKey: string | undefined = undefined;
  /** What the client read of the last answer, swapped in for openapi-fetch's (see `answered`). */
  result: { data?: unknown; error?: unknown; response: Response } | undefined = undefined;
  /**
   * The running attempt's end (`performance.now()` ms: monotonic, a clock change moves no end), why
   * it ends then, its controller and pool.
   */
  end = Infinity;
  endWhy: Why = undefined;
  spare: Spare | undefined = undefined;
  pool: ControllerPool | undefined = undefined;
  onUser: (() => void) | undefined = undefined;

  constructor(
    /** The caller's signal, when the caller passed one: without it, no listener is needed. */
    readonly user: AbortSignal | undefined,
    /** `GET`, `POST`…, and the operation's path template, for events. */
    readonly method = 'GET',
    readonly path = '',
    /** How the caller wants a 2xx body (openapi-fetch's `parseAs`). */
    readonly parseAs: ParseAs = 'json',
    /** A stream: a 2xx is handed back unread, its body the caller's. */
    readonly keep = false,
  ) {}

  /** Stops the running attempt: the first reason given is the one kept. */
  stop(why: Why): void {
    this.why ??= why;
    this.spare?.controller.abort();
  }

  /** Clears the attempt's timer only: a stream outlives `timeout` but still stops on the caller's abort. */
  stopTimer(): void {
    const { pool } = this;
    if (!pool?.armed.delete(this) || pool.armed.size > 0 || !pool.timer) return;
    // Nothing left to time: the timer must not keep the process alive (where it can be unref'd,
    // it stays for the next attempt; a later end is found when it fires).
    if (typeof (pool.timer as { unref?: unknown }).unref === 'function')
      (pool.timer as unknown as { unref(): void }).unref();
    else {
      clearTimeout(pool.timer);
      pool.timer = undefined;
      pool.at = Infinity;
    }
  }

  /** Clears the timer and the abort listener. */
  cleanup(): void {
    this.stopTimer();
    if (this.onUser) this.user?.removeEventListener('abort', this.onUser);
    this.spare = undefined;
  }

  /** Clears like `cleanup`, and gives the attempt's controller back to the pool: its request is over, fully read. */
  release(): void {
    const { spare, pool } = this;
    this.cleanup();
    if (spare && pool && !spare.controller.signal.aborted && ++spare.uses < MAX_USES && pool.free.length < MAX_SPARE)
      pool.free.push(spare);
  }
}

export function newCallState(
  user: AbortSignal | undefined,
  method = 'GET',
  path = '',
  parseAs: ParseAs = 'json',
  keep = false,
): CallState {
  return new CallState(user, method, path, parseAs, keep);
}

// The pool's timer fired: stop every attempt past its end, and set the timer for the next end.
function fire(pool: ControllerPool): void {
  pool.timer = undefined;
  pool.at = Infinity;
  const now = performance.now();
  let next = Infinity;
  for (const state of pool.armed) {
    if (state.end <= now) {
      pool.armed.delete(state);
      state.stop(state.endWhy);
    } else if (state.end < next) next = state.end;
  }
  if (next !== Infinity) schedule(pool, next);
}

function schedule(pool: ControllerPool, at: number): void {
  if (pool.timer) clearTimeout(pool.timer);
  pool.at = at;
  pool.timer = setTimeout(fire, Math.min(Math.max(Math.ceil(at - performance.now()), 0), MAX_TIMER), pool);
}

/**
 * The signal of one attempt. Nothing is allocated when nothing can stop the attempt but the
 * caller: the Request already carries the caller's signal (an AbortController and a listener cost
 * more than the rest of a call on the success path).
 */
export function armAttempt(
  state: CallState,
  timeout: number,
  deadline: number,
  pool: ControllerPool,
): AbortSignal | undefined {
  const { user } = state;
  const left = deadline - Date.now();
  const limit = Math.min(timeout, left);
  state.why = undefined;
  if (limit === Infinity) return undefined;
  const spare = pool.free.pop() ?? { controller: new AbortController(), uses: 0 };
  state.spare = spare;
  state.pool = pool;
  state.end = performance.now() + limit;
  state.endWhy = left <= timeout ? 'deadline' : 'timeout';
  pool.armed.add(state);
  if (state.end < pool.at) schedule(pool, state.end);
  else (pool.timer as unknown as { ref?: () => void } | undefined)?.ref?.();
  if (user) {
    state.onUser ??= () => state.stop('aborted');
    if (user.aborted) state.onUser();
    else user.addEventListener('abort', state.onUser, { once: true });
  }
  return spare.controller.signal;
}
