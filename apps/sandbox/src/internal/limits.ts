// Per-key concurrency limit (the rate limit is the kit's). The map is keyed by account, and only
// authenticated accounts reach it, so it holds at most one entry per seeded key.

import { CatalogError } from '@errata/server';

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
