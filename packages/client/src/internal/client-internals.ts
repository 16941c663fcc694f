/**
 * What the other entries (`@errata/client/stream`) need of a client that `createClient` made — its
 * call path (a stream gets the function that ends its attempt), its normalizer and redactor — kept
 * off the client's public shape, so that the main entry does not ship streaming and a user does not
 * see plumbing.
 */

import type { Redactor } from '@errata/redact';
import type { Normalizer } from './envelope.js';

export interface ClientInternals {
  /**
   * One logical call through the client's retries. With `parseAs: 'stream'`, a 2xx leaves the
   * caller's abort wired to the request (the body is read later, as a stream) and only the attempt's
   * time limit ends; `streamed` gets the function that ends the attempt once the stream is over.
   */
  call(
    method: string,
    url: string,
    init: Record<string, unknown> | undefined,
    streamed?: (release: () => void) => void,
  ): Promise<unknown>;
  /** `undefined`: Errata's envelope (`normalizeEnvelope`). */
  normalize: Normalizer | undefined;
  redact: Redactor;
  /** The request-id header (the client's `requestIdHeader`). */
  idHeader: string;
}

/** Each client's internals, by client. */
export const clientInternals = new WeakMap<object, ClientInternals>();
