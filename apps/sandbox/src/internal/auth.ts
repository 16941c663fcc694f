// Authentication and account checks, in the order a client would fix them: the key itself, then
// the account's state, then what the key may do on this operation.
import type { SpecOperation } from '@errata/spec-model';
import { paidFeatures, type Account } from '../seed.js';
import { ApiError } from './api-error.js';
import type { KeyStore } from './key-store.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

export function authenticate(header: string | undefined, operation: SpecOperation, keys: KeyStore): Account {
  if (header === undefined || header.trim() === '') throw new ApiError('MISSING_API_KEY');
  const token = BEARER.exec(header)?.[1];
  const account = token === undefined ? undefined : keys.find(token);
  if (!account) throw new ApiError('INVALID_API_KEY');
  if (account.state === 'expired') throw new ApiError('EXPIRED_API_KEY');
  if (account.state === 'revoked') throw new ApiError('REVOKED_API_KEY');
  if (account.suspended) throw new ApiError('ACCOUNT_SUSPENDED');
  if (account.monthlyQuotaExceeded) throw new ApiError('QUOTA_EXCEEDED');
  if (!account.canWrite && operation.method !== 'GET') throw new ApiError('INSUFFICIENT_PERMISSIONS');
  const feature = paidFeatures[operation.operationId];
  if (feature && account.plan === 'free') throw new ApiError('PLAN_FEATURE_UNAVAILABLE', { params: { feature } });
  return account;
}

/** Billed operations need credit; called after validation, so a broke key still learns what is wrong with its input. */
export function charge(account: Account): void {
  if (account.balance <= 0) throw new ApiError('INSUFFICIENT_BALANCE');
}
