/**
 * The error policy: for every code, the facts a client acts on — status, retry policy, category and
 * whether a retry is safe after a stream failed — and which code a bare HTTP status means. Generated
 * from the spec like the catalog, but without its titles, crosswalk or texts, and independent of
 * it: a bundle that imports only this entry ships a few hundred bytes, not the catalog.
 *
 * @example
 * import { codeFacts, defaultCodeFor, isErrorCode } from '@errata/types/policy';
 * const code = isErrorCode(body?.code) ? body.code : defaultCodeFor(response.status);
 * const [status, retry] = codeFacts[code];
 * if (retry !== 'never') scheduleRetry();
 */
import { codeFacts, defaultCodeByStatus } from './generated/policy.js';

export { codeFacts, defaultCodeByStatus, docsUrl } from './generated/policy.js';

/** A canonical error code: the union of every `code` constant in the spec. */
export type ErrorCode = keyof typeof codeFacts;
/** One code's facts: `[status, retry, category, midStreamRetrySafe?]` (absent: the code cannot end a stream). */
export type CodeFacts<C extends ErrorCode = ErrorCode> = (typeof codeFacts)[C];
/** How a client should treat a code: never retry, retry with backoff, or wait for `Retry-After`. */
export type RetryPolicy = CodeFacts[1];
/** The family a code belongs to (authentication, validation, rate_limit…). */
export type ErrorCategory = CodeFacts[2];

const has = Object.prototype.hasOwnProperty;

/**
 * Whether a string is a code in this catalog (a newer server may send codes this build does not know).
 *
 * @example
 * isErrorCode('MODEL_NOT_FOUND'); // true
 */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && has.call(codeFacts, value);
}

/**
 * The code an error response means when its body names none: the code generated for its status
 * (`defaultCodeByStatus`), else its class's — 4xx as 400, 5xx and anything else as 500.
 *
 * @example
 * defaultCodeFor(502); // 'BAD_GATEWAY'
 * defaultCodeFor(418); // defaultCodeByStatus[400]
 */
export function defaultCodeFor(status: number): ErrorCode {
  const byStatus: Partial<Record<number, ErrorCode>> = defaultCodeByStatus;
  return byStatus[status] ?? byStatus[status >= 400 && status < 500 ? 400 : 500]!;
}
