/**
 * A call's own options (`timeout`, `maxRetries`, `fetch`, `idempotencyKey`), checked and merged
 * over the client's settings. Loaded by `createClient`'s call on the first call that passes one:
 * calls with the client's settings never ship or run it.
 */
import { ErrataError } from '../errors.js';
import type { CallState } from './attempt.js';
import { positive } from './positive.js';
import type { FetchLike, SendSettings } from './send.js';

// Bad call options: the same typed error as bad client options, naming the call.
const invalidCall = (text: string) => new ErrataError('INVALID_OPTIONS', `INVALID_OPTIONS: call options: ${text}`);

/** The settings of this call; sets `state.idempotencyKey`. Throws `ErrataError` `INVALID_OPTIONS` for a bad option. */
export function callSettings(o: Record<string, unknown>, settings: SendSettings, state: CallState): SendSettings {
  let s = settings;
  if (o.fetch !== undefined || o.timeout !== undefined || o.maxRetries !== undefined) {
    s = {
      ...settings,
      fetch: (o.fetch as FetchLike | undefined) ?? settings.fetch,
      timeout: positive('timeout', o.timeout as number | undefined, settings.timeout, invalidCall),
      maxRetries: positive('maxRetries', o.maxRetries as number | undefined, settings.maxRetries, invalidCall),
    };
  }
  const key = o.idempotencyKey;
  if (key !== undefined) {
    if (!(typeof key === 'string' && /^[\x21-\x7E]+$/.test(key)))
      throw invalidCall('idempotencyKey must be printable ASCII without spaces.');
    state.idempotencyKey = key;
  }
  return s;
}
