/**
 * The in-memory idempotency store: one process, capped (the oldest keys go first) and with a time
 * to live, so memory stays flat whatever clients send. A running request's entry holds a promise,
 * so concurrent duplicates wait for the first and never run a second time.
 */
import { BoundedMap } from '../../bounded-map.js';
import { systemTimers, type Timers } from '../../timers.js';
import type { IdempotencyClaim, IdempotencyStore, StoredResponse } from './store.js';

export interface MemoryStoreOptions {
  /** Keys kept at most (default 10,000). */
  max?: number;
  /** How long a stored response is replayed, in ms (default 24 h). */
  ttlMs?: number;
  /** The clock TTLs run on (default the wall clock). */
  timers?: Timers;
}

interface Entry {
  fingerprint: string;
  response: StoredResponse | undefined;
  settled: Promise<StoredResponse | undefined>;
  settle: (response: StoredResponse | undefined) => void;
}

/** An in-memory store that also says how many keys it holds. */
export interface MemoryIdempotencyStore extends IdempotencyStore {
  readonly size: number;
}

/**
 * The default store of `idempotency()`.
 *
 * @example
 * idempotency(server, { store: memoryIdempotencyStore({ max: 1_000, ttlMs: 60 * 60 * 1000 }) });
 */
export function memoryIdempotencyStore(options: MemoryStoreOptions = {}): MemoryIdempotencyStore {
  const timers = options.timers ?? systemTimers;
  const entries = new BoundedMap<string, Entry>(options.max ?? 10_000, options.ttlMs ?? 86_400_000, () => timers.now());
  return {
    get size() {
      return entries.size;
    },
    async claim(key, fingerprint): Promise<IdempotencyClaim> {
      const found = entries.get(key);
      if (found?.response) return { state: 'stored', fingerprint: found.fingerprint, response: found.response };
      if (found) return { state: 'running', fingerprint: found.fingerprint, wait: () => found.settled };
      let settle!: Entry['settle'];
      const settled = new Promise<StoredResponse | undefined>((resolve) => (settle = resolve));
      entries.set(key, { fingerprint, response: undefined, settled, settle });
      return { state: 'claimed' };
    },
    async complete(key, response) {
      const found = entries.get(key);
      if (!found) return;
      found.response = response;
      // Its time to live counts from the response.
      entries.set(key, found);
      found.settle(response);
    },
    async release(key) {
      entries.get(key)?.settle(undefined);
      entries.delete(key);
    },
  };
}
