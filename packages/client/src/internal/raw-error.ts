/**
 * What an error response looked like before normalization, kept beside the canonical Response the
 * client hands out. A WeakMap, so that the canonical body stays exactly the envelope and the raw
 * text is freed with the Response.
 */

/** The response as the server sent it: for debugging, never for branching. */
export interface RawError {
  /** The HTTP status on the wire. */
  status: number;
  /** The original headers (rate-limit headers included), with the API key and bearer tokens redacted from their values. */
  headers: Headers;
  /** The body text, with the API key redacted; cut at `maxErrorBodyBytes`. */
  body: string;
  /** Whether `body` was cut because the response was larger. */
  truncated: boolean;
}

const registry = new WeakMap<Response, RawError>();

export function rememberRawError(response: Response, raw: RawError): void {
  registry.set(response, raw);
}

export function rawErrorOf(response: Response): RawError | undefined {
  return registry.get(response);
}
