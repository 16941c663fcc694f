// Idempotency-Key: the first request with a key runs; every later one with the same key and the
// same request gets the first one's response, even while the first is still running (the entry
// holds its promise, so concurrent duplicates wait for it and never start a second job). A
// different request under a used key answers IDEMPOTENCY_CONFLICT. Only successes are kept: a
// failed attempt frees the key, so a retry after an error runs again.
import { createHash } from 'node:crypto';
import { CatalogError } from '@errata/server';
import { BoundedMap } from './bounded-map.js';

export interface Snapshot {
  status: number;
  body: unknown;
}

interface Entry {
  fingerprint: string;
  result: Promise<Snapshot>;
}

export class IdempotencyStore {
  private readonly entries: BoundedMap<string, Entry>;

  constructor(max: number, ttlMs: number, now: () => number = Date.now) {
    this.entries = new BoundedMap(max, ttlMs, now);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Runs `execute` once per (scope, key); `replayed` says whether this call got a stored response. */
  async run(
    scope: string,
    key: string,
    request: string,
    execute: () => Promise<Snapshot>,
  ): Promise<{ snapshot: Snapshot; replayed: boolean }> {
    const id = `${scope}\u0000${key}`;
    const fingerprint = createHash('sha256').update(request).digest('base64');
    const existing = this.entries.get(id);
    if (existing) {
      if (existing.fingerprint !== fingerprint) throw new CatalogError('IDEMPOTENCY_CONFLICT', { params: { key } });
      return { snapshot: await existing.result, replayed: true };
    }
    const result = execute();
    this.entries.set(id, { fingerprint, result });
    try {
      const snapshot = await result;
      if (snapshot.status >= 300) this.entries.delete(id);
      return { snapshot, replayed: false };
    } catch (error) {
      this.entries.delete(id);
      throw error;
    }
  }
}
