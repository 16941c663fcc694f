// One line per request: method, path (never the query string), status, time and request id.
// Headers are never logged, so neither are API keys; the line is masked all the same, for anything
// else that might carry one.
import type { MiddlewareHandler } from 'hono';
import type { SandboxEnv } from './env.js';
import { redactLog } from './redact-log.js';

export function requestLog(log: (line: string) => void): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const ms = (performance.now() - started).toFixed(1);
    log(redactLog(`${c.req.method} ${c.req.path} ${c.res.status} ${ms}ms ${c.get('requestId')}`));
  };
}
