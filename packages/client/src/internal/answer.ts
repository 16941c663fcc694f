/**
 * Reading an attempt's answer inside the retry loop: a 2xx body as the caller asked for it (so a
 * body that breaks off is a retryable failure, not a rejection after the loop), an error body up
 * to its limit, and the canonical Response handed out with an error envelope.
 */
import { ErrataError, type ErrorEnvelope } from '../errors.js';
import type { CallState } from './attempt.js';
import { rememberRawError } from './raw-error.js';
import { readBounded } from './read-body.js';
import type { Redact } from './redact.js';
import { salvageJson } from './truncated-json.js';

// Handed to openapi-fetch instead of the answer when the client has already read it: a 204 is
// returned by openapi-fetch untouched, and `call` swaps in `state.result`. One object for every
// call; no user code sees it (with middleware, real Responses are handed over instead).
let placeholder: Response | undefined;
export const answered = (): Response => (placeholder ??= new Response(null, { status: 204 }));

/** An error body as read: the text (cut at the limit), and what to normalize (the text, or what a cut JSON body still says). */
export interface ErrorBody {
  text: string;
  truncated: boolean;
  body: unknown;
}

const invalid = (response: Response, what: string) =>
  new ErrataError('INVALID_RESPONSE', `INVALID_RESPONSE: the ${response.status} response ${what}.`, { status: response.status, requestId: response.headers.get('x-request-id') ?? undefined });

/**
 * Reads a 2xx answer. Every 2xx the spec declares has a JSON body, so an empty one (a 204, a
 * `Content-Length: 0`, an empty chunked body) is `INVALID_RESPONSE`, like a body that is not JSON:
 * never `data: undefined` for the caller's next line to trip on. Returns what openapi-fetch gets.
 */
export async function readData(response: Response, state: CallState, redact: Redact): Promise<Response> {
  const { parseAs } = state;
  let data: unknown;
  if (state.method !== 'HEAD') {
    if (parseAs === 'json') {
      const text = await response.text();
      if (text === '') throw invalid(response, 'had an empty body where the operation declares JSON');
      try {
        data = JSON.parse(text);
      } catch (cause) {
        // The parser's message quotes the body: redacted, and the cause is not kept.
        throw invalid(response, `body is not JSON (${redact((cause as Error).message)})`);
      }
      if (state.full) return new Response(text, response);
    } else if (state.full) {
      return new Response(await response.arrayBuffer(), response);
    } else data = await response[parseAs as 'text' | 'blob' | 'arrayBuffer']();
  }
  state.result = { data, response };
  return answered();
}

/** Reads an error body, up to `limit` bytes; a cut JSON body is closed where it was cut, so its message survives. */
export async function readError(response: Response, limit: number): Promise<ErrorBody> {
  const { text, truncated } = await readBounded(response, limit);
  return { text, truncated, body: truncated ? salvageJson(text) ?? text : text };
}

// An error response's headers, with the API key and any bearer token cut from their values, as
// from its body: a server that echoes the Authorization header must not hand the key back out.
const bearer = /(bearer\s+)[^\s,;]+/gi;
function redactHeaders(headers: Headers, redact: Redact): Headers {
  let clean = true;
  headers.forEach((value) => {
    if (clean && (redact(value) !== value || /bearer\s/i.test(value))) clean = false;
  });
  if (clean) return headers;
  const out = new Headers();
  headers.forEach((value, name) => out.append(name, redact(value).replace(bearer, '$1[redacted]')));
  return out;
}

const nullBody = [101, 103, 204, 205, 304];

/**
 * The Response handed out with an error envelope: the one that came over the wire (its body read,
 * as openapi-fetch would leave it), or — when a header held the API key or a bearer token — a copy
 * with those values redacted. With middleware it is a copy carrying the envelope as its JSON body
 * (middleware may read it); without, the envelope goes straight to the caller and openapi-fetch
 * gets the placeholder.
 */
export function canonicalResponse(response: Response, envelope: ErrorEnvelope, read: ErrorBody, state: CallState, redact: Redact): Response {
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
