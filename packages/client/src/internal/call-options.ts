/**
 * A call's own options (`timeout`, `maxRetries`, `fetch`, `idempotencyKey`), checked and merged over
 * the client's settings. Part of the deferred path (`deferred.ts`): loaded on the first call that
 * passes one.
 */
import { ErrataError } from '../errors.js';
import type { CallSettings, FetchLike } from './call-settings.js';
import { nonNegative } from './non-negative.js';

// Bad call options: the same typed error as bad client options, naming the call.
const invalidCall = (text: string) => new ErrataError('INVALID_OPTIONS', `INVALID_OPTIONS: call options: ${text}`);

/**
 * This call's settings, and the Idempotency-Key it chose. Throws `ErrataError` `INVALID_OPTIONS` for
 * a bad option.
 */
export function callSettings(
  options: Record<string, unknown>,
  client: CallSettings,
): { settings: CallSettings; idempotencyKey: string | undefined } {
  let settings = client;
  if (options.fetch !== undefined || options.timeout !== undefined || options.maxRetries !== undefined) {
    settings = {
      ...client,
      fetch: (options.fetch as FetchLike | undefined) ?? client.fetch,
      timeout: nonNegative('timeout', options.timeout as number | undefined, client.timeout, invalidCall),
      maxRetries: nonNegative('maxRetries', options.maxRetries as number | undefined, client.maxRetries, invalidCall),
    };
  }
  const key = options.idempotencyKey;
  if (key !== undefined && !(typeof key === 'string' && /^[\x21-\x7E]+$/.test(key)))
    throw invalidCall('idempotencyKey must be printable ASCII without spaces.');
  return { settings, idempotencyKey: key };
}
