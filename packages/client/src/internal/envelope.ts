/**
 * Building the canonical envelope, shared by the main entry's envelope normalizer and the provider
 * normalizers of `@errata/client/normalize`: both find what the body says, then `finish` fills in
 * what the catalog knows (status, doc_url, retry_after) and a message of last resort.
 */

import type { Redactor } from '@errata/redact';
import type { ErrorCode } from '@errata/types/catalog';
import type { ErrorEnvelope } from '../errors.js';
import { type HeaderSource, serverWait } from '../retry-policy.js';
import { codeForStatus, docUrlOf, factsOf, isCode } from './catalog-view.js';
import { requestIdOf } from './request-id.js';

/** An error response: its HTTP status, its headers, and its body as text or already parsed. */
export interface ErrorResponseLike {
  status: number;
  headers?: HeaderSource;
  body: unknown;
  /**
   * The header that carries the request id when the body has none (default `X-Request-Id`); the
   * common ones (`X-Request-Id`, `Request-Id`) are read after it.
   */
  requestIdHeader?: string | undefined;
}

/** The envelope, and the wait (ms) the server itself asked for — the envelope's `retry_after` may be a default. */
export interface Normalized {
  envelope: ErrorEnvelope;
  asked: number | undefined;
}

/**
 * Turns an error response into the canonical envelope. The client calls it for every non-2xx
 * answer (and every stream `error` event) with a `redact` that removes the API key.
 */
export type Normalizer = (response: ErrorResponseLike, redact: Redactor) => Normalized;

/** What a body said about itself; `finish` does the rest. */
export interface Found {
  code?: ErrorCode | undefined;
  message?: string | undefined;
  requestId?: string | undefined;
  retryAfter?: unknown;
  details?: Record<string, unknown> | undefined;
  /**
   * Where a provider error came from (provider normalizers only), built for this envelope: it
   * becomes the envelope's `origin` as it is, with `originMessage` (redacted here) as its `message`.
   */
  origin?: { provider: string; status: number; [key: string]: unknown } | undefined;
  originMessage?: string | undefined;
}

export const isString = (v: unknown): v is string => typeof v === 'string' && v !== '';
export const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

// What `trimStart` removes (ECMAScript WhiteSpace and LineTerminator): tab to CR, space, NBSP and beyond.
const isSpace = (c: number): boolean =>
  c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(String.fromCharCode(c)));

/** The body as JSON when it looks like JSON, else as it came. */
export function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  // The first character that is not white space, found without copying the text.
  let at = 0;
  while (at < body.length && isSpace(body.charCodeAt(at))) at++;
  const first = body[at];
  if (first !== '{' && first !== '[' && first !== '"') return body;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

// A text body is shown only when it reads like a sentence: one short line, not markup, not broken
// JSON. Anything else (an HTML page, a stack trace) stays in the raw body for debugging.
export function textMessage(body: unknown): string | undefined {
  if (typeof body !== 'string' || body.length > 200 || /[\n<]/.test(body)) return undefined;
  const text = body.trim();
  return text && !/^[[{]/.test(text) ? text : undefined;
}

/**
 * The message of an error response that gave none. Not the catalog title: the main entry ships the
 * compact policy table, not the titles (`catalog[code].title` has them), and saying that the server
 * said nothing is the more useful fact.
 */
export const noMessage = (status: number): string => `The HTTP ${status} response had no error message.`;

function hasMembers(object: object): boolean {
  for (const _ in object) return true;
  return false;
}

/** The envelope for what was found: the catalog fills in status, doc_url, and defaults. */
export function finish(response: ErrorResponseLike, found: Found, redact: Redactor): Normalized {
  const code = found.code ?? codeForStatus(response.status);
  const facts = factsOf(code);
  const message = redact(found.message ?? textMessage(response.body) ?? noMessage(response.status));
  // Only what the body said: a member the provider did not send stays absent (the schema requires
  // `details` of Errata servers only, not of normalized provider errors).
  const envelope: Record<string, unknown> = {
    code,
    message,
    status: facts.status,
    request_id: found.requestId ?? requestIdOf(response.headers, response.requestIdHeader) ?? '',
    doc_url: docUrlOf(code),
    category: facts.category,
    retry: facts.retry,
  };
  const asked = serverWait(response.headers, found.retryAfter);
  // Only a wait the response stated: an `after_retry_after` code without one has no `retry_after`,
  // and the client backs off instead of trusting a made-up second.
  if (asked !== undefined) envelope.retry_after = Math.ceil(asked / 1000);
  // Masked as JSON text, so that a key anywhere in the tree goes (the redactor knows its JSON-escaped form).
  if (found.details && hasMembers(found.details)) envelope.details = JSON.parse(redact(JSON.stringify(found.details)));
  if (found.origin) {
    if (found.originMessage !== undefined) found.origin.message = redact(found.originMessage);
    envelope.origin = found.origin;
  }
  return { envelope: envelope as ErrorEnvelope, asked };
}

/**
 * The main entry's normalizer: the body is Errata's envelope, or nothing useful (an HTML 502, an
 * empty 503), in which case the status decides. Bodies of other shapes need a provider normalizer
 * from `@errata/client/normalize`.
 */
export const normalizeEnvelope: Normalizer = (response, redact) => {
  const body = parseBody(response.body);
  const b = isObject(body) ? body : {};
  return finish(
    { status: response.status, headers: response.headers, body, requestIdHeader: response.requestIdHeader },
    {
      code: isCode(b.code) ? b.code : undefined,
      message: isString(b.message) ? b.message : undefined,
      requestId: isString(b.request_id) ? b.request_id : undefined,
      // serverWait takes a number or digits and ignores anything else.
      retryAfter: b.retry_after,
      details: isObject(b.details) ? b.details : undefined,
    },
    redact,
  );
};
