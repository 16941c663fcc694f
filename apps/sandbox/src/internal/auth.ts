// Authentication and account checks, in the order a client would fix them: the key itself, then
// the account's state, then what the key may do on this operation.

import { CatalogError } from '@errata/server';
import type { SpecOperation } from '@errata/spec-model';
import { type Account, paidFeatures } from '../seed.js';
import type { KeyStore } from './key-store.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

export function authenticate(header: string | undefined, operation: SpecOperation, keys: KeyStore): Account {
  if (header === undefined || header.trim() === '') throw new CatalogError('MISSING_API_KEY');
  const token = BEARER.exec(header)?.[1];
  const account = token === undefined ? undefined : keys.find(token);
  if (!account) throw new CatalogError('INVALID_API_KEY');
  if (account.state === 'expired') throw new CatalogError('EXPIRED_API_KEY');
  if (account.state === 'revoked') throw new CatalogError('REVOKED_API_KEY');
  if (account.suspended) throw new CatalogError('ACCOUNT_SUSPENDED');
  if (account.monthlyQuotaExceeded) throw new CatalogError('QUOTA_EXCEEDED');
  if (!account.canWrite && operation.method !== 'GET') throw new CatalogError('INSUFFICIENT_PERMISSIONS');
  const feature = paidFeatures[operation.operationId];
  if (feature && account.plan === 'free') throw new CatalogError('PLAN_FEATURE_UNAVAILABLE', { params: { feature } });
  return account;
}

/** Billed operations need credit; called after validation, so a broke key still learns what is wrong with its input. */
export function charge(account: Account): void {
  if (account.balance <= 0) throw new CatalogError('INSUFFICIENT_BALANCE');
}
