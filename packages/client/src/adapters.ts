/**
 * `@errata/client/adapters`: the errors users already catch, as `ErrataError`s. openai-node's
 * `APIError`, `@anthropic-ai/sdk`'s `APIError`, the Vercel AI SDK's `APICallError`, the AWS SDK
 * v3's service exceptions (Bedrock) and `@google/genai`'s `ApiError` each carry the provider's
 * status, headers and error body in their own places; `fromSdkError` reads them from there
 * (duck-typed: none of these SDKs is a dependency) and runs the provider's normalizer over them,
 * so the result has the canonical code, the catalog's retry policy and the `origin`. Where the body
 * is gone (a printout, an older SDK, a mid-stream error), the status and body the SDK's message
 * states and its own members stand in for it. Which provider's bodies to expect is an option, as
 * for `providerNormalizer`; without it, the headers and the body's shape decide (detectProvider),
 * and where they say nothing or several providers share the shape, the SDK's own provider.
 */

import { createRedactor } from '@errata/redact';
import { type ClientErrorCode, ErrataError } from './errors.js';
import { type Caught, headersOf, type Loose } from './internal/caught.js';
import { caughtFromCloudSdk } from './internal/cloud-sdk-errors.js';
import { detectProvider } from './internal/detect-provider.js';
import { isObject, parseBody } from './internal/envelope.js';
import { messageParts } from './internal/sdk-message.js';
import { type Provider, providerNormalizer } from './normalize-error.js';

export interface FromSdkErrorOptions {
  /** Whose error bodies the SDK saw (an OpenAI-compatible host through openai-node: `mistral`, `groq`…). */
  provider?: Exclude<Provider, 'errata'>;
  /** Removed from every text kept (the message, origin and details). */
  apiKey?: string;
}

const AI_SDK_MARKER = Symbol.for('vercel.ai.error.AI_APICallError');
// The AI SDK's class by the names it has gone by (`APICallError` before its `AI_` prefix).
const AI_SDK_NAMES = new Set(['AI_APICallError', 'APICallError']);
// The AI SDK's words for a request that got no answer (its `cause` is the fetch error).
const NO_ANSWER = /^Cannot connect to API\b/;

const hasMembers = (v: unknown): v is Record<string, unknown> => isObject(v) && Object.keys(v).length > 0;
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

// The provider's error as the SDK's own members state it when its body is gone (a stream's error
// event: openai-node copies its `code`, `type` and `param` onto the error), or `undefined`.
function ownMembers(e: Loose, said: string | undefined): Record<string, unknown> | undefined {
  const members: Record<string, unknown> = {};
  if (said !== undefined) members.message = said;
  for (const key of ['code', 'type', 'param'] as const) if (text(e[key]) !== undefined) members[key] = e[key];
  return hasMembers(members) ? members : undefined;
}

function fromAiSdk(e: Loose): Caught {
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const headers = headersOf(e.responseHeaders, undefined);
  const kept = text(e.responseBody) ?? (hasMembers(e.data) ? e.data : undefined);
  // No body kept: the message is the provider's (a stream's error event), unless no answer came at all.
  const said = text(e.message);
  const answered = status !== undefined || (said !== undefined && !NO_ANSWER.test(said) && !isObject(e.cause));
  if (kept !== undefined || !answered || said === undefined) return { sdk: 'ai-sdk', status, headers, body: kept };
  return { sdk: 'ai-sdk', status, headers, body: { message: said, error: { message: said } }, rebuilt: true };
}

function fromStainless(e: Loose): Caught {
  const parts = messageParts(String(e.message ?? ''), typeof e.status === 'number' ? e.status : undefined);
  const { status } = parts;
  const headers = headersOf(e.headers, e.requestID ?? e.request_id);
  // The body as the SDK kept it; else as its message states it; else its own members, when there was
  // an answer (a status, or a stream event's code or type: a failed connection has neither).
  const kept = hasMembers(e.error) ? e.error : parts.json;
  const inner: unknown =
    kept ?? (status !== undefined || text(e.code) || text(e.type) ? ownMembers(e, parts.text) : undefined);
  // @anthropic-ai/sdk keeps the whole body ({ type: 'error', error: {…} }); openai-node only its `error` member.
  if ('errorCode' in e || 'apiMessage' in e || (isObject(inner) && inner.type === 'error' && isObject(inner.error)))
    return { sdk: 'anthropic', status, headers, body: inner, rebuilt: kept === undefined };
  // A whole body (`{ error: {…} }`, as groq-sdk and a message's JSON keep it) is read as it is; else
  // the body again, both as it was and under `error`, so that flat bodies (Mistral) and wrapped
  // ones (OpenAI) read alike.
  const body = isObject(inner) && !isObject(inner.error) ? { ...inner, error: inner } : inner;
  return { sdk: 'openai', status, headers, body, rebuilt: kept === undefined };
}

function caught(error: unknown): Caught | undefined {
  if (!isObject(error)) return undefined;
  const e = error as Loose;
  if (e[AI_SDK_MARKER] === true || AI_SDK_NAMES.has(String(e.name))) return fromAiSdk(e);
  const cloud = caughtFromCloudSdk(e);
  if (cloud) return cloud;
  // Stainless SDKs (openai-node, @anthropic-ai/sdk): `status`, `headers`, `error`, `requestID`
  // (openai v4: `request_id`).
  if ('status' in e && 'headers' in e && 'error' in e) return fromStainless(e);
  // Speakeasy's SDKError (`@mistralai/mistralai`) with only its message: `API error occurred: Status 429\nBody: {…}`.
  const parts =
    typeof e.message === 'string' && /^API error occurred: /.test(e.message)
      ? messageParts(e.message, undefined)
      : undefined;
  if (parts?.status !== undefined)
    return {
      sdk: 'mistral',
      status: parts.status,
      headers: {},
      body: parts.json ?? (parts.text === undefined ? undefined : { message: parts.text }),
      rebuilt: !parts.json,
    };
  return undefined;
}

// Without an option: whose error the response says it is (a header only one provider sends, a
// body only one provider's shape has: detectProvider); where several share the shape, the SDK's
// own provider if it is one of them (openai-node and OpenAI's shape: OpenAI), else all of them
// (`errata`: the normalizer detects them again); where nothing says, the SDK's own provider.
function providerFor(c: Caught): Provider {
  const own: Exclude<Provider, 'errata'> = c.sdk === 'ai-sdk' ? 'openai' : c.sdk;
  const detection = detectProvider(c.rebuilt ? undefined : parseBody(c.body), c.headers);
  if (!detection) return own;
  if (detection.among.length === 1) return detection.among[0]!;
  return detection.among.includes(own as never) ? own : 'errata';
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
