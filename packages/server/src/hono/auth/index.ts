/**
 * The auth stage: finds the caller's key, asks the adopter's own lookup who it is, and answers the
 * catalog's auth codes for everything else — no key `MISSING_API_KEY`, a malformed one or one
 * nobody issued `INVALID_API_KEY`, and whatever the lookup refuses with (`EXPIRED_API_KEY`,
 * `REVOKED_API_KEY`, `ACCOUNT_SUSPENDED`…). Sets `c.var.credential` and `c.var.credentialId`, which
 * idempotency keys and rate windows are scoped to.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { CatalogError, type ErrorInit } from '../../catalog-error.js';
import type { ErrataServer } from '../../errata-server.js';
import { refusal } from '../../internal/refuse.js';
import type { ErrataEnv } from '../env.js';

/** What the auth stage adds to `c.var`, besides `credentialId`. */
export interface AuthVariables<Credential> {
  /** What the lookup returned for the caller's key. */
  credential: Credential;
}

/** What a lookup answers: who the key belongs to, a refusal, or nothing (a key nobody issued). */
export type AuthResult<Credential> =
  | { id: string; credential: Credential }
  | { refuse: string; init?: ErrorInit }
  | undefined;

export interface AuthOptions<Credential> {
  /** The adopter's key lookup (a database, a cache, `staticKeys()`); `c` gives the operation, the path… */
  lookup: (key: string, c: Context<ErrataEnv>) => AuthResult<Credential> | Promise<AuthResult<Credential>>;
  /** Where the key is (default `Authorization: Bearer <key>`); undefined means none was sent. */
  key?: (c: Context<ErrataEnv>) => string | undefined;
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** `Authorization: Bearer <key>`: '' for a header in another scheme (a key was sent, in a form nobody issues). */
function bearer(c: Context<ErrataEnv>): string | undefined {
  const header = c.req.header('authorization');
  if (header === undefined || header.trim() === '') return undefined;
  return BEARER.exec(header)?.[1] ?? '';
}

/**
 * Authenticates every request it runs on.
 *
 * @example
 * app.use('/v1/*', auth(server, { lookup: staticKeys({ sk_test_1: { team: 'a' } }, (t) => t.team) }));
 */
export function auth<Credential, E extends ErrataEnv = ErrataEnv>(
  server: ErrataServer<string>,
  options: AuthOptions<Credential>,
): MiddlewareHandler<E> {
  const find = options.key ?? bearer;
  const { missingKey, invalidKey } = server.codes;
  // The refusals that carry nothing of the request, built once: constructing an Error costs more
  // than the rest of a refusal (its stack machinery, on a server's deep stack). Frozen, as every
  // request shares them.
  const missing = sharedRefusal(missingKey);
  const invalid = sharedRefusal(invalidKey);
  // And their rejections, built once too: a request without a key awaits a promise already rejected.
  const refuseMissing = refusal(missing);
  const refuseInvalid = refusal(invalid);
  const authenticate = async (c: Context<ErrataEnv>, key: string, next: () => Promise<void>) => {
    const found = await options.lookup(key, c);
    if (!found) throw invalid;
    if ('refuse' in found) throw new CatalogError(found.refuse, found.init);
    (c as unknown as Context<{ Variables: AuthVariables<Credential> }>).set('credential', found.credential);
    c.set('credentialId', found.id);
    await next();
  };
  // Not async: a request without a key (a refusing server's commonest) is refused by a shared rejected
  // promise (refusal()), the error handler's path without a throw or an untracked rejection.
  return function authStage(context, next) {
    const c = context as unknown as Context<ErrataEnv>;
    const key = find(c);
    if (key === undefined) return refuseMissing;
    if (key === '') return refuseInvalid;
    return authenticate(c, key, next);
  };
}

/** An immutable CatalogError for `code` without parameters (its stack formatted before it is frozen). */
function sharedRefusal(code: string): CatalogError {
  const error = new CatalogError(code, Object.freeze({}));
  void error.stack;
  return Object.freeze(error);
}
