import type { Clock } from '../internal/clock.js';

/** A clock the test moves: timers run when `advance` passes their time, never on their own. */
export function manualClock(start = 0): Clock & { advance(ms: number): void } {
  let now = start;
  const timers = new Set<{ due: number; run: () => void }>();
  return {
    now: () => now,
    setTimeout(run, ms) {
      const timer = { due: now + ms, run };
      timers.add(timer);
      return () => timers.delete(timer);
    },
    advance(ms) {
      now += ms;
      for (const timer of [...timers].filter((t) => t.due <= now)) {
        timers.delete(timer);
        timer.run();
      }
    },
  };
}
