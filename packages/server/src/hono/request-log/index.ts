/**
 * The request log: one line per request — method, path (never the query string), status, time
 * and request id — with everything taken from the request escaped (`escapeLogText`), so a `%0A` in
 * a path cannot write a second, forged line. Headers are never logged.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { escapeLogText } from '../../log-text.js';
import type { ErrataEnv } from '../env.js';

/**
 * Logs each request once it is answered; mount it right after `requestId()`.
 *
 * @example
 * app.use('*', requestId(server), requestLog((line) => console.log(redact(line))));
 */
export function requestLog<E extends ErrataEnv = ErrataEnv>(log: (line: string) => void): MiddlewareHandler<E> {
  return async function requestLogStage(context, next) {
    const c = context as unknown as Context<ErrataEnv>;
    const started = performance.now();
    await next();
    const ms = (performance.now() - started).toFixed(1);
    log(`${escapeLogText(c.req.method)} ${escapeLogText(c.req.path)} ${c.res.status} ${ms}ms ${c.get('requestId')}`);
  };
}
