/**
 * What the adapter's middleware puts in `c.var`; extend it with your own variables. The adapter
 * reads them with `c.get()`: Hono's `c.var` getter copies the whole map on each access.
 */
import type { SpecOperation } from '@errata/spec-model';
import type { RateLimitState } from '../envelope.js';

export interface ErrataVariables {
  /** This request's id, also the `X-Request-Id` header and every envelope's `request_id`. */
  requestId: string;
  /** The spec operation being answered (set by `operation()`): headers its responses require are sent. */
  operation: SpecOperation | undefined;
  /** Where the caller's rate window stands: error responses carry it as `RateLimit-*`. */
  rateLimit: RateLimitState | undefined;
  /** The parsed request body (set by `body()`): JSON, or a multipart form's fields. */
  body: unknown;
}

export type ErrataEnv = { Variables: ErrataVariables };
