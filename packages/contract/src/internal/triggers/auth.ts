// Authentication and permission: no key, a key the server cannot know, and the keys the caller
// names for the account states only its server can set up (expired, revoked, suspended, read-only).
import type { ErrorCode } from '@errata/types';
import { baseRequest } from '../base-request.js';
import { exchange } from './requests.js';
import type { Trigger, TriggerFamily } from './trigger.js';

/**
 * `code` on `operationId`, caused by an otherwise valid request with the key the caller named for
 * it (`keys[code]`); unavailable without one.
 */
export function withKey(code: ErrorCode, operationId: string, cause: string): Trigger {
  return {
    code,
    operationId,
    cause: `${cause} (the key named in keys.${code})`,
    unavailable: (c) =>
      c.keys[code] ? undefined : `needs a key that produces it (keys.${code} / --key ${code}=<key>)`,
    run: (c) => {
      const request = baseRequest(c, c.operation(operationId));
      request.headers = { ...request.headers, ...c.auth(c.keys[code]!) };
      return exchange(c, request);
    },
  };
}

const triggers: readonly Trigger[] = [
  {
    code: 'MISSING_API_KEY',
    operationId: 'listModels',
    cause: 'a request with no Authorization header',
    run: (c) => exchange(c, { method: 'GET', path: '/v1/models' }),
  },
  {
    code: 'INVALID_API_KEY',
    operationId: 'listModels',
    cause: 'a bearer key no server issued',
    run: (c) => exchange(c, { method: 'GET', path: '/v1/models', headers: c.auth('errata_contract_not_a_key') }),
  },
  withKey('EXPIRED_API_KEY', 'listModels', 'an expired key'),
  withKey('REVOKED_API_KEY', 'listModels', 'a revoked key'),
  withKey('ACCOUNT_SUSPENDED', 'listModels', 'the key of a suspended account'),
  withKey('INSUFFICIENT_PERMISSIONS', 'createFinetune', 'a key without the permission to fine-tune'),
];

export const auth: TriggerFamily = { name: 'auth', triggers: () => triggers };
