/**
 * A fresh Idempotency-Key: a random UUID where the runtime has one (Node ≥ 19, browsers in secure contexts, edge),
 * else 128 random bits in hex.
 */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  return Array.from(c.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
