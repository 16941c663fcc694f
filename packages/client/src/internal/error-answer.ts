/**
 * Reading an error answer inside the retry loop: its body up to the limit, normalized to the
 * canonical envelope, and the Response handed out with it. Imported lazily by `send` on a client's
 * first error answer, so that the main entry does not ship the envelope builder, the bounded
 * reader and the cut-body salvage to calls that never fail (the size budget is for the entry's
 * static imports).
 */

import { type Redactor, redactHeaders } from '@errata/redact';
import type { ErrorEnvelope } from '../errors.js';
import type { FailureKind } from '../retry-policy.js';
import { answered } from './answer.js';
import type { CallState } from './attempt.js';
import { factsOf } from './catalog-view.js';
import { type Normalizer, normalizeEnvelope } from './envelope.js';
import { rememberRawError } from './raw-error.js';
import { readBounded } from './read-body.js';
import { salvageJson } from './truncated-json.js';

/**
 * An error body as read: the text (cut at the limit), and what to normalize (the text, or what a
 * cut JSON body still says).
 */
export interface ErrorBody {
  text: string;
  truncated: boolean;
  body: unknown;
}

/** Reads an error body, up to `limit` bytes; a cut JSON body is closed where it was cut, so its message survives. */
async function readError(response: Response, limit: number): Promise<ErrorBody> {
  const { text, truncated } = await readBounded(response, limit);
  return { text, truncated, body: truncated ? (salvageJson(text) ?? text) : text };
}

/** An error answer, read and normalized: its envelope, the wait the server asked (ms), and its retry kind. */
export interface ErrorAnswer {
  read: ErrorBody;
  envelope: ErrorEnvelope;
  asked: number | undefined;
  kind: FailureKind;
}

/**
 * Reads and normalizes one error answer (`normalize` undefined: Errata's envelope). A body cut at
 * the limit was cancelled, not read to its end: its controller is not reused.
 */
export async function readErrorAnswer(
  response: Response,
  limit: number,
  normalize: Normalizer | undefined,
  state: CallState,
  redact: Redactor,
): Promise<ErrorAnswer> {
  const read = await readError(response, limit);
  if (read.truncated) state.cleanup();
  else state.release();
  const { envelope, asked } = (normalize ?? normalizeEnvelope)(
    { status: response.status, headers: response.headers, body: read.body },
    redact,
  );
  if (read.truncated) envelope.message = `${envelope.message} (error body cut at ${limit} bytes)`;
  return { read, envelope, asked, kind: factsOf(envelope.code).retry };
}

const nullBody = [101, 103, 204, 205, 304];

/**
 * The Response handed out with an error envelope: the one that came over the wire (its body read,
 * as openapi-fetch would leave it), or — when a header held the API key or a bearer token — a copy
 * with those values redacted. With middleware it is a copy carrying the envelope as its JSON body
 * (middleware may read it); without, the envelope goes straight to the caller and openapi-fetch
 * gets the placeholder.
 */
export function canonicalResponse(
  response: Response,
  envelope: ErrorEnvelope,
  read: ErrorBody,
  state: CallState,
  redact: Redactor,
): Response {
  const raw = redactHeaders(response.headers, redact);
  let out = response;
  if (state.full || raw !== response.headers) {
    const headers = new Headers(raw);
    headers.delete('content-length');
    headers.delete('content-encoding');
    headers.delete('transfer-encoding');
    headers.set('content-type', 'application/json');
    const body = state.full && !nullBody.includes(response.status) ? JSON.stringify(envelope) : null;
    out = new Response(body, { status: response.status, statusText: response.statusText, headers });
  }
  rememberRawError(out, { status: response.status, headers: raw, body: redact(read.text), truncated: read.truncated });
  if (state.full) return out;
  state.result = { error: envelope, response: out };
  return answered();
}
