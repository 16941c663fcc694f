/**
 * What one logical call is: fixed before its first attempt and never changed by one. A leaf: it
 * imports nothing of the client.
 */
import type { ParseAs } from 'openapi-fetch';

export interface CallDescription {
  /** `GET`, `POST`… */
  readonly method: string;
  /** The operation's path template, e.g. `/v1/models/{model}`: for events and spans. */
  readonly path: string;
  /** How the caller wants a 2xx body (openapi-fetch's `parseAs`). */
  readonly parseAs: ParseAs;
  /** A stream: a 2xx is handed back unread, its body the caller's (and only the caller's abort ends it). */
  readonly streaming: boolean;
  /** The caller's signal, when there is one. */
  readonly signal: AbortSignal | undefined;
  /** The Idempotency-Key the caller chose in the call options. */
  readonly idempotencyKey: string | undefined;
  /**
   * openapi-fetch middleware will see the answer: hand it a real Response with its body, not the
   * client's reading of it.
   */
  readonly forMiddleware: boolean;
}
