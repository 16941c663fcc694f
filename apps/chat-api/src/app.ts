/**
 * Chat API on @errata/server's Hono stages, with nothing of its own but its handlers: request id,
 * auth (its keys), the operation, Errata-Simulate when enabled, body (size, time and depth limits)
 * and validation from the spec, idempotency scoped to the key, the handler; one error handler, the
 * spec's unrouted response.
 */

import type { ErrataServer } from '@errata/server';
import {
  auth,
  body,
  type ErrataEnv,
  errorHandler,
  idempotency,
  memoryIdempotencyStore,
  notFound,
  operation,
  requestId,
  simulate,
  staticKeys,
  validate,
} from '@errata/server/hono';
import type { ErrorHandler, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { chatCompletion, embedding, moderation } from './handlers.js';
import { server as chatServer } from './spec.js';

export interface ChatApiOptions {
  /** Keys that authenticate (default `sk_chat_test`). */
  keys?: Iterable<string>;
  /** Honour `Errata-Simulate` (default false: a test server turns it on). */
  simulate?: boolean;
  /** The error handler (default the kit's; the non-conformant variant swaps it). */
  onError?: ErrorHandler<ErrataEnv>;
  /** Middleware mounted before every stage (the non-conformant variant uses it to drop a header). */
  outer?: MiddlewareHandler<ErrataEnv>[];
  /** Where unexpected errors' stacks go (never to the client). */
  log?: (line: string) => void;
  /** The kit (default: bound to Chat API's bundled spec; a variant binds its own bundle and options). */
  server?: ErrataServer;
}

const ROUTES = [
  { path: '/v1/chat/completions', operationId: 'createChatCompletion', handler: chatCompletion },
  { path: '/v1/embeddings', operationId: 'createEmbedding', handler: embedding },
  { path: '/v1/moderations', operationId: 'createModeration', handler: moderation },
] as const;

/**
 * The Chat API as a Hono app.
 *
 * @example
 * import { serve } from '@errata/server/node';
 * await serve({ fetch: createChatApi({ simulate: true }).fetch, errata: server, port: 8787 });
 */
export function createChatApi(options: ChatApiOptions = {}): Hono<ErrataEnv> {
  const app = new Hono<ErrataEnv>();
  const server = options.server ?? chatServer;
  // Each key is its own caller; the credential's id is the key's position, never the key.
  const keys = Object.fromEntries([...(options.keys ?? ['sk_chat_test'])].map((key, i) => [key, `key_${i}`]));
  const store = memoryIdempotencyStore();
  for (const stage of options.outer ?? []) app.use('*', stage);
  app.use('*', requestId(server));
  app.use('/v1/*', auth(server, { lookup: staticKeys(keys, (id) => id) }));
  for (const { path, operationId, handler } of ROUTES) {
    app.post(
      path,
      operation(server.model.operation(operationId)!),
      simulate(server, { enabled: options.simulate ?? false }),
      body(server, operationId),
      validate(server, operationId),
      idempotency(server, { store }),
      handler,
    );
  }
  app.onError(options.onError ?? errorHandler(server, { log: options.log ?? ((line) => console.error(line)) }));
  app.notFound(notFound(server));
  return app;
}
