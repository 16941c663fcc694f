/**
 * `createClient`: openapi-fetch typed by the Errata spec, over a fetch layer that retries by the
 * catalog and makes every failure canonical.
 */
import createFetchClient, { type Client, type ClientOptions } from 'openapi-fetch';
import { providers, type paths } from '@errata/types';
import { ErrataError } from './errors.js';
import { createRedact } from './internal/redact.js';
import { send, transportError, type CallState, type FetchLike, type SendSettings } from './internal/send.js';
import type { Provider } from './normalize-error.js';
import { cancel, subscribe, type SubscribeOptions } from './queue.js';
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
  /** Whose error bodies to expect (default `errata`); every response is normalized as that provider's. */
  provider?: Provider;
  /** Error bodies are read up to this many bytes (default 65536); the rest is discarded. */
  maxErrorBodyBytes?: number;
}

type Paths = paths;
type Method = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE';
const methods: Method[] = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'];

/** The openapi-fetch client for the Errata API, plus the queue helpers. */
export interface ErrataClient extends Client<Paths> {
  /** Submits to the queue, polls until COMPLETED and returns the result; throws `ErrataError` otherwise. See {@link subscribe}. */
  subscribe(model: string, input: Paths['/v1/queue/{model}']['post']['requestBody']['content']['application/json'], options?: SubscribeOptions): ReturnType<typeof subscribe>;
  /** Cancels a queued request and returns its status; throws `ErrataError` on failure. */
  cancel(requestId: string, init?: { signal?: AbortSignal }): ReturnType<typeof cancel>;
}

// What reading a body throws: TypeError when the stream breaks, SyntaxError for bad JSON, AbortError when our timer or the caller stops it.
function isBodyFailure(cause: unknown): boolean {
  return cause instanceof TypeError || cause instanceof SyntaxError || (cause as { name?: string } | null)?.name === 'AbortError';
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) throw new TypeError(`createClient: ${name} must be a number ≥ 0, got ${String(value)}.`);
  return value;
}

/**
 * Creates the client. HTTP errors are returned as `error` (always the canonical envelope, typed per
 * operation); transport failures are thrown as `ErrataError`.
 *
 * @example
 * const client = createClient({ baseUrl: 'http://127.0.0.1:4010', apiKey: 'sk_test_valid' });
 * const { data, error } = await client.GET('/v1/models/{model}', { params: { path: { model: 'echo-1' } } });
 * if (error?.code === 'MODEL_NOT_FOUND') console.log(error.doc_url);
 */
export function createClient(options: ErrataClientOptions): ErrataClient {
  const { baseUrl, apiKey, fetch, maxRetries, initialDelay, maxDelay, maxRetryAfter, timeout, totalTimeout, provider = 'errata', maxErrorBodyBytes, headers, ...rest } = options ?? ({} as ErrataClientOptions);
  if (typeof baseUrl !== 'string' || !/^https?:\/\//.test(baseUrl)) throw new TypeError(`createClient: baseUrl must be an http(s) URL, got ${JSON.stringify(baseUrl)}.`);
  if (apiKey !== undefined && (typeof apiKey !== 'string' || apiKey === '')) throw new TypeError('createClient: apiKey must be a non-empty string.');
  if (provider !== 'errata' && !Object.prototype.hasOwnProperty.call(providers, provider)) throw new TypeError(`createClient: unknown provider ${JSON.stringify(provider)}.`);
  const settings: SendSettings = {
    fetch: fetch ?? ((input, init) => globalThis.fetch(input, init)),
    maxRetries: positive('maxRetries', maxRetries, retryDefaults.maxRetries),
    initialDelay: positive('initialDelay', initialDelay, retryDefaults.initialDelay),
    maxDelay: positive('maxDelay', maxDelay, retryDefaults.maxDelay),
    maxRetryAfter: positive('maxRetryAfter', maxRetryAfter, retryDefaults.maxRetryAfter),
    timeout: positive('timeout', timeout, 60_000),
    totalTimeout: positive('totalTimeout', totalTimeout, Infinity),
    provider,
    redact: createRedact(apiKey),
    maxErrorBodyBytes: positive('maxErrorBodyBytes', maxErrorBodyBytes, 65_536),
  };
  const core = createFetchClient<Paths>({
    ...rest,
    baseUrl,
    headers: apiKey ? { Authorization: `Bearer ${apiKey}`, ...(headers as Record<string, string>) } : headers,
  });

  // Each call gets its own state (attempt timer, why it stopped), so the timer keeps running while
  // openapi-fetch reads a 2xx body and is cleared when the call settles.
  async function call(method: string, url: string, init: Record<string, unknown> | undefined): Promise<unknown> {
    const state: CallState = { why: undefined, reading: false, cleanup: () => {} };
    const base = (init?.fetch as FetchLike | undefined) ?? settings.fetch;
    const callSettings = base === settings.fetch ? settings : { ...settings, fetch: base };
    try {
      return await core.request(method as 'get', url as never, { ...init, fetch: (request: Request) => send(request, callSettings, state) } as never);
    } catch (cause) {
      // Our own errors, or a 2xx body that broke off (or was not JSON) while openapi-fetch read it.
      // Anything else (a serializer, a user middleware) is the caller's own error and passes through.
      if (cause instanceof ErrataError || !state.reading || !isBodyFailure(cause)) throw cause;
      throw transportError(cause, state, cause instanceof SyntaxError ? 'INVALID_RESPONSE' : 'RESPONSE_INCOMPLETE', settings.redact);
    } finally {
      state.cleanup();
    }
  }

  const client = { ...core, request: (method: string, url: string, init?: Record<string, unknown>) => call(method.toUpperCase(), url, init) } as unknown as ErrataClient;
  for (const method of methods) (client as unknown as Record<Method, unknown>)[method] = (url: string, init?: Record<string, unknown>) => call(method, url, init);
  client.subscribe = (model, input, opts) => subscribe(client, model, input, opts);
  client.cancel = (requestId, init) => cancel(client, requestId, init);
  return client;
}
