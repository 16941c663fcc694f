/**
 * `createClient`: openapi-fetch typed by the Errata spec, over a fetch layer that retries by the
 * catalog and makes every failure canonical.
 */

import { createRedactor } from '@errata/redact';
import type { paths } from '@errata/types';
import createFetchClient, {
  type ClientOptions,
  type FetchResponse,
  type HeadersOptions,
  type MaybeOptionalInit,
  type Middleware,
  type ParseAs,
} from 'openapi-fetch';
import type { HttpMethod, PathsWithMethod, RequiredKeysOf } from 'openapi-typescript-helpers';
import { debugLogger, type OnEvent } from './events.js';
import { runCall } from './internal/attempt-loop.js';
import { newAttemptTimers } from './internal/attempt-timer.js';
import type { CallDescription } from './internal/call-description.js';
import type { CallResult } from './internal/call-result.js';
import type { CallSettings, FetchLike } from './internal/call-settings.js';
import { clientInternals } from './internal/client-internals.js';
import type { Normalizer } from './internal/envelope.js';
import { loadDeferred } from './internal/load-deferred.js';
import { invalid, nonNegative } from './internal/non-negative.js';
import { retryDefaults } from './retry-policy.js';

export interface ErrataClientOptions extends Omit<ClientOptions, 'baseUrl' | 'fetch'> {
  /** The API's root, e.g. `http://127.0.0.1:4010`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>`; redacted from every error text. */
  apiKey?: string;
  /** The fetch to use (default: the global one). It must honour `init` like the standard fetch. */
  fetch?: FetchLike;
  /** Retries after the first attempt (default 2). */
  maxRetries?: number;
  /** First backoff step in ms (default 500); doubles per retry, with up to 25 % jitter below. */
  initialDelay?: number;
  /** Largest backoff step in ms (default 8000). */
  maxDelay?: number;
  /**
   * Largest server-asked wait in ms (Retry-After, retry-after-ms, retry_after; default 60000). A
   * longer ask returns the error.
   */
  maxRetryAfter?: number;
  /** One attempt's limit in ms, body included (default 60000). */
  timeout?: number;
  /** The whole call's limit in ms, across attempts and waits (default: none). */
  totalTimeout?: number;
  /**
   * How error bodies become the envelope (default: they are Errata's envelope, or the status
   * decides). For other shapes, pass `providerNormalizer(…)` from `@errata/client/normalize`.
   */
  normalize?: Normalizer;
  /**
   * The response header that carries the request id (default `X-Request-Id`): `X-Trace-Id`,
   * `Request-Id`…, as the server's (`@errata/server`'s `requestIdHeader`). Read for `requestId` and
   * an error's `request_id` when its body has none; on errors and streams, `X-Request-Id` and
   * `Request-Id` are read after it.
   */
  requestIdHeader?: string;
  /** Error bodies are read up to this many bytes (default 65536); the rest is discarded. */
  maxErrorBodyBytes?: number;
  /** Sees every attempt, answer, wait and outcome (default: none; nothing is logged). */
  onEvent?: OnEvent;
  /** Logs every event with `console.debug` (default false): `debugLogger()` as `onEvent`. */
  debug?: boolean;
}

/** Options of one call, on every method, `stream()` and `subscribe()`: they override the client's for that call. */
export interface CallOptions {
  /** This call's per-attempt limit in ms, body included. */
  timeout?: number;
  /** This call's retries after the first attempt. */
  maxRetries?: number;
  /** The Idempotency-Key to send on every attempt (default: one generated per POST call). */
  idempotencyKey?: string;
  /** Extra headers for this call, e.g. `{ 'Errata-Simulate': 'RATE_LIMIT_EXCEEDED' }` against the sandbox. */
  headers?: HeadersOptions;
  /** Aborting stops the call at once, a retry wait included: `ErrataError` `ABORTED`. */
  signal?: AbortSignal;
}

// A mapped copy: an interface has no implicit index signature, which openapi-fetch's method types need.
type Paths = { [P in keyof paths]: paths[P] };
type Media = 'application/json';
type Method = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE';
const methods: Method[] = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'];

