/**
 * @errata/server/hono — the kit as Hono middleware: request id, the operation, body reading and
 * validation from the spec, one error handler, unrouted requests.
 *
 * @example
 * import { Hono } from 'hono';
 * import { errataServer } from '@errata/server';
 * import { errorHandler, notFound, requestId, type ErrataEnv } from '@errata/server/hono';
 * const server = errataServer();
 * const app = new Hono<ErrataEnv>().use('*', requestId(server));
 * app.onError(errorHandler(server)).notFound(notFound(server));
 */

export type { BodyOptions, ValidateOptions } from './body.js';
export { body, readBody, validate } from './body.js';
export type { ErrataEnv, ErrataVariables } from './env.js';
export type { ErrorHandlerOptions } from './middleware.js';
export { errorHandler, notFound, operation, requestId } from './middleware.js';
export { respond } from './respond.js';
