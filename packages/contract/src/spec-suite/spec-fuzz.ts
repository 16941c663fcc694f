// Fuzzing in `--spec` mode: the operation's valid request, mutated (a field replaced by arbitrary
// JSON or dropped, an unknown field, any JSON, a string that is not JSON, no key or a random one).
// Whatever comes in, the answer must be a response the operation declares, must validate, and
// must not be a 5xx. Seeded and bounded; stops at the first counterexample (each run is a request).
import type { SpecOperation } from '@errata/spec-model';
import { isObject } from '@errata/spec-model';
import fc from 'fast-check';
import type { ResponseChecker } from '../check-response.js';
import { describeRequest, type HttpContext, type RequestSpec, send } from '../internal/http.js';

export interface SpecFuzzOutcome {
  runs: number;
  /** The first request whose answer the spec does not allow, and what was wrong with it. */
  counterexample?: { request: string; status: number; diff: string[] };
}

const headerValue = fc.stringMatching(/^[\x21-\x7e]{0,40}$/);

function bodies(body: unknown): fc.Arbitrary<string | undefined> {
  if (body === undefined) return fc.constant(undefined);
  const object = isObject(body) ? body : {};
  const keys = Object.keys(object);
  const key = keys.length ? fc.constantFrom(...keys) : fc.string({ maxLength: 12 });
  return fc.oneof(
    fc.constant(JSON.stringify(body)),
    fc.tuple(key, fc.jsonValue()).map(([k, value]) => JSON.stringify({ ...object, [k]: value })),
    fc
      .tuple(fc.string({ maxLength: 12 }), fc.jsonValue())
      .map(([k, value]) => JSON.stringify({ ...object, [k]: value })),
    key.map((k) => JSON.stringify(Object.fromEntries(Object.entries(object).filter(([name]) => name !== k)))),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc.string({ maxLength: 64 }),
  );
}

/**
 * Fuzzes one operation from its valid request; `authHeader` is the header that carries the key.
 *
 * @example
 * await fuzzSpecOperation(http, checker, op, base, body, 'Authorization', { seed: 42, runs: 20 });
 */
export async function fuzzSpecOperation(
  http: HttpContext,
  checker: ResponseChecker,
  operation: SpecOperation,
  base: RequestSpec,
  body: unknown,
  authHeader: string,
  options: { seed: number; runs: number },
): Promise<SpecFuzzOutcome> {
  const auth = fc.oneof(
    { weight: 8, arbitrary: fc.constant<string | undefined>(base.headers?.[authHeader]) },
    { weight: 1, arbitrary: fc.constant<string | undefined>(undefined) },
    { weight: 1, arbitrary: headerValue.map((key): string | undefined => `Bearer ${key}`) },
  );
  let counterexample: SpecFuzzOutcome['counterexample'];
  const property = fc.asyncProperty(fc.record({ auth, body: bodies(body) }), async (drawn) => {
    const request: RequestSpec = {
      ...base,
      headers: { ...base.headers, [authHeader]: drawn.auth },
      ...(drawn.body !== undefined ? { body: drawn.body } : {}),
    };
    let diff: string[];
    let status = 0;
    try {
      const response = await send(http, request);
      status = response.status;
      diff = checker.check(operation, response);
      if (status >= 500) diff.push(`status: ${status} to a request without Errata-Simulate`);
    } catch (error) {
      diff = [`request failed: ${(error as Error).message}`];
    }
    if (diff.length && !counterexample) counterexample = { request: describeRequest(request), status, diff };
    return diff.length === 0;
  });
  const details = await fc.check(property, { seed: options.seed, numRuns: options.runs, endOnFailure: true });
  return { runs: details.numRuns, ...(details.failed && counterexample ? { counterexample } : {}) };
}