// openapi-fetch's own init, with the call options typed (its index signature lets anything through).
type Args<Init> =
  RequiredKeysOf<Init> extends never
    ? [(Init & CallOptions & { [key: string]: unknown })?]
    : [Init & CallOptions & { [key: string]: unknown }];
type AnyPaths = Record<string, Partial<Record<HttpMethod, unknown>>>;
// A path's operation object; `never` for a method the path lacks (openapi-typescript writes `put?: never`).
type Op<T> = T extends object ? T : never;
type Method_<P extends AnyPaths, M extends HttpMethod> = <
  Path extends PathsWithMethod<P, M>,
  Init extends MaybeOptionalInit<P[Path], M>,
>(
  url: Path,
  ...init: Args<Init>
) => Promise<FetchResponse<Op<P[Path][M]>, Init, Media>>;
type Request_<P extends AnyPaths> = <
  M extends HttpMethod,
  Path extends PathsWithMethod<P, M>,
  Init extends MaybeOptionalInit<P[Path], M>,
>(
  method: Uppercase<M> | M,
  url: Path,
  ...init: Args<Init>
) => Promise<FetchResponse<Op<P[Path][M]>, Init, Media>>;
type ErrataMethod<M extends HttpMethod> = Method_<Paths, M>;

/**
 * The openapi-fetch client for the Errata API, whose methods also take {@link CallOptions}. Typed
 * for JSON bodies: runModel's 200 also has a `text/event-stream` form, which `stream` from
 * `@errata/client/stream` reads (so `data` stays a `RunResult`).
 */
export interface ErrataClient {
  GET: ErrataMethod<'get'>;
  PUT: ErrataMethod<'put'>;
  POST: ErrataMethod<'post'>;
  DELETE: ErrataMethod<'delete'>;
  OPTIONS: ErrataMethod<'options'>;
  HEAD: ErrataMethod<'head'>;
  PATCH: ErrataMethod<'patch'>;
  TRACE: ErrataMethod<'trace'>;
  request: Request_<Paths>;
  /** Registers openapi-fetch middleware: it sees each call once, with its final, canonical response. */
  use(...middleware: Middleware[]): void;
  /** Unregisters middleware. */
  eject(...middleware: Middleware[]): void;
}

// The options that are a number ≥ 0, and their defaults.
const numeric = { ...retryDefaults, timeout: 60_000, totalTimeout: Infinity, maxErrorBodyBytes: 65_536 };

// What openapi-fetch gets when the client has read the answer itself: an empty 204, which it returns
// untouched and `call` discards. One for every call; no user code sees it.
let placeholder: Response | undefined;
const alreadyRead = (): Response => (placeholder ??= new Response(null, { status: 204 }));

/**
 * Creates the client. HTTP errors are returned as `error` (always the canonical envelope, typed per
 * operation); transport failures are thrown as `ErrataError`. Bad options throw `ErrataError`
 * `INVALID_OPTIONS` at once; an `apiKey` must be printable ASCII without spaces (`/^[\x21-\x7E]+$/`),
 * and the error never quotes it.
 *
 * @example
 * const client = createClient({ baseUrl: 'http://127.0.0.1:4010', apiKey: 'sk_test_valid' });
 * const { data, error } = await client.GET('/v1/models/{model}', { params: { path: { model: 'echo-1' } } });
 * if (error?.code === 'MODEL_NOT_FOUND') console.log(error.doc_url);
 */
