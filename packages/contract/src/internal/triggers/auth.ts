// Permission: the key the caller names for a read-only account, on a write. No key, a key no server
// issued and the account states every operation refuses (expired, revoked, suspended, over quota)
// are the pack's data (errata-pack.ts), run by the generic planner on every operation declaring them.
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
  withKey('INSUFFICIENT_PERMISSIONS', 'createFinetune', 'a key without the permission to fine-tune'),
];

export const auth: TriggerFamily = { name: 'auth', triggers: () => triggers };
