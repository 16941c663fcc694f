/**
 * The idempotency stage: the first request with an `Idempotency-Key` runs; a repeat of the same
 * request gets the first one's response (`Idempotent-Replayed: true`), even while the first is
 * still running; another request under the key answers `IDEMPOTENCY_CONFLICT` with the key in its
 * message. Keys are scoped to the caller's credential (`c.var.credentialId` from `auth()`, else a
 * hash of the `Authorization` header): one client's key never replays another's response. Only
 * successes are kept (a failed attempt frees the key), and never a stream.
 */
import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { CatalogError } from '../../catalog-error.js';
import type { ErrataServer } from '../../errata-server.js';
import type { ErrataEnv } from '../env.js';
import { memoryIdempotencyStore } from './memory-store.js';
import type { IdempotencyStore, StoredResponse } from './store.js';

export interface IdempotencyOptions<E extends ErrataEnv = ErrataEnv> {
  /** Where responses are kept (default an in-memory store of 10,000 keys for 24 h). */
  store?: IdempotencyStore;
  /** The header (default `Idempotency-Key`). */
  header?: string;
  /** Who the key belongs to (default the credential). */
  scope?: (c: Context<E>) => string;
  /** What makes two requests the same (default method, path and body; a form by its fields and files' bytes). */
  fingerprint?: (c: Context<E>) => string | Promise<string>;
}

const sha256 = () => createHash('sha256');

function defaultScope(c: Context<ErrataEnv>): string {
  const id = c.get('credentialId');
  if (id !== undefined) return `credential:${id}`;
  return `authorization:${sha256()
    .update(c.req.header('authorization') ?? '')
    .digest('base64')}`;
}

/** The request's method, path and body; a multipart form by its fields (its boundary changes on every send). */
async function defaultFingerprint(c: Context<ErrataEnv>): Promise<string> {
  const hash = sha256().update(`${c.req.method} ${c.req.path}\u0000`);
  const body = c.get('body');
  const raw = c.get('rawBody');
  if (body && typeof body === 'object' && Object.values(body).some((v) => v instanceof Blob)) {
    for (const [name, value] of Object.entries(body).sort(([a], [b]) => (a < b ? -1 : 1))) {
      hash.update(`${name}\u0000`);
      if (value instanceof File) hash.update(`${value.name}\u0000`).update(new Uint8Array(await value.arrayBuffer()));
      else hash.update(String(value));
      hash.update('\u0000');
    }
  } else if (raw) hash.update(raw);
  return hash.digest('base64');
}

const replay = (c: Context, stored: StoredResponse) => {
  c.header('Idempotent-Replayed', 'true');
  return c.body(stored.body, stored.status as ContentfulStatusCode, stored.headers);
};

/**
 * Makes the routes it runs on idempotent under the header; mount it after `body()` and `validate()`.
 *
 * @example
 * app.post('/v1/chat/completions', operation(op), auth(server, { lookup }), body(server, id), validate(server, id),
 *   idempotency(server), handler);
 */
export function idempotency<E extends ErrataEnv = ErrataEnv>(
  server: ErrataServer<string>,
  options: IdempotencyOptions<E> = {},
): MiddlewareHandler<E> {
  const store = options.store ?? memoryIdempotencyStore();
  const header = options.header ?? 'Idempotency-Key';
  const scope = (options.scope ?? defaultScope) as (c: Context<E>) => string;
  const fingerprintOf = (options.fingerprint ?? defaultFingerprint) as (c: Context<E>) => Promise<string> | string;
  return async function idempotencyStage(context, next) {
    const c = context as unknown as Context<ErrataEnv>;
    const key = c.req.header(header);
    if (key === undefined) return next();
    const slot = `${scope(context)}\u0000${key}`;
    const fingerprint = await fingerprintOf(context);
    // A request whose first attempt failed while this one waited claims the key again.
    for (;;) {
      const claim = await store.claim(slot, fingerprint);
      if (claim.state === 'claimed') break;
      if (claim.fingerprint !== fingerprint)
        throw new CatalogError(server.codes.idempotencyConflict, { params: { key } });
      const stored = claim.state === 'stored' ? claim.response : await claim.wait();
      if (stored) return replay(c, stored);
    }
    try {
      await next();
    } catch (error) {
      await store.release(slot);
      throw error;
    }
    const res = c.res;
    const type = res.headers.get('content-type') ?? '';
    if (res.status < 200 || res.status >= 300 || type.startsWith('text/event-stream')) return store.release(slot);
    await store.complete(slot, {
      status: res.status,
      headers: { 'Content-Type': type },
      body: await res.clone().text(),
    });
  };
}
