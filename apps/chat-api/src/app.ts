/**
 * Chat API on @errata/server's Hono adapter: request id, auth, the operation, Errata-Simulate,
 * idempotency, body and validation from the spec, the handler; one error handler, the spec's
 * unrouted response.
 */

import { body, type ErrataEnv, errorHandler, notFound, operation, requestId, validate } from '@errata/server/hono';
import type { ErrorHandler, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { chatCompletion, embedding, moderation } from './handlers.js';
import { server } from './spec.js';
import { auth } from './stages/auth.js';
import { idempotency } from './stages/idempotency.js';
import { simulate } from './stages/simulate.js';

type Stored = Parameters<typeof idempotency>[0];

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
 * import { serve } from '@hono/node-server';
 * serve({ fetch: createChatApi({ simulate: true }).fetch, port: 8787, hostname: '127.0.0.1' });
 */
export function createChatApi(options: ChatApiOptions = {}): Hono<ErrataEnv> {
  const app = new Hono<ErrataEnv>();
  const store: Stored = new Map();
  for (const stage of options.outer ?? []) app.use('*', stage);
  app.use('*', requestId(server));
  app.use('/v1/*', auth(new Set(options.keys ?? ['sk_chat_test'])));
  for (const route of ROUTES) {
    const spec = server.model.operation(route.operationId)!;
    app.post(
      route.path,
      operation(spec),
      ...(options.simulate ? [simulate()] : []),
      body(server, route.operationId, { limit: 1 << 20 }),
      idempotency(store),
      validate(server, route.operationId),
      route.handler,
    );
  }
  app.onError(options.onError ?? errorHandler(server, { log: options.log ?? ((line) => console.error(line)) }));
  app.notFound(notFound(server));
  return app;
}
