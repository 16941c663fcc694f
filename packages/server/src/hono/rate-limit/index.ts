/**
 * The rate-limit stage: counts the request in its caller's window and says where the window stands
 * on every response — the IETF draft's `RateLimit` and `RateLimit-Policy` fields next to the legacy
 * `RateLimit-Limit/-Remaining/-Reset` trio, while clients migrate — and, past the limit, answers
 * `RATE_LIMIT_EXCEEDED` with `Retry-After` (and `retry_after`) counting down to the window's end.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { CatalogError } from '../../catalog-error.js';
import type { ErrataServer } from '../../errata-server.js';
import { rateLimitFields } from '../../rate-limit-fields.js';
import type { ErrataEnv } from '../env.js';
import type { RateLimitTake } from './fixed-window.js';

export interface RateLimitOptions<E extends ErrataEnv = ErrataEnv> {
  /** Counts one request of `caller` (e.g. `fixedWindow({ limit, windowMs })`, or a shared counter). */
  take: (caller: string, c: Context<E>) => RateLimitTake | Promise<RateLimitTake>;
  /** Whose window it is (default the credential from `auth()`, else the client's address is not known: one window). */
  caller?: (c: Context<E>) => string;
  /** The policy's name in the structured fields (default `default`). */
  policy?: string;
}

/**
 * Rate-limits the routes it runs on; sets `c.var.rateLimit`, so error responses carry the window too.
 *
 * @example
 * const take = fixedWindow({ limit: 300, windowMs: 10_000 });
 * app.use('/v1/*', auth(server, { lookup }), rateLimit(server, { take }));
 */
export function rateLimit<E extends ErrataEnv = ErrataEnv>(
  server: ErrataServer<string>,
  options: RateLimitOptions<E>,
): MiddlewareHandler<E> {
  const callerOf =
    options.caller ?? ((c: Context<E>) => (c as unknown as Context<ErrataEnv>).get('credentialId') ?? '');
  return async function rateLimitStage(context, next) {
    const c = context as unknown as Context<ErrataEnv>;
    const taken = options.take(callerOf(context), context);
    // A counter in memory answers at once: no await, and its microtask, for it.
    const { exceeded, ...window } = 'then' in taken ? await taken : taken;
    const state = options.policy ? { ...window, policy: options.policy } : window;
    c.set('rateLimit', state);
    if (exceeded) throw new CatalogError(server.codes.rateLimited, { retryAfter: window.reset });
    await next();
    // The fields go on the answer once it exists: an error answer (respond()) already carries them,
    // from `c.var.rateLimit`, so they are written once, not staged and then written again.
    const headers = c.res.headers;
    for (const [name, value] of Object.entries(rateLimitFields(state)))
      if (!headers.has(name)) headers.set(name, value);
  };
}
