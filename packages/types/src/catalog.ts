/**
 * The runtime error catalog: every code's status, internal code, retry policy, category, title,
 * doc URL and provider crosswalk, generated from the spec. Long texts live in `@errata/types/texts`
 * so that code which only checks codes does not ship them.
 *
 * @example
 * import { catalog, isErrorCode } from '@errata/types/catalog';
 * if (isErrorCode(body.code) && catalog[body.code].retry !== 'never') scheduleRetry();
 */
import { catalog } from './generated/catalog.js';

export { catalog, docsUrl } from './generated/catalog.js';
export { providers } from './generated/providers.js';

/** A canonical error code: the union of every `code` constant in the spec. */
export type ErrorCode = keyof typeof catalog;
/** One code's catalog entry. */
export type CatalogEntry<C extends ErrorCode = ErrorCode> = (typeof catalog)[C];
/** How a client should treat a code: never retry, retry with backoff, or wait for `Retry-After`. */
export type RetryPolicy = CatalogEntry['retry'];
/** The family a code belongs to (authentication, validation, rate_limit…). */
export type ErrorCategory = CatalogEntry['category'];
/** The seed providers the crosswalk maps from. */
export type ProviderId = keyof typeof import('./generated/providers.js').providers;

/** Every code, in internal-code order. */
export const errorCodes = Object.keys(catalog) as ErrorCode[];

/**
 * Whether a string is a code in this catalog (a newer server may send codes this build does not know).
 *
 * @example
 * isErrorCode('MODEL_NOT_FOUND'); // true
 */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(catalog, value);
}
