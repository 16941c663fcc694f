/**
 * A lookup over a fixed set of keys (a test server, a small internal API), compared in constant
 * time: each candidate is hashed once and compared with every key's hash by `timingSafeEqual`,
 * without stopping at a match, so neither the position of a key nor a common prefix shows in the
 * response time.
 */
import { hash, timingSafeEqual } from 'node:crypto';

// One-shot hashing (Node ≥ 20.12): a Hash object per request costs more than the hash.
const digest = (key: string): Buffer => hash('sha256', key, 'buffer') as unknown as Buffer;

/**
 * A lookup for `auth()` from keys to credentials; `idOf` names each credential (never the key).
 *
 * @example
 * auth(server, { lookup: staticKeys({ sk_test_1: { team: 'a' } }, (credential) => credential.team) });
 */
export function staticKeys<Credential>(
  keys: Readonly<Record<string, Credential>>,
  idOf: (credential: Credential) => string,
): (key: string) => { id: string; credential: Credential } | undefined {
  const entries = Object.entries(keys).map(([key, credential]) => ({ hash: digest(key), credential }));
  return (key) => {
    const candidate = digest(key);
    let found: Credential | undefined;
    for (const entry of entries) if (timingSafeEqual(entry.hash, candidate)) found = entry.credential;
    return found === undefined ? undefined : { id: idOf(found), credential: found };
  };
}
