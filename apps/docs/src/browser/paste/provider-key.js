// @ts-check
/**
 * What a pasted body says about itself in its provider's own terms: its code, internal code and
 * message, read from the provider's field paths in the catalog (`providers[p].fields`).
 *
 * ADAPTER, to be removed: `normalizeError` does not yet return which provider error it recognised.
 * Once it returns `origin` (design decision 4, branch w/seeds: provider, its code / internal_code /
 * type, wire status, message), `providerKey` reads `envelope.origin` and the path reading below
 * goes. Until then it reads the same paths the normalizer reads, and nothing else.
 */
import { providers } from '@errata/types';

/**
 * @typedef {import('@errata/types').ProviderId} ProviderId
 * @typedef {import('@errata/types').ProviderErrorKey} ProviderErrorKey
 */

/**
 * @param {unknown} value
 * @param {string} path dotted, numeric segments index arrays (`errors.0.code`)
 * @returns {unknown}
 */
function readPath(value, path) {
  let current = value;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = /** @type {Record<string, unknown>} */ (current)[segment];
  }
  return current;
}

/**
 * The first value of `paths` in `body` that passes `accept`.
 *
 * @template T
 * @param {unknown} body
 * @param {readonly string[] | undefined} paths
 * @param {(value: unknown) => value is T} accept
 * @returns {T | undefined}
 */
function pick(body, paths, accept) {
  for (const path of paths ?? []) {
    const value = readPath(body, path);
    if (accept(value)) return value;
  }
  return undefined;
}

const isText = (/** @type {unknown} */ v) => /** @type {v is string} */ (typeof v === 'string' && v !== '');
const isNumber = (/** @type {unknown} */ v) => /** @type {v is number} */ (typeof v === 'number');

/**
 * The crosswalk key of a provider's parsed error body.
 *
 * @example
 * providerKey('workers-ai', { errors: [{ code: 3036, message: 'Capacity…' }] }, 429);
 * // { code: undefined, internal_code: 3036, message: 'Capacity…', status: 429 }
 * @param {ProviderId} provider
 * @param {unknown} body
 * @param {number | undefined} status
 * @param {{ origin?: { code?: string, internal_code?: number, message?: string } }} [envelope] the normalizer's answer
 * @returns {ProviderErrorKey}
 */
export function providerKey(provider, body, status, envelope) {
  const origin = envelope?.origin;
  if (origin) return { code: origin.code, internal_code: origin.internal_code, message: origin.message, status };
  /** @type {Partial<Record<string, readonly string[]>>} */
  const fields = providers[provider].fields;
  return {
    code: pick(body, fields.code, isText),
    internal_code: pick(body, fields.internal_code, isNumber),
    message: pick(body, fields.message, isText),
    status,
  };
}
