/**
 * @errata/server/hono — the kit as Hono middleware, one stage per folder: request id, the
 * operation, auth, simulate, rate limits, body reading, validation and idempotency from the spec,
 * the request log, one error handler, unrouted requests.
 *
 * @example
 * import { Hono } from 'hono';
 * import { errataServer } from '@errata/server';
 * import { errorHandler, notFound, requestId, type ErrataEnv } from '@errata/server/hono';
 * const server = errataServer();
 * const app = new Hono<ErrataEnv>().use('*', requestId(server));
 * app.onError(errorHandler(server)).notFound(notFound(server));
 */

export type { AuthOptions, AuthResult, AuthVariables } from './auth/index.js';
export { auth } from './auth/index.js';
export { staticKeys } from './auth/static-keys.js';
export type { BodyOptions } from './body/index.js';
export { body } from './body/index.js';
export type { ErrataEnv, ErrataVariables } from './env.js';
export type { IdempotencyOptions } from './idempotency/index.js';
export { idempotency } from './idempotency/index.js';
export type { MemoryIdempotencyStore, MemoryStoreOptions } from './idempotency/memory-store.js';
export { memoryIdempotencyStore } from './idempotency/memory-store.js';
export type { IdempotencyClaim, IdempotencyStore, StoredResponse } from './idempotency/store.js';
export type { ErrorHandlerOptions } from './middleware.js';
export { errorHandler, notFound, operation, requestId } from './middleware.js';
export type { FixedWindowOptions, RateLimitTake } from './rate-limit/fixed-window.js';
export { fixedWindow } from './rate-limit/fixed-window.js';
export type { RateLimitOptions } from './rate-limit/index.js';
export { rateLimit } from './rate-limit/index.js';
export { requestLog } from './request-log/index.js';
export { respond } from './respond.js';
export type { SimulateOptions } from './simulate/index.js';
export { simulate, simulatedError } from './simulate/index.js';
export type { ValidateOptions } from './validate/index.js';
export { validate } from './validate/index.js';