export function createClient(options: ErrataClientOptions): ErrataClient {
  const {
    baseUrl,
    apiKey,
    fetch,
    normalize,
    requestIdHeader = 'x-request-id',
    onEvent,
    debug,
    headers,
    ...rest
  } = options ?? ({} as ErrataClientOptions);
  if (typeof baseUrl !== 'string' || !/^https?:\/\//.test(baseUrl))
    throw invalid(`baseUrl must be an http(s) URL, got ${JSON.stringify(baseUrl)}.`);
  // Checked here, not left to Headers: its TypeError would quote the key. Never quote it ourselves.
  if (apiKey !== undefined && !(typeof apiKey === 'string' && /^[\x21-\x7E]+$/.test(apiKey)))
    throw invalid('apiKey must be printable ASCII without spaces or line breaks (value not shown).');
  if (normalize !== undefined && typeof normalize !== 'function')
    throw invalid("normalize must be a function, e.g. providerNormalizer('workers-ai') from @errata/client/normalize.");
  if (onEvent !== undefined && typeof onEvent !== 'function') throw invalid('onEvent must be a function.');
  // Checked here, not left to Headers and its bare TypeError. Narrower than RFC 9110's token, as real names are.
  if (!/^[\w-]+$/.test(requestIdHeader)) throw invalid('requestIdHeader must be a header name.');
  const settings = {
    fetch: fetch ?? ((input, init) => globalThis.fetch(input, init)),
    normalize,
    redact: createRedactor([apiKey]),
    idHeader: requestIdHeader,
    onEvent: onEvent ?? (debug ? debugLogger() : undefined),
    timers: newAttemptTimers(),
  } as CallSettings;
  // Checked in this order; openapi-fetch gets the rest of the options.
  for (const [name, fallback] of Object.entries(numeric) as [keyof typeof numeric, number][]) {
    settings[name] = nonNegative(name, rest[name], fallback);
    delete rest[name];
  }
  const core = createFetchClient<Paths, 'application/json'>({
    ...rest,
    baseUrl,
    headers: apiKey ? { Authorization: `Bearer ${apiKey}`, ...(headers as Record<string, string>) } : headers,
  });
  // Middleware may read the responses: with any, the client hands openapi-fetch real ones.
  const middleware = new Set<Middleware>();

  // One logical call. openapi-fetch builds the request (path, query, body, headers, middleware) and
  // hands it to the attempt loop, its fetch, which reads the answer itself. openapi-fetch then gets
  // what it must read itself (a stream, a Response rebuilt for middleware) or, when the client has
  // read the answer, a placeholder, and the call returns the loop's result instead. A stream's
  // `release` (its attempt ends with the stream) goes to `streamed`.
  async function call(
    method: string,
    url: string,
    init: Record<string, unknown> | undefined,
    streamed?: (release: () => void) => void,
  ): Promise<unknown> {
    const options = init ?? {};
    let callSettings = settings;
    let idempotencyKey: string | undefined;
    if (
      options.fetch !== undefined ||
      options.timeout !== undefined ||
      options.maxRetries !== undefined ||
      options.idempotencyKey !== undefined
    )
      ({ settings: callSettings, idempotencyKey } = (await loadDeferred()).callSettings(options, settings));
    const parseAs = (options.parseAs as ParseAs | undefined) ?? 'json';
    const description: CallDescription = {
      method,
      path: url,
      parseAs,
      streaming: parseAs === 'stream',
      signal: options.signal as AbortSignal | undefined,
      idempotencyKey,
      forMiddleware: middleware.size > 0 || (Array.isArray(options.middleware) && options.middleware.length > 0),
    };
    let result: CallResult | undefined;
    let sent = false;
    const fetch = async (request: Request) => {
      sent = true;
      result = await runCall(request, description, callSettings);
      return result.forOpenapiFetch ?? alreadyRead();
    };
    try {
      const parsed = await core.request(method as 'get', url as never, { ...options, fetch } as never);
      if (result?.release) streamed?.(result.release);
      // A middleware's onRequest may answer by itself: then the loop never ran.
      return result && !result.forOpenapiFetch ? result : parsed;
    } catch (cause) {
      result?.release?.();
      // A TypeError before anything was sent: openapi-fetch could not build the request.
      if (!sent && cause instanceof TypeError) throw (await loadDeferred()).unbuildable(cause, settings.redact);
      // Our own errors; anything else (a serializer, a user middleware) is the caller's and passes through.
      throw cause;
    }
  }

  const client = {
    request: (method: string, url: string, init?: Record<string, unknown>) => call(method.toUpperCase(), url, init),
    use(...added: Middleware[]) {
      core.use(...added);
      for (const m of added) if (m) middleware.add(m);
    },
    eject(...removed: Middleware[]) {
      core.eject(...removed);
      for (const m of removed) middleware.delete(m);
    },
  } as unknown as ErrataClient;
  for (const method of methods)
    (client as unknown as Record<Method, unknown>)[method] = (url: string, init?: Record<string, unknown>) =>
      call(method, url, init);
  clientInternals.set(client, { call, ...settings });
  return client;
}
