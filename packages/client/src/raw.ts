import { type RawError, rawErrorOf } from './internal/raw-error.js';

/**
 * The error response as it came over the wire — status, original headers (rate-limit headers
 * included), body text with the API key redacted — for the `response` of a call that returned an
 * `error`. `undefined` for responses the client did not normalize.
 *
 * @example
 * const { error, response } = await client.GET('/v1/models');
 * if (error) console.debug(getRawError(response)?.body);
 */
export function getRawError(response: Response): RawError | undefined {
  return rawErrorOf(response);
}
