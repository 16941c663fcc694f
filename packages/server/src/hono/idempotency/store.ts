/**
 * Where idempotent responses are kept: an interface small enough for Redis (`claim` is one
 * `SET key value NX PX ttl`, `complete` a `SET … XX PX ttl`, `release` a `DEL`, `wait` a poll or a
 * pub/sub message), with an in-memory implementation for one process (memory-store.ts).
 */

/** A response as stored: enough to send it again byte for byte. */
export interface StoredResponse {
  status: number;
  /** The headers that describe the body (`Content-Type`). */
  headers: Record<string, string>;
  body: string;
}

/** What claiming a key found. */
export type IdempotencyClaim =
  /** Nobody held the key: this request runs, then completes or releases it. */
  | { state: 'claimed' }
  /** A request with `fingerprint` ran to a stored response. */
  | { state: 'stored'; fingerprint: string; response: StoredResponse }
  /** A request with `fingerprint` is running; `wait` settles with its response, or undefined if it failed. */
  | { state: 'running'; fingerprint: string; wait(): Promise<StoredResponse | undefined> };

export interface IdempotencyStore {
  /** Claims `key` for a request with `fingerprint` (atomically), or says who holds it. */
  claim(key: string, fingerprint: string): Promise<IdempotencyClaim>;
  /** Keeps the claimed key's response (for the store's time to live). */
  complete(key: string, response: StoredResponse): Promise<void>;
  /** Frees a claimed key: the request failed, and a retry runs again. */
  release(key: string): Promise<void>;
}
