/**
 * Time the kit waits on (a body that stalls, a stored idempotent response's age), behind one small
 * interface so that a server with its own clock (a test's manual clock) drives the kit's timers too.
 */

/** What the kit asks of time: the sandbox's `Clock` is one. */
export interface Timers {
  /** Milliseconds since the epoch, as `Date.now()`. */
  now(): number;
  /** Calls `callback` after `ms`; the returned function cancels it (safe to call more than once). */
  setTimeout(callback: () => void, ms: number): () => void;
}

/** The wall clock; its timers never keep the process alive. */
export const systemTimers: Timers = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
