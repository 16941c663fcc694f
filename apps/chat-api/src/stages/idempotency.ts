import { CatalogError } from '@errata/server';
import type { ErrataEnv } from '@errata/server/hono';
import type { MiddlewareHandler } from 'hono';

export interface Stored {
  body: string;
  status: number;
  response: string;
}

/**
 * `Idempotency-Key`: the first request with a key runs; a repeat with the same body gets the
 * first response; a repeat with another body IDEMPOTENCY_CONFLICT. In memory (one process).
 *
 * @example
 * app.post('/v1/chat/completions', operation(op), body(server, id, { limit }), idempotency(new Map()), handler);
 */
export function idempotency(store: Map<string, Stored>): MiddlewareHandler<ErrataEnv> {
  return async function idempotencyStage(c, next) {
    const key = c.req.header('idempotency-key');
    if (!key) return next();
    const body = JSON.stringify(c.get('body')); // after body(): the parsed request is the fingerprint
    const slot = `${c.req.path} ${key}`;
    const seen = store.get(slot);
    if (seen && seen.body !== body) throw new CatalogError('IDEMPOTENCY_CONFLICT', { params: { key } });
    if (seen) return c.body(seen.response, seen.status as 200, { 'Content-Type': 'application/json' });
    await next();
    if (c.res.status < 300) store.set(slot, { body, status: c.res.status, response: await c.res.clone().text() });
  };
}
