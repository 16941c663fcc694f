/**
 * Reading an attempt's 2xx answer inside the retry loop, as the caller asked for it (so a body
 * that breaks off is a retryable failure, not a rejection after the loop). Error answers are read
 * by `error-answer.ts`, loaded on the first one.
 */

import type { Redactor } from '@errata/redact';
import type { CallState } from './attempt.js';

// Handed to openapi-fetch instead of the answer when the client has already read it: a 204 is
// returned by openapi-fetch untouched, and `call` swaps in `state.result`. One object for every
// call; no user code sees it (with middleware, real Responses are handed over instead).
let placeholder: Response | undefined;
export const answered = (): Response => (placeholder ??= new Response(null, { status: 204 }));

/**
 * Reads a 2xx answer. Every 2xx the spec declares has a JSON body, so an empty one (a 204, a
 * `Content-Length: 0`, an empty chunked body) is `INVALID_RESPONSE`, like a body that is not JSON:
 * never `data: undefined` for the caller's next line to trip on. Returns what openapi-fetch gets.
 */
export async function readData(response: Response, state: CallState, redact: Redactor): Promise<Response> {
  const { parseAs } = state;
  let data: unknown;
  if (state.method !== 'HEAD') {
    if (parseAs === 'json') {
      const text = await response.text();
      if (text === '')
        throw (await import('./retry-step.js')).invalidResponse(
          response,
          'had an empty body where the operation declares JSON',
        );
      try {
        data = JSON.parse(text);
      } catch (cause) {
        // The parser's message quotes the body: redacted, and the cause is not kept.
        throw (await import('./retry-step.js')).invalidResponse(
          response,
          `body is not JSON (${redact((cause as Error).message)})`,
        );
      }
      if (state.full) return new Response(text, response);
    } else if (state.full) {
      return new Response(await response.arrayBuffer(), response);
    } else data = await response[parseAs as 'text' | 'blob' | 'arrayBuffer']();
  }
  state.result = { data, response };
  return answered();
}
