/**
 * A 2xx that is not read as JSON: a HEAD (no body), or a body the caller asked for as text, a Blob
 * or bytes (openapi-fetch's `parseAs`). Part of the deferred path (`deferred.ts`): most calls
 * read JSON, in the attempt loop.
 */
import type { CallDescription } from './call-description.js';
import type { CallResult } from './call-result.js';

/** Reads the 2xx as the caller asked; with middleware, a Response rebuilt with the body, for it to read. */
export async function otherData(response: Response, call: CallDescription): Promise<CallResult> {
  const { forMiddleware } = call;
  if (call.method === 'HEAD') return forMiddleware ? { response, forOpenapiFetch: response } : { response };
  if (forMiddleware) return { response, forOpenapiFetch: new Response(await response.arrayBuffer(), response) };
  return { data: await response[call.parseAs as 'text' | 'blob' | 'arrayBuffer'](), response };
}
