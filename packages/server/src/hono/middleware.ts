/**
 * The adapter's stages: request id, operation, error handler, unrouted requests. Each one reads
 * and writes `c.var` (env.ts), so later stages and the error handler see what earlier ones learnt.
 */
import type { SpecOperation } from '@errata/spec-model';
import type { Context, ErrorHandler, MiddlewareHandler, NotFoundHandler } from 'hono';
import { isCatalogError } from '../catalog-error.js';
import type { ErrataServer } from '../errata-server.js';
import { escapeLogText } from '../log-text.js';
import type { ErrataEnv } from './env.js';
import { respond } from './respond.js';

/**
 * Sets `c.var.requestId` (a valid incoming request id, or a new one) and the response header
 * (`X-Request-Id`, or the server's `requestIdHeader`).
 *
 * @example
 * app.use('*', requestId(server));
 */
export function requestId<E extends ErrataEnv = ErrataEnv>(server: ErrataServer<string>): MiddlewareHandler<E> {
  const header = server.requestIdHeader;
  return async function requestIdStage(context, next) {
    const c = context as unknown as Context<ErrataEnv>;
    const id = server.requestId(c.req.header(header));
    c.set('requestId', id);
    c.header(header, id);
    await next();
    // A response built outside `c` (a stream, a proxied body) still carries it.
    if (!c.res.headers.has(header)) c.res.headers.set(header, id);
  };
}

/**
 * Sets `c.var.operation`, so error responses send the headers its responses require.
 *
 * @example
 * app.get('/v1/models', operation(server.model.operation('listModels')!), handler);
 */
export function operation<E extends ErrataEnv = ErrataEnv>(spec: SpecOperation): MiddlewareHandler<E> {
  return async function operationStage(context, next) {
    const c = context as unknown as Context<ErrataEnv>;
    c.set('operation', spec);
    await next();
  };
}

export interface ErrorHandlerOptions {
  /**
   * Where the stack of an unexpected error goes (never to the client), as one line with control
   * characters escaped. Redact secrets in it yourself.
   */
  log?: ((line: string) => void) | null;
  /** The code anything that is not a CatalogError answers with (default INTERNAL_ERROR). */
  internalCode?: string;
}

/**
 * `app.onError`: a thrown CatalogError becomes its envelope; anything else INTERNAL_ERROR, with
 * the stack in the log and nothing of it in the response.
 *
 * @example
 * app.onError(errorHandler(server, { log: console.error }));
 */
export function errorHandler<E extends ErrataEnv = ErrataEnv>(
  server: ErrataServer<string>,
  options: ErrorHandlerOptions = {},
): ErrorHandler<E> {
  const internal = options.internalCode ?? server.codes.internal;
  return (error, context) => {
    const c = context as unknown as Context<ErrataEnv>;
    if (isCatalogError(error) && server.isCode(error.code)) return respond(c, server, error.code, error.init);
    options.log?.(escapeLogText(`${c.get('requestId')} unexpected error: ${error.stack ?? String(error)}`));
    return respond(c, server, internal);
  };
}

/**
 * `app.notFound`: the spec's `x-errata.unrouted_response` code (ENDPOINT_NOT_FOUND in Errata's),
 * with `{method}` and `{path}`.
 *
 * @example
 * app.notFound(notFound(server));
 */
export function notFound<E extends ErrataEnv = ErrataEnv>(server: ErrataServer<string>): NotFoundHandler<E> {
  const code = server.model.unroutedResponse?.codes[0];
  if (!code) throw new Error('The spec declares no x-errata.unrouted_response');
  return (context) =>
    respond(context as unknown as Context<ErrataEnv>, server, code, {
      params: { method: context.req.method, path: context.req.path },
    });
}
