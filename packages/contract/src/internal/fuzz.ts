// The one fuzzer of both runs (Errata's own and `--spec`): requests drawn from an arbitrary, each
// sent over HTTP, must get a response the operation declares, that validates, and that is not a 5xx
// (nothing fuzzed is simulated). The runs differ only in where their requests come from (fuzz-errata.ts,
// spec-suite/spec-fuzz.ts); the mutations of keys and JSON bodies and the property are here, once.
// Seeded and bounded; stops at the first counterexample, since every run is a real request and the
// first failure is already a concrete request to replay.
import { isObject, type SpecOperation } from '@errata/spec-model';
import fc from 'fast-check';
import type { ResponseChecker } from '../check-response.js';
import type { ProbeResult } from '../report.js';
import { describeRequest, type HttpContext, type RequestSpec, send } from './http.js';

/** Printable ASCII without spaces: anything a header value may carry. */
export const headerValue = fc.stringMatching(/^[\x21-\x7e]{0,40}$/);

/**
 * Credentials as headers: mostly the valid ones, sometimes none, sometimes a random key in `header`.
 *
 * @example
 * credentials({ Authorization: 'Bearer sk_test' }, 'Authorization');
 */
export function credentials(valid: Record<string, string>, header: string): fc.Arbitrary<Record<string, string>> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant(valid) },
    { weight: 1, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: headerValue.map((key) => ({ [header]: `Bearer ${key}` })) },
  );
}

/**
 * JSON bodies from valid ones: as they are, a known field replaced by any JSON or dropped, an unknown
 * field added, any JSON at all, and a string that is not JSON.
 *
 * @example
 * mutatedJsonBodies([{ prompt: 'hi' }]);
 */
export function mutatedJsonBodies(valid: readonly unknown[]): fc.Arbitrary<string> {
  const example = valid.length ? fc.constantFrom(...valid) : fc.constant<unknown>({});
  const fields = (body: unknown): Record<string, unknown> => (isObject(body) ? body : {});
  const names = [...new Set(valid.flatMap((body) => Object.keys(fields(body))))];
  const name = names.length ? fc.constantFrom(...names) : fc.string({ maxLength: 12 });
  const withField = (body: unknown, key: string, value: unknown) => JSON.stringify({ ...fields(body), [key]: value });
  return fc.oneof(
    example.map((body) => JSON.stringify(body)),
    fc.tuple(example, name, fc.jsonValue()).map(([body, key, value]) => withField(body, key, value)),
    fc
      .tuple(example, fc.string({ maxLength: 12 }), fc.jsonValue())
      .map(([body, key, value]) => withField(body, key, value)),
    fc
      .tuple(example, name)
      .map(([body, key]) =>
        JSON.stringify(Object.fromEntries(Object.entries(fields(body)).filter(([k]) => k !== key))),
      ),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc.string({ maxLength: 64 }),
  );
}

/** What a fuzz run of one operation drew, sent and found. */
export interface FuzzOutcome {
  runs: number;
  /** The first request whose answer the spec does not allow, and what was wrong with it. */
  counterexample?: { request: string; status: number; diff: string[] };
}

/**
 * Sends `options.runs` requests drawn from `requests` and checks each answer against `operation`.
 *
 * @example
 * await fuzzOperation(http, checker, operation, fc.constant(request), { seed: 42, runs: 20 });
 */
export async function fuzzOperation(
  http: HttpContext,
  checker: ResponseChecker,
  operation: SpecOperation,
  requests: fc.Arbitrary<RequestSpec>,
  options: { seed: number; runs: number },
): Promise<FuzzOutcome> {
  let counterexample: FuzzOutcome['counterexample'];
  const property = fc.asyncProperty(requests, async (request) => {
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
  // An arbitrary that throws is the fuzzer's own failure, not the server's: reported failed, never passed.
  const broken = (error: unknown) => ({
    request: 'none sent',
    status: 0,
    diff: [`the fuzzer failed: ${String(error)}`],
  });
  try {
    const details = await fc.check(property, { seed: options.seed, numRuns: options.runs, endOnFailure: true });
    if (!details.failed) return { runs: details.numRuns };
    return { runs: details.numRuns, counterexample: counterexample ?? broken(details.errorInstance) };
  } catch (error) {
    return { runs: 0, counterexample: broken(error) };
  }
}

/**
 * The report's row for one fuzzed operation; what it quotes of the failing exchange is redacted.
 *
 * @example
 * fuzzResult('runModel', { runs: 20 }, 'a 20-request fuzz, seed 42', http.redact);
 */
export function fuzzResult(
  operationId: string,
  outcome: FuzzOutcome,
  cause: string,
  redact: (text: string) => string = String,
): ProbeResult {
  const failed = outcome.counterexample;
  return {
    section: 'fuzz',
    operationId,
    via: 'fuzz',
    proof: 'real',
    cause,
    expected: 'a declared response, never a 5xx',
    outcome: failed ? 'failed' : 'passed',
    ...(failed ? { request: redact(failed.request), got: String(failed.status) } : {}),
    diff: failed ? [...new Set(failed.diff.map(redact))] : [],
  };
}
