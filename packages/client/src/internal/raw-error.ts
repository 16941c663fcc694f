/**
 * What an error response looked like before normalization, kept on the Response the client hands
 * out (under a symbol, so that the envelope stays the only body and the raw text is freed with the
 * Response).
 */

/** The response as the server sent it: for debugging, never for branching. */
export interface RawError {
  /** The HTTP status on the wire. */
  status: number;
  /**
   * The original headers (rate-limit headers included), with the API key and bearer tokens redacted from their values.
   */
  headers: Headers;
  /** The body text, with the API key redacted; cut at `maxErrorBodyBytes`. */
  body: string;
  /** Whether `body` was cut because the response was larger. */
  truncated: boolean;
}

// A symbol-keyed property rather than a WeakMap: setting a WeakMap entry per error response cost
// more than the rest of the bookkeeping (profiled), and the symbol is not enumerable by JSON. It
// holds what builds the raw error until someone reads it: redacting the body is then paid only by
// those who look (`getRawError`, an `ErrataError`'s `raw`), and once.
const raw = Symbol('errata.rawError');

export function rememberRawError(response: Response, build: () => RawError): void {
  Object.defineProperty(response, raw, { value: build, configurable: true, writable: true });
}

export function rawErrorOf(response: Response): RawError | undefined {
  const held = response as unknown as Record<symbol, RawError | (() => RawError) | undefined>;
  const kept = held[raw];
  if (typeof kept !== 'function') return kept;
  held[raw] = kept();
  return held[raw] as RawError;
}
