/**
 * The codes the kit answers on its own — a body too large, a request that does not parse, a
 * stalled body, a bug — and the ones its stages answer for you (auth, idempotency, rate limits).
 * Names, not definitions: each code's status, message and policy are read from the spec, and a
 * code the adopter's spec does not hold is read from Errata's own (so the kit always answers
 * with an envelope; `server.check()` says which codes the spec should declare to be honest).
 */
import type { ValidationCodes } from './request-validator.js';

export interface KitCodes extends ValidationCodes {
  /** A request (headers or body) that did not arrive in time. */
  timeout: string;
  /** Anything unexpected. */
  internal: string;
  /** An Idempotency-Key reused with another request. */
  idempotencyConflict: string;
  /** No credential. */
  missingKey: string;
  /** A credential nobody issued, or a malformed one. */
  invalidKey: string;
  /** A rate window used up. */
  rateLimited: string;
}

export const ERRATA_KIT_CODES: KitCodes = {
  invalidRequest: 'INVALID_REQUEST',
  missingField: 'MISSING_REQUIRED_FIELD',
  invalidField: 'INVALID_FIELD_VALUE',
  tooLarge: 'REQUEST_TOO_LARGE',
  timeout: 'TIMEOUT',
  internal: 'INTERNAL_ERROR',
  idempotencyConflict: 'IDEMPOTENCY_CONFLICT',
  missingKey: 'MISSING_API_KEY',
  invalidKey: 'INVALID_API_KEY',
  rateLimited: 'RATE_LIMIT_EXCEEDED',
};
