// The sandbox's time, in one place: the queue's job durations and expiry, the rate windows and
// the stores' TTLs read `now()`, and every simulated wait (a job running, slow-1 outlasting the
// request timeout, a stream's pace) is a `setTimeout` on it. The real clock is the default; a
// test passes its own (test-support/manual-clock.ts) and moves time itself, so nothing it checks
// depends on how fast the machine is.

/** What the sandbox asks of time. */
export interface Clock {
  /** Milliseconds since the epoch, as `Date.now()`. */
  now(): number;
  /** Calls `callback` after `ms`; the returned function cancels it (safe to call more than once). */
  setTimeout(callback: () => void, ms: number): () => void;
}

/** The wall clock. Its timers are unref'd: a pending job or pause never keeps the process alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/**
 * Waits `ms` on `clock`; an abort of `signal` rejects at once with the signal's reason and cancels
 * the timer, so no pause outlives the connection it belongs to.
 *
 * @example
 * await sleep(state.options.clock, 50, abort.signal);
 */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      cancel();
      reject(signal!.reason);
    };
    const cancel = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
