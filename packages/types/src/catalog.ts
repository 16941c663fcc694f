/**
 * The runtime error catalog: every code's status, internal code, retry policy, category, title,
 * doc URL and provider crosswalk, generated from the spec. Long texts live in `@errata/types/texts`
 * so that code which only checks codes does not ship them; the facts a client acts on also come
 * without the catalog, from `@errata/types/policy`.
 *
 * @example
 * import { catalog, isErrorCode } from '@errata/types/catalog';
 * if (isErrorCode(body.code) && catalog[body.code].retry !== 'never') scheduleRetry();
 */
import type { catalog } from './generated/catalog.js';
import { codeFacts, type ErrorCode } from './policy.js';

export { catalog } from './generated/catalog.js';
export { providers } from './generated/providers.js';
export type { ErrorCategory, ErrorCode, RetryPolicy } from './policy.js';
export { docsUrl, isErrorCode } from './policy.js';

/** One code's catalog entry. */
export type CatalogEntry<C extends ErrorCode = ErrorCode> = (typeof catalog)[C];
/** The seed providers the crosswalk maps from. */
export type ProviderId = keyof typeof import('./generated/providers.js').providers;

/** Every code, in internal-code order. */
export const errorCodes = /* @__PURE__ */ Object.keys(codeFacts) as ErrorCode[];
