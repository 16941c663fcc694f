// Errata's trigger pack, the part that is data: what the generic planner needs to cause Errata's
// auth and account codes for real, as a `--spec` config would say it. The rest of the pack is the
// triggers in `triggers/` that need state the spec cannot describe (models listModels shows, a
// job the run submits, a file it uploads, a word the content policy refuses).
import type { ErrorCode } from '@errata/types';
import type { ContractConfig } from '../spec-suite/config.js';

/** A bearer key no server issued: INVALID_API_KEY on every operation that declares it. */
const NOT_A_KEY = 'errata_contract_not_a_key';

/**
 * Account states a key carries to every operation, so the key named for one fails every operation
 * that declares its code. Permission, plan and balance keys fail only where a write, a plan or a
 * bill is involved: those stay triggers on one operation (`triggers/auth.ts`, `triggers/billing.ts`).
 */
export const KEYS_EVERYWHERE: readonly ErrorCode[] = [
  'EXPIRED_API_KEY',
  'REVOKED_API_KEY',
  'ACCOUNT_SUSPENDED',
  'QUOTA_EXCEEDED',
];

/**
 * The pack's `auth` config: the suite's key, no key, a key no server issued, and the caller's keys
 * for the account states above.
 *
 * @example
 * packAuth('sk_test_valid', { EXPIRED_API_KEY: 'sk_test_expired' }).keys;
 * // { MISSING_API_KEY: null, INVALID_API_KEY: 'errata_contract_not_a_key', EXPIRED_API_KEY: 'sk_test_expired' }
 */
export function packAuth(apiKey: string, keys: Partial<Record<ErrorCode, string>>): ContractConfig['auth'] {
  const named = KEYS_EVERYWHERE.flatMap((code) => (keys[code] ? [[code, keys[code]] as const] : []));
  return { key: apiKey, keys: { MISSING_API_KEY: null, INVALID_API_KEY: NOT_A_KEY, ...Object.fromEntries(named) } };
}
