// Per-key rate limit (fixed window) and concurrency limit. Both maps are keyed by account, and
// only authenticated accounts reach them, so they hold at most one entry per seeded key; the
// windows are bounded anyway.

import type { RateLimitState } from '@errata/server';
import { CatalogError } from '@errata/server';
import { BoundedMap } from './bounded-map.js';

export class RateLimiter {
  private readonly windows: BoundedMap<string, { start: number; count: number }>;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.windows = new BoundedMap(10_000, windowMs * 2, now);
  }

  /** Counts one request; past the limit it is `exceeded` and not counted (the caller answers RATE_LIMIT_EXCEEDED). */
  take(accountId: string): RateLimitState & { exceeded: boolean } {
    const now = this.now();
    let window = this.windows.get(accountId);
    if (!window || now - window.start >= this.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(accountId, window);
    }
    const reset = Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
    if (window.count >= this.limit) return { limit: this.limit, remaining: 0, reset, exceeded: true };
    window.count++;
    return { limit: this.limit, remaining: this.limit - window.count, reset, exceeded: false };
  }
}

/** A request's place among its key's in-flight requests. */
export interface ConcurrencySlot {
  /**
   * Keeps the slot after the handler returns — a stream is in flight until its last event — and
   * returns the function that frees it (safe to call more than once).
   */
  hold(): () => void;
}

export class ConcurrencyLimiter {
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly limit: number) {}

  /** Requests of this key in flight now (streams included). */
  count(accountId: string): number {
    return this.inFlight.get(accountId) ?? 0;
  }

  /**
   * Runs `task` as one of the key's in-flight requests; throws CONCURRENT_LIMIT_EXCEEDED when
   * there are too many. The slot is freed when `task` settles, unless the task holds it.
   */
  async run<T>(accountId: string, task: (slot: ConcurrencySlot) => Promise<T>): Promise<T> {
    const current = this.count(accountId);
    if (current >= this.limit) throw new CatalogError('CONCURRENT_LIMIT_EXCEEDED', { retryAfter: 1 });
    this.inFlight.set(accountId, current + 1);
    let released = false;
    let held = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = this.count(accountId) - 1;
      if (left <= 0) this.inFlight.delete(accountId);
      else this.inFlight.set(accountId, left);
    };
    try {
      return await task({
        hold: () => {
          held = true;
          return release;
        },
      });
    } finally {
      if (!held) release();
    }
  }
}
