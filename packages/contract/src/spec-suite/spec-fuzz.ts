// What `--spec` mode fuzzes an operation with: its valid request (the success probe's), with the
// body mutated (internal/fuzz.ts) and the key valid, missing or random. The fuzzing itself is the
// one of Errata's own run (internal/fuzz.ts).
import fc from 'fast-check';
import { credentials, mutatedJsonBodies } from '../internal/fuzz.js';
import type { RequestSpec } from '../internal/http.js';

/**
 * Requests from `base`, whose key travels in `authHeader` and whose JSON body (if any) is `body`.
 *
 * @example
 * specFuzzRequests({ method: 'POST', path: '/v1/chat', headers }, { prompt: 'hi' }, 'Authorization');
 */
export function specFuzzRequests(base: RequestSpec, body: unknown, authHeader: string): fc.Arbitrary<RequestSpec> {
  const { [authHeader]: key, ...headers } = base.headers ?? {};
  const bodies = body === undefined ? fc.constant(undefined) : mutatedJsonBodies([body]);
  return fc
    .record({ auth: credentials(key === undefined ? {} : { [authHeader]: key }, authHeader), body: bodies })
    .map((drawn) => ({
      ...base,
      headers: { ...headers, ...drawn.auth },
      ...(drawn.body !== undefined ? { body: drawn.body } : {}),
    }));
}
