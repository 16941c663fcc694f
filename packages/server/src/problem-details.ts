/**
 * RFC 9457 problem details as a second serialisation of the same envelope, for teams whose clients
 * and gateways already read `application/problem+json`: the envelope's members all stay (so Errata's
 * clients, the conformance suite and the envelope's schema read it unchanged), and the RFC's are
 * added — `type` the code's `doc_url`, `title` the code's title, `status`, `detail` the message,
 * `instance` the request id.
 */
import type { ErrorEnvelope } from './envelope.js';

export const PROBLEM_JSON = 'application/problem+json';

/** The envelope with RFC 9457's members added (`status` is the envelope's own). */
export type ProblemDetails = ErrorEnvelope & { type: string; title: string; detail: string; instance: string };

/** When error responses are problem details: never (default), when the client asks for them, or always. */
export type ProblemDetailsMode = 'never' | 'negotiate' | 'always';

/**
 * The envelope as problem details.
 *
 * @example
 * toProblemDetails(envelope, 'Model not found'); // { type: envelope.doc_url, title: 'Model not found', … }
 */
export function toProblemDetails(envelope: ErrorEnvelope, title: string): ProblemDetails {
  return {
    type: envelope.doc_url,
    title,
    detail: envelope.message,
    instance: envelope.request_id,
    ...envelope,
  };
}

/**
 * Whether this response is problem details: `always`, or `negotiate` and the client's `Accept`
 * names `application/problem+json`.
 *
 * @example
 * wantsProblemDetails('negotiate', 'application/problem+json, application/json;q=0.5'); // true
 */
export function wantsProblemDetails(mode: ProblemDetailsMode, accept: string | undefined): boolean {
  if (mode === 'always') return true;
  return mode === 'negotiate' && accept !== undefined && accept.toLowerCase().includes(PROBLEM_JSON);
}
