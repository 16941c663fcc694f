/**
 * The kit bound to Errata's own bundled spec (`@errata/types/openapi.json`), with codes typed as
 * `ErrorCode`. Teams with their own spec call `createErrataServer({ spec })` instead.
 */
import type { OpenApiDocument } from '@errata/spec-model';
import type { ErrorCode } from '@errata/types';
import { createErrataServer, type ErrataServer, type ErrataServerOptions } from './errata-server.js';
import { errataDocument } from './internal/errata-catalog.js';

/**
 * Errata's bundled spec (`@errata/types/openapi.json`), read once.
 *
 * @example
 * createSpecModel(errataSpec()).errors.size; // every catalog code
 */
export function errataSpec(): OpenApiDocument {
  return errataDocument();
}

/**
 * A server kit for Errata's own spec; `code` is checked against `ErrorCode` at compile time.
 *
 * @example
 * const server = errataServer();
 * server.error('RATE_LIMIT_EXCEEDED', { retryAfter: 12 }).headers['Retry-After']; // '12'
 * // @ts-expect-error not a catalog code
 * server.error('NOPE');
 */
export function errataServer(options: Omit<ErrataServerOptions, 'spec'> = {}): ErrataServer<ErrorCode> {
  return createErrataServer<ErrorCode>({ ...options, spec: errataSpec() });
}
