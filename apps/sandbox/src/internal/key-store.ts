// API keys are compared in constant time: each candidate is hashed once and compared with every
// seeded key's hash by timingSafeEqual, without stopping at a match, so neither the position of a
// key nor a common prefix shows in the response time.
import { hash, timingSafeEqual } from 'node:crypto';
import type { Account } from '../seed.js';

// One-shot hashing (Node ≥ 20.12): a Hash object per request costs more than the hash (bench/run.mjs).
const digest = (key: string): Buffer => hash('sha256', key, 'buffer') as unknown as Buffer;

export class KeyStore {
  private readonly entries: { hash: Buffer; account: Account }[];

  constructor(accounts: Record<string, Account>) {
    this.entries = Object.entries(accounts).map(([key, account]) => ({ hash: digest(key), account }));
  }

  find(candidate: string): Account | undefined {
    const hash = digest(candidate);
    let found: Account | undefined;
    for (const entry of this.entries) if (timingSafeEqual(entry.hash, hash)) found = entry.account;
    return found;
  }
}
