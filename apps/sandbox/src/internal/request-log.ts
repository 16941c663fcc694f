// One line per request: method, path (never the query string), status, time and request id.
// Headers are never logged, so neither are API keys; `redactKey` is for anything else that might
// carry one.
import type { MiddlewareHandler } from 'hono';
import type { SandboxEnv } from './env.js';

const KEY_PATTERN = /\b(sk_[A-Za-z0-9_]+|Bearer\s+\S+)/g;

/** Replaces anything that looks like an API key or a bearer credential. */
export function redactKey(text: string): string {
  return text.replace(KEY_PATTERN, (match) => (match.startsWith('Bearer') ? 'Bearer [redacted]' : 'sk_[redacted]'));
}

export function requestLog(log: (line: string) => void): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const ms = (performance.now() - started).toFixed(1);
    log(redactKey(`${c.req.method} ${c.req.path} ${c.res.status} ${ms}ms ${c.get('requestId')}`));
  };
}
