// The sandbox's own key lookup, for the kit's auth stage: the key (compared in constant time by
// staticKeys), then the account's state, then what the key may do on this operation — in the order
// a client would fix them. The kit answers MISSING_API_KEY and INVALID_API_KEY; this says the rest.

import { CatalogError } from '@errata/server';
import { type AuthResult, type ErrataEnv, staticKeys } from '@errata/server/hono';
import type { Context } from 'hono';
import { type Account, paidFeatures, seededAccounts } from '../seed.js';

const find = staticKeys(seededAccounts, (account) => account.id);

/** The account behind `key` on this request's operation, or the code that refuses it. */
export function lookupAccount(key: string, c: Context<ErrataEnv>): AuthResult<Account> {
  const found = find(key);
  if (!found) return undefined;
  const account = found.credential;
  const operation = c.get('operation')!;
  if (account.state === 'expired') return { refuse: 'EXPIRED_API_KEY' };
  if (account.state === 'revoked') return { refuse: 'REVOKED_API_KEY' };
  if (account.suspended) return { refuse: 'ACCOUNT_SUSPENDED' };
  if (account.monthlyQuotaExceeded) return { refuse: 'QUOTA_EXCEEDED' };
  if (!account.canWrite && operation.method !== 'GET') return { refuse: 'INSUFFICIENT_PERMISSIONS' };
  const feature = paidFeatures[operation.operationId];
  if (feature && account.plan === 'free') return { refuse: 'PLAN_FEATURE_UNAVAILABLE', init: { params: { feature } } };
  return found;
}

/** Billed operations need credit; called after validation, so a broke key still learns what is wrong with its input. */
export function charge(account: Account): void {
  if (account.balance <= 0) throw new CatalogError('INSUFFICIENT_BALANCE');
}
