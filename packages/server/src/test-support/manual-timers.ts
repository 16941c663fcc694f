// A clock only the test moves, for the kit's `timers` options: every wait is on an event (a timer
// being set), never on time.
import type { Timers } from '../timers.js';

export interface ManualTimers extends Timers {
  /** Resolves once a timer is set (at once if one is). */
  pending(): Promise<void>;
  /** Fires the earliest timer; false when there is none. */
  fireNext(): boolean;
  /** Moves the clock forward without firing anything. */
  advance(ms: number): void;
}

/**
 * Manual timers starting at `start` ms.
 *
 * @example
 * const timers = manualTimers();
 * await timers.pending();
 * timers.fireNext();
 */
export function manualTimers(start = 0): ManualTimers {
  let now = start;
  const timers: { at: number; callback: () => void }[] = [];
  const waiters: (() => void)[] = [];
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const timer = { at: now + ms, callback };
      timers.push(timer);
      timers.sort((a, b) => a.at - b.at);
      for (const wake of waiters.splice(0)) wake();
      return () => {
        const index = timers.indexOf(timer);
        if (index >= 0) timers.splice(index, 1);
      };
    },
    pending: () => (timers.length ? Promise.resolve() : new Promise<void>((resolve) => void waiters.push(resolve))),
    fireNext() {
      const next = timers.shift();
      if (!next) return false;
      now = Math.max(now, next.at);
      next.callback();
      return true;
    },
    advance(ms) {
      now += ms;
    },
  };
}
