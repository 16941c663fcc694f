/**
 * Reading an error answer inside the attempt loop: its body up to the limit, normalized to the
 * canonical envelope, and the result handed out with it. Part of the deferred path (`deferred.ts`):
 * calls that never fail do not ship the envelope builder, the bounded reader or the cut-body salvage.
 */

import { type Redactor, redactHeaders } from '@errata/redact';
import type { ErrorEnvelope } from '../errors.js';
import type { FailureKind } from '../retry-policy.js';
import type { CallDescription } from './call-description.js';
import type { CallResult } from './call-result.js';
import type { CallSettings } from './call-settings.js';
import { factsOf } from './catalog-view.js';
import type { Decision } from './decide.js';
import { normalizeEnvelope } from './envelope.js';
import { rememberRawError } from './raw-error.js';
import { readBounded } from './read-body.js';
import { salvageJson } from './truncated-json.js';

/**
 * An error body as read: the text (cut at the limit), and what to normalize (the text, or what a
 * cut JSON body still says).
 */
interface ErrorBody {
  text: string;
  truncated: boolean;
  body: unknown;
}

/**
 * An error answer, read and normalized: its envelope, the wait the server asked (seconds, like a
 * body's `retry_after`), the catalog's retry policy for its code, and its headers as read.
 */
export interface ErrorAnswer {
  read: ErrorBody;
  /** Every header, by its lower-case name: what the envelope and the retry decision read. */
  headers: Record<string, string>;
  /** Whether a header value holds the API key or a bearer token (the Response handed out is then a redacted copy). */
  secret: boolean;
  envelope: ErrorEnvelope;
  askedSeconds: number | undefined;
  policy: FailureKind;
}

/**
 * Reads and normalizes one error answer, by the call's settings: up to `maxErrorBodyBytes`, with
 * `normalize` (undefined: Errata's envelope), the request id (when the body has none) from
 * `idHeader`. A body cut at the limit was cancelled, not read to its end (`read.truncated`).
 */
export async function readErrorAnswer(
  response: Response,
  settings: Pick<CallSettings, 'maxErrorBodyBytes' | 'normalize' | 'redact' | 'idHeader'>,
): Promise<ErrorAnswer> {
  const { maxErrorBodyBytes: limit, normalize, redact, idHeader: requestIdHeader } = settings;
  // One pass over the headers, which costs about what one `get` does (profiled): what the envelope
  // and the retry decision read, and whether a value holds a secret.
  const headers: Record<string, string> = Object.create(null);
  let secret = false;
  response.headers.forEach((value, name) => {
    headers[name] = value;
    secret ||= redact(value) !== value;
  });
  const { text, truncated } = await readBounded(response, limit);
  // A cut JSON body is closed where it was cut, so that its message survives.
  const read = { text, truncated, body: truncated ? (salvageJson(text) ?? text) : text };
  // A normalizer of the caller's gets the Headers, as documented; Errata's own reads the record.
  const { envelope, asked } = (normalize ?? normalizeEnvelope)(
    { status: response.status, headers: normalize ? response.headers : headers, body: read.body, requestIdHeader },
    redact,
  );
  if (read.truncated) envelope.message = `${envelope.message} (error body cut at ${limit} bytes)`;
  return {
    read,
    headers,
    secret,
    envelope,
    askedSeconds: asked === undefined ? undefined : asked / 1000,
    policy: factsOf(envelope.code).retry,
  };
}

const nullBody = [101, 103, 204, 205, 304];

/**
 * The result of a call that ends on an error answer. Its `retry_after` is the wait the client
 * waited, or would wait next (`decision.wait`), so that what it says is what it did. Its Response
 * is the one that came over the wire (its body read, as openapi-fetch would leave it), or, when a
 * header held the API key or a bearer token, a copy with those values redacted. With middleware it
 * is a copy carrying the envelope as its JSON body, for openapi-fetch (and the middleware) to read.
 */
export function errorResult(
  response: Response,
  answer: ErrorAnswer,
  decision: Decision,
  call: CallDescription,
  redact: Redactor,
): CallResult {
  const { envelope, read } = answer;
  if (decision.wait !== undefined && (envelope.retry_after !== undefined || answer.policy === 'after_retry_after'))
    (envelope as { retry_after?: number }).retry_after = Math.ceil(decision.wait / 1000);
  const raw = answer.secret ? redactHeaders(response.headers, redact) : response.headers;
  let out = response;
  if (call.forMiddleware || raw !== response.headers) {
    const headers = new Headers(raw);
    headers.delete('content-length');
    headers.delete('content-encoding');
    headers.delete('transfer-encoding');
    headers.set('content-type', 'application/json');
    const body = call.forMiddleware && !nullBody.includes(response.status) ? JSON.stringify(envelope) : null;
    out = new Response(body, { status: response.status, statusText: response.statusText, headers });
  }
  const { status } = response;
  rememberRawError(out, () => ({ status, headers: raw, body: redact(read.text), truncated: read.truncated }));
  return call.forMiddleware ? { response: out, forOpenapiFetch: out } : { error: envelope, response: out };
}
