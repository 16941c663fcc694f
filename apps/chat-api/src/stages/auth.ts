import { CatalogError } from '@errata/server';
import type { MiddlewareHandler } from 'hono';

/**
 * `Authorization: Bearer <key>` with one of `keys`: no header MISSING_API_KEY, another key
 * INVALID_API_KEY.
 *
 * @example
 * app.use('/v1/*', auth(new Set(['sk_chat_test'])));
 */
export function auth(keys: ReadonlySet<string>): MiddlewareHandler {
  return async function authStage(c, next) {
    const header = c.req.header('authorization');
    if (!header) throw new CatalogError('MISSING_API_KEY');
    const key = /^Bearer (.+)$/.exec(header)?.[1];
    if (!key || !keys.has(key)) throw new CatalogError('INVALID_API_KEY');
    await next();
  };
}
