/**
 * `@errata/client/adapters`: the errors users already catch, as `ErrataError`s. openai-node's
 * `APIError`, `@anthropic-ai/sdk`'s `APIError`, the Vercel AI SDK's `APICallError`, the AWS SDK
 * v3's service exceptions (Bedrock) and `@google/genai`'s `ApiError` each carry the provider's
 * status, headers and error body in their own places; `fromSdkError` reads them from there
 * (duck-typed: none of these SDKs is a dependency) and runs the provider's normalizer over them,
 * so the result has the canonical code, the catalog's retry policy and the `origin`. Which
 * provider's bodies to expect is an option, as for `providerNormalizer`; without it, the SDK's own
 * provider (openai, anthropic, bedrock, gemini), or for the AI SDK the body's shape decides.
 */

import { createRedactor } from '@errata/redact';
import { type ClientErrorCode, ErrataError } from './errors.js';
import { type Caught, headersOf, type Loose } from './internal/caught.js';
import { caughtFromCloudSdk } from './internal/cloud-sdk-errors.js';
import { isObject, parseBody } from './internal/envelope.js';
import { type Provider, providerNormalizer } from './normalize-error.js';

export interface FromSdkErrorOptions {
  /** Whose error bodies the SDK saw (an OpenAI-compatible host through openai-node: `mistral`, `groq`…). */
  provider?: Exclude<Provider, 'errata'>;
  /** Removed from every text kept (the message, origin and details). */
  apiKey?: string;
}

const AI_SDK_MARKER = Symbol.for('vercel.ai.error.AI_APICallError');

function caught(error: unknown): Caught | undefined {
  if (!isObject(error)) return undefined;
  const e = error as Loose;
  if (e[AI_SDK_MARKER] === true || (e.name === 'AI_APICallError' && typeof e.url === 'string')) {
    const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
    return {
      sdk: 'ai-sdk',
      status,
      headers: headersOf(e.responseHeaders, undefined),
      body: typeof e.responseBody === 'string' ? e.responseBody : e.data,
    };
  }
  const cloud = caughtFromCloudSdk(e);
  if (cloud) return cloud;
  // Stainless SDKs (openai-node, @anthropic-ai/sdk): `status`, `headers`, `error`, `requestID`
  // (openai v4: `request_id`).
  if (!('status' in e && 'headers' in e && 'error' in e)) return undefined;
  const status = typeof e.status === 'number' ? e.status : undefined;
  const headers = headersOf(e.headers, e.requestID ?? e.request_id);
  const inner = e.error;
  // @anthropic-ai/sdk keeps the whole body ({ type: 'error', error: {…} }); openai-node only its `error` member.
  if ('errorCode' in e || 'apiMessage' in e || (isObject(inner) && inner.type === 'error' && isObject(inner.error)))
    return { sdk: 'anthropic', status, headers, body: inner };
  // The body again, both as it was and under `error`, so that flat bodies (Mistral) and wrapped
  // ones (OpenAI) read alike.
  return { sdk: 'openai', status, headers, body: isObject(inner) ? { ...inner, error: inner } : inner };
}

// Without an option: the SDK's own provider; an AI SDK body names its shape (Anthropic's `type:
// "error"`, Gemini's gRPC `error.status`).
function providerFor(c: Caught): Exclude<Provider, 'errata'> {
  if (c.sdk !== 'ai-sdk') return c.sdk;
  const body = parseBody(c.body);
  if (isObject(body) && body.type === 'error') return 'anthropic';
  if (isObject(body) && isObject(body.error) && typeof body.error.status === 'string') return 'gemini';
  return 'openai';
}

// An SDK error without a response: the transport failed, as the client's own codes say.
function transportCode(error: Loose): ClientErrorCode {
  const name = String(error.name ?? error.constructor?.name ?? '');
  if (/Abort/.test(name)) return 'ABORTED';
  if (/Timeout/.test(name)) return 'CLIENT_TIMEOUT';
  return 'CONNECTION_ERROR';
}

/**
 * The `ErrataError` for an error an SDK threw, or `undefined` when it is not one of openai-node's,
 * `@anthropic-ai/sdk`'s, the Vercel AI SDK's, the AWS SDK v3's, `@google/genai`'s, Mistral's or
 * Cohere's API errors. A response error gets the canonical code its provider's body means (and
 * that code's retry policy, `retryAfter`, `origin`); one that arrived mid-stream (no status) is
 * read from its body alike; no response at all is
 * `CONNECTION_ERROR`, `CLIENT_TIMEOUT` or `ABORTED`.
 *
 * @example
 * import OpenAI from 'openai';
 * import { fromSdkError } from '@errata/client/adapters';
 * try {
 *   await new OpenAI().chat.completions.create({ model: 'gpt-4o', messages });
 * } catch (e) {
 *   // e.g. code 'QUOTA_EXCEEDED', retryable false, origin.code 'insufficient_quota'
 *   const error = fromSdkError(e) ?? e;
 *   if (error instanceof ErrataError && error.retryable) scheduleRetry(error.retryAfter);
 * }
 */
export function fromSdkError(error: unknown, options: FromSdkErrorOptions = {}): ErrataError | undefined {
  const found = caught(error);
  if (!found) return undefined;
  const redact = createRedactor([options.apiKey]);
  if (found.status === undefined && (found.body === undefined || found.body === null || found.body === '')) {
    const code = transportCode(error as Loose);
    return new ErrataError(
      code,
      redact(`${code}: ${(error as Error).message ?? 'the request failed without a response'}`),
      { cause: error },
    );
  }
  // A mid-stream error has no status of its own: like the stream reader, it is read under the
  // stream's 200, which rules no crosswalk entry out (an AWS exception event matches by its name).
  const normalize = providerNormalizer(options.provider ?? providerFor(found));
  const { envelope } = normalize({ status: found.status ?? 200, headers: found.headers, body: found.body }, redact);
  const suffix = envelope.request_id ? ` (request ${envelope.request_id})` : '';
  return new ErrataError(envelope.code, `${envelope.code}: ${envelope.message}${suffix}`, {
    status: found.status,
    body: envelope,
    cause: error,
  });
}
