/**
 * A fixed-window counter per caller, in memory (one process), capped: the default counter of
 * `rateLimit()`. A counter shared by several processes (Redis `INCR` + `EXPIRE`) implements the
 * same `take`.
 */
import { BoundedMap } from '../../bounded-map.js';
import type { RateLimitState } from '../../rate-limit-fields.js';
import { systemTimers, type Timers } from '../../timers.js';

/** Where the caller's window stands after counting this request; `exceeded` when it was over (and not counted). */
export type RateLimitTake = RateLimitState & { exceeded: boolean };

export interface FixedWindowOptions {
  /** Requests per window. */
  limit: number;
  /** The window, in ms. */
  windowMs: number;
  /** Callers tracked at most (default 10,000; the oldest go first). */
  max?: number;
  timers?: Timers;
}

/**
 * A counter for `rateLimit({ take })`.
 *
 * @example
 * const take = fixedWindow({ limit: 300, windowMs: 10_000 });
 * take('team-a'); // { limit: 300, remaining: 299, reset: 10, window: 10, exceeded: false }
 */
export function fixedWindow(options: FixedWindowOptions): (caller: string) => RateLimitTake {
  const { limit, windowMs } = options;
  const timers = options.timers ?? systemTimers;
  const windows = new BoundedMap<string, { start: number; count: number }>(options.max ?? 10_000, windowMs * 2, () =>
    timers.now(),
  );
  const window = Math.ceil(windowMs / 1000);
  return (caller) => {
    const now = timers.now();
    let current = windows.get(caller);
    if (!current || now - current.start >= windowMs) {
      current = { start: now, count: 0 };
      windows.set(caller, current);
    }
    const reset = Math.max(1, Math.ceil((current.start + windowMs - now) / 1000));
    if (current.count >= limit) return { limit, remaining: 0, reset, window, exceeded: true };
    current.count++;
    return { limit, remaining: limit - current.count, reset, window, exceeded: false };
  };
}
