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

/**
 * One taken slot: an object rather than closures made per request, since every request that gets
 * this far takes one and most give it back as soon as they are answered.
 */
class Slot implements ConcurrencySlot {
  private held = false;
  private released = false;

  constructor(
    private readonly inFlight: Map<string, number>,
    private readonly accountId: string,
  ) {}

  hold(): () => void {
    this.held = true;
    return () => this.release();
  }

  /** The request is answered: frees the slot unless a stream holds it. */
  settle(): void {
    if (!this.held) this.release();
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    const left = (this.inFlight.get(this.accountId) ?? 0) - 1;
    if (left <= 0) this.inFlight.delete(this.accountId);
    else this.inFlight.set(this.accountId, left);
  }
}

export class ConcurrencyLimiter {
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly limit: number) {}

  /** Requests of this key in flight now (streams included). */
  count(accountId: string): number {
    return this.inFlight.get(accountId) ?? 0;
  }

  /**
   * Takes one of the key's in-flight slots; throws CONCURRENT_LIMIT_EXCEEDED when there are too
   * many. Call `settle()` once the request is answered.
   */
  take(accountId: string): ConcurrencySlot & { settle(): void } {
    const current = this.count(accountId);
    if (current >= this.limit) throw new CatalogError('CONCURRENT_LIMIT_EXCEEDED', { retryAfter: 1 });
    this.inFlight.set(accountId, current + 1);
    return new Slot(this.inFlight, accountId);
  }
}
