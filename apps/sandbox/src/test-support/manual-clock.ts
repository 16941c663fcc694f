// Test helper: a clock that moves only when the test says so (the sandbox's `clock` option). Time
// jumps straight to the next timer, so a test runs a 60 s job as fast as a 1 ms one, and every
// wait is on an event: a timer being set (`pending`), or the work being done (`drive`).
import type { Clock } from '../internal/clock.js';

interface Timer {
  at: number;
  seq: number;
  callback: () => void;
}

export interface ManualClock extends Clock {
  /** Timers set and not yet fired or cancelled. */
  readonly timers: number;
  /** Resolves once at least one timer is set (at once if one is). */
  pending(): Promise<void>;
  /** Moves time to the earliest timer and fires it; false when there is none. */
  fireNext(): boolean;
  /** Moves time forward by `ms`, firing every timer due by then (those they set too), in order. */
  advance(ms: number): void;
  /** Fires timers, each as soon as one is set, until `work` settles; resolves as `work` does. */
  drive<T>(work: Promise<T>): Promise<T>;
}

/**
 * A clock at `start` (ms since the epoch) that only the test moves.
 *
 * @example
 * const clock = manualClock();
 * const sandbox = useSandbox({ clock });
 * const done = await clock.drive(call(sandbox().url, 'POST', '/v1/models/slow-1/run', { body }));
 */
export function manualClock(start = Date.parse('2026-01-01T00:00:00Z')): ManualClock {
  let now = start;
  let seq = 0;
  const timers = new Set<Timer>();
  const waiters: (() => void)[] = [];
  const earliest = () => [...timers].sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
  const fire = (timer: Timer) => {
    timers.delete(timer);
    now = Math.max(now, timer.at);
    timer.callback();
  };
  const pending = () => (timers.size ? Promise.resolve() : new Promise<void>((resolve) => void waiters.push(resolve)));
  const fireNext = () => {
    const next = earliest();
    if (next) fire(next);
    return next !== undefined;
  };
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const timer = { at: now + Math.max(0, ms), seq: seq++, callback };
      timers.add(timer);
      for (const wake of waiters.splice(0)) wake();
      return () => void timers.delete(timer);
    },
    get timers() {
      return timers.size;
    },
    pending,
    fireNext,
    advance(ms) {
      const until = now + ms;
      for (let next = earliest(); next && next.at <= until; next = earliest()) fire(next);
      now = until;
    },
    async drive(work) {
      let settled = false;
      const onSettled = () => {
        settled = true;
      };
      const done = work.then(onSettled, onSettled);
      while (!settled) {
        await Promise.race([done, pending()]);
        if (!settled) fireNext();
      }
      return work;
    },
  };
}
