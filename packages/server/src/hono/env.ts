/**
 * What the adapter's middleware puts in `c.var`; extend it with your own variables. The adapter
 * reads them with `c.get()`: Hono's `c.var` getter copies the whole map on each access.
 */
import type { SpecOperation } from '@errata/spec-model';
import type { RateLimitState } from '../envelope.js';

export interface ErrataVariables {
  /** This request's id, also the request-id header (`X-Request-Id`) and every envelope's `request_id`. */
  requestId: string;
  /** The spec operation being answered (set by `operation()`): headers its responses require are sent. */
  operation: SpecOperation | undefined;
  /** Where the caller's rate window stands: error responses carry it as the `RateLimit` fields. */
  rateLimit: RateLimitState | undefined;
  /** The parsed request body (set by `body()`): JSON, or a multipart form's fields. */
  body: unknown;
  /** The body's bytes as received, its Content-Encoding undone (set by `body()`): what idempotency fingerprints. */
  rawBody: Uint8Array | undefined;
  /**
   * Who is calling (set by `auth()`): the stable id of the credential, never the key itself.
   * Idempotency keys and rate windows are scoped to it.
   */
  credentialId: string | undefined;
}

export type ErrataEnv = { Variables: ErrataVariables };
