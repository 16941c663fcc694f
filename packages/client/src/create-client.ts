/**
 * `createClient`: openapi-fetch typed by the Errata spec, over a fetch layer that retries by the
 * catalog and makes every failure canonical.
 */
import createFetchClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { paths } from '@errata/types';
import { ErrataError } from './errors.js';
import { clientInternals } from './internal/client-internals.js';
import { normalizeEnvelope, type Normalizer } from './internal/envelope.js';
import { createRedact } from './internal/redact.js';
import { newCallState, send, transportError, type FetchLike, type SendSettings } from './internal/send.js';
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
  /** Largest server-asked wait in ms (Retry-After, retry-after-ms, retry_after; default 60000). A longer ask returns the error. */
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
  /** Error bodies are read up to this many bytes (default 65536); the rest is discarded. */
  maxErrorBodyBytes?: number;
}

type Paths = paths;
type Method = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE';
const methods: Method[] = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'];

/**
 * The openapi-fetch client for the Errata API. Typed for JSON bodies: runModel's 200 also has a
 * `text/event-stream` form, which `stream` from `@errata/client/stream` reads (so `data` stays a
 * `RunResult`).
 */
export interface ErrataClient extends Client<Paths, 'application/json'> {}

// What reading a body throws: TypeError when the stream breaks, SyntaxError for bad JSON, AbortError when our timer or the caller stops it.
function isBodyFailure(cause: unknown): boolean {
  return cause instanceof TypeError || cause instanceof SyntaxError || (cause as { name?: string } | null)?.name === 'AbortError';
}

// Bad options are a typed error, like every other failure: code INVALID_OPTIONS, message `createClient: …`.
const invalid = (text: string) => new ErrataError('INVALID_OPTIONS', `createClient: ${text}`);

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) throw invalid(`${name} must be a number ≥ 0, got ${String(value)}.`);
  return value;
}

// A request that openapi-fetch could not build (a header value with a newline, a character past
// Latin-1): its TypeError quotes the value, which may be a key, so the quote is cut and the cause
// (which would show it again) is not kept.
function unbuildable(cause: TypeError, redact: (text: string) => string): ErrataError {
  return new ErrataError('INVALID_OPTIONS', redact(`INVALID_OPTIONS: the request could not be built: ${cause.message.replace(/"[\s\S]*"/, '"[redacted]"')}`));
}

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
  const { baseUrl, apiKey, fetch, maxRetries, initialDelay, maxDelay, maxRetryAfter, timeout, totalTimeout, normalize = normalizeEnvelope, maxErrorBodyBytes, headers, ...rest } = options ?? ({} as ErrataClientOptions);
  if (typeof baseUrl !== 'string' || !/^https?:\/\//.test(baseUrl)) throw invalid(`baseUrl must be an http(s) URL, got ${JSON.stringify(baseUrl)}.`);
  // Checked here, not left to Headers: its TypeError would quote the key. Never quote it ourselves.
  if (apiKey !== undefined && !(typeof apiKey === 'string' && /^[\x21-\x7E]+$/.test(apiKey))) throw invalid('apiKey must be printable ASCII without spaces or line breaks (value not shown).');
  if (typeof normalize !== 'function') throw invalid('normalize must be a function, e.g. providerNormalizer(\'workers-ai\') from @errata/client/normalize.');
  const settings: SendSettings = {
    fetch: fetch ?? ((input, init) => globalThis.fetch(input, init)),
    maxRetries: positive('maxRetries', maxRetries, retryDefaults.maxRetries),
    initialDelay: positive('initialDelay', initialDelay, retryDefaults.initialDelay),
    maxDelay: positive('maxDelay', maxDelay, retryDefaults.maxDelay),
    maxRetryAfter: positive('maxRetryAfter', maxRetryAfter, retryDefaults.maxRetryAfter),
    timeout: positive('timeout', timeout, 60_000),
    totalTimeout: positive('totalTimeout', totalTimeout, Infinity),
    normalize,
    redact: createRedact(apiKey),
    maxErrorBodyBytes: positive('maxErrorBodyBytes', maxErrorBodyBytes, 65_536),
  };
  const core = createFetchClient<Paths, 'application/json'>({
    ...rest,
    baseUrl,
    headers: apiKey ? { Authorization: `Bearer ${apiKey}`, ...(headers as Record<string, string>) } : headers,
  });

  // Each call gets its own state (attempt timer, why it stopped), so the timer keeps running while
  // openapi-fetch reads a 2xx body and is cleared when the call settles. A stream keeps the
  // caller's abort wired to its request until the stream ends (`keep`).
  async function call(method: string, url: string, init: Record<string, unknown> | undefined, state = newCallState(init?.signal as AbortSignal | undefined), keep = false): Promise<unknown> {
    const base = (init?.fetch as FetchLike | undefined) ?? settings.fetch;
    const callSettings = base === settings.fetch ? settings : { ...settings, fetch: base };
    let settled = false;
    try {
      const result = await core.request(method as 'get', url as never, { ...init, fetch: (request: Request) => send(request, callSettings, state) } as never);
      settled = keep && (result as { response: Response }).response.ok;
      return result;
    } catch (cause) {
      // A TypeError before anything was sent: openapi-fetch could not build the request.
      if (!state.sent && cause instanceof TypeError) throw unbuildable(cause, settings.redact);
      // Our own errors, or a 2xx body that broke off (or was not JSON) while openapi-fetch read it.
      // Anything else (a serializer, a user middleware) is the caller's own error and passes through.
      if (cause instanceof ErrataError || !state.reading || !isBodyFailure(cause)) throw cause;
      throw transportError(cause, state, cause instanceof SyntaxError ? 'INVALID_RESPONSE' : 'RESPONSE_INCOMPLETE', settings.redact);
    } finally {
      if (settled) state.stopTimer();
      else state.cleanup();
    }
  }

  const client = { ...core, request: (method: string, url: string, init?: Record<string, unknown>) => call(method.toUpperCase(), url, init) } as unknown as ErrataClient;
  for (const method of methods) (client as unknown as Record<Method, unknown>)[method] = (url: string, init?: Record<string, unknown>) => call(method, url, init);
  clientInternals.set(client, { call, normalize, redact: settings.redact });
  return client;
}
