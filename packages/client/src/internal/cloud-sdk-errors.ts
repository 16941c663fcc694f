/**
 * The cloud SDKs' own error classes, read for `fromSdkError`. Neither keeps the provider's body as
 * it came, so the body is rebuilt from what each keeps, in the provider's documented shape:
 * - the AWS SDK v3 (`@aws-sdk/client-bedrock-runtime`): a service exception named after the
 *   provider's exception (`name: 'ThrottlingException'`), `$fault`, `$metadata.httpStatusCode`
 *   and `.requestId`, `message`, and the shape's other members (`originalStatusCode`…) as own
 *   properties. The body becomes `{ __type: name, message, … }`, as Bedrock's rest-json reads.
 * - `@google/genai`: `ApiError` with `status` and the JSON error body as its `message` (streamed:
 *   after `got status: UNAVAILABLE. `). The body is that JSON, or the body the SDK wrapped in it.
 * - `@mistralai/mistralai` and `cohere-ai`: their own classes with `statusCode` and `body`.
 */

import { type HeaderSource, headerOf } from '../retry-policy.js';
import { type Caught, headersOf, type Loose } from './caught.js';
import { isObject } from './envelope.js';

// The AWS SDK's own members, and the ones every Error has: not part of the provider's exception shape.
const AWS_OWN = new Set(['$fault', '$metadata', '$response', '$retryable', 'name', 'message', 'stack', 'cause']);

const EXCEPTION = /^[A-Z]\w*Exception$/;

function fromAws(e: Loose, metadata: Loose): Caught {
  // An exception event mid-stream arrives after the stream's 200: it has no status of its own.
  const code = metadata.httpStatusCode;
  const status = typeof code === 'number' && code >= 400 ? code : undefined;
  const response = isObject(e.$response) ? e.$response : {};
  const source = response.headers as HeaderSource;
  const headers = headersOf(source, metadata.requestId ?? headerOf(source, 'x-amzn-requestid'));
  headers['x-amzn-errortype'] = headerOf(source, 'x-amzn-errortype');
  // Without `$fault` and an exception's name the request never got an answer (refused, timed out,
  // aborted): no body. (A service exception always has both; a printout may show only its name.)
  if (typeof e.$fault !== 'string' && !EXCEPTION.test(String(e.name)))
    return { sdk: 'bedrock', status, headers, body: undefined };
  const body: Record<string, unknown> = { __type: e.name, message: e.message };
  for (const key of Object.keys(e)) if (!AWS_OWN.has(key)) body[key] = e[key];
  return { sdk: 'bedrock', status, headers, body };
}

// @google/genai wraps a body that did not come as application/json in its own envelope:
// `{"error":{"message":<the body's text>,"code":<status>,"status":<status text>}}`. When that text
// is itself Gemini's JSON error, it is the body.
function unwrapped(text: string): string {
  try {
    const outer = JSON.parse(text) as { error?: { message?: unknown } };
    const inner = outer.error?.message;
    if (typeof inner === 'string' && inner.trim().startsWith('{') && isObject(JSON.parse(inner))) return inner;
  } catch {
    // Not JSON, or the message is not: the text as it is.
  }
  return text;
}

// Before `ApiError`, @google/genai threw `ClientError` / `ServerError` with the status only in the
// message: `got status: 429 Too Many Requests. {…}`.
const GOT_STATUS = /^got status: ([1-5]\d\d)\b/;

function fromGenai(e: Loose): Caught {
  const message = String(e.message);
  const start = message.indexOf('{');
  return {
    sdk: 'gemini',
    status: typeof e.status === 'number' ? e.status : Number(GOT_STATUS.exec(message)![1]),
    headers: {},
    body: start === -1 ? message : unwrapped(message.slice(start)),
  };
}

// Generated SDKs that throw their own class with `statusCode`, `body` and `rawResponse`: Speakeasy's
// (`@mistralai/mistralai`: SDKError, HTTPValidationError; the body as text, `headers`, `contentType`)
// and Fern's (`cohere-ai`: TooManyRequestsError…, CohereError; the body parsed).
function fromGenerated(e: Loose): Caught {
  const response = isObject(e.rawResponse) ? e.rawResponse : {};
  return {
    sdk: 'contentType' in e ? 'mistral' : 'cohere',
    status: e.statusCode as number,
    headers: headersOf(e.headers ?? response.headers, undefined),
    body: e.body,
  };
}

/** What an AWS SDK v3, `@google/genai`, Mistral or Cohere SDK error carried, or `undefined` for any other error. */
export function caughtFromCloudSdk(e: Loose): Caught | undefined {
  // Every AWS SDK v3 error has `$metadata` (a stream's exception event: undefined); one the service sent `$fault`.
  // Either says AWS (a printout may show one of them only).
  if (isObject(e.$metadata) || typeof e.$fault === 'string')
    return fromAws(e, isObject(e.$metadata) ? e.$metadata : {});
  if (e.name === 'ApiError' && typeof e.status === 'number' && typeof e.message === 'string') return fromGenai(e);
  if ((e.name === 'ClientError' || e.name === 'ServerError') && GOT_STATUS.test(String(e.message))) return fromGenai(e);
  if (typeof e.statusCode === 'number' && 'body' in e && 'rawResponse' in e) return fromGenerated(e);
  return undefined;
}
