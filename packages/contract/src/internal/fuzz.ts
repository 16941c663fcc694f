// Property-based fuzzing of every operation: random and mutated requests (path parameters, auth,
// bodies built from the spec's examples with fields replaced by arbitrary JSON, malformed JSON,
// random multipart files). Whatever the input, the response must be one the operation declares
// and must validate, and no 5xx may appear (nothing is simulated here). Seeded and bounded.

import type { SpecOperation } from '@errata/spec-model';
import fc from 'fast-check';
import type { ProbeResult } from '../report.js';
import { describeRequest, fillPath, type RequestSpec, send } from './http.js';
import type { SuiteContext } from './suite-context.js';

// Printable ASCII without spaces: anything a header value may carry.
const headerValue = fc.stringMatching(/^[\x21-\x7e]{0,40}$/);
// A path segment: never empty, "." or "..", which URL resolution would collapse into another route.
const segment = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s !== '.' && s !== '..');

function authArbitrary(context: SuiteContext) {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant(context.auth()) },
    { weight: 1, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: headerValue.map((key) => ({ Authorization: `Bearer ${key}` })) },
  );
}

function jsonBodyArbitrary(context: SuiteContext, operation: SpecOperation) {
  const examples =
    operation.requestBody?.examples.filter((e): e is Record<string, unknown> => !!e && typeof e === 'object') ?? [];
  const taskExamples = ['text-generation', 'image-generation']
    .map((t) => context.exampleInput(t))
    .filter((e) => e !== undefined);
  const pool = [...examples, ...taskExamples];
  const example = pool.length ? fc.constantFrom(...pool) : fc.constant({} as Record<string, unknown>);
  const keys = [...new Set(pool.flatMap((e) => Object.keys(e)))];
  return fc.oneof(
    example.map((e) => JSON.stringify(e)),
    fc
      .tuple(example, keys.length ? fc.constantFrom(...keys) : fc.string(), fc.jsonValue())
      .map(([e, key, value]) => JSON.stringify({ ...e, [key]: value })),
    fc
      .tuple(example, fc.string({ maxLength: 12 }), fc.jsonValue())
      .map(([e, key, value]) => JSON.stringify({ ...e, [key]: value })),
    fc
      .tuple(example, keys.length ? fc.constantFrom(...keys) : fc.string())
      .map(([e, key]) => JSON.stringify(Object.fromEntries(Object.entries(e).filter(([k]) => k !== key)))),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc.string({ maxLength: 64 }),
  );
}

function formArbitrary() {
  const name = fc.oneof(
    fc.constantFrom('config.json', 'data.jsonl', 'model.safetensors', 'image.png', 'photo.jpeg', 'notes.txt', 'noext'),
    fc.string({ minLength: 1, maxLength: 20 }),
  );
  const purpose = fc.oneof(fc.constantFrom('finetune', 'input'), fc.string({ maxLength: 10 }));
  return fc
    .record({ file: fc.option(fc.tuple(name, fc.uint8Array({ maxLength: 256 }))), purpose: fc.option(purpose) })
    .map(({ file, purpose: p }) => {
      const form = new FormData();
      if (file) form.append('file', new Blob([file[1]]), file[0]);
      if (p !== null) form.append('purpose', p);
      return form;
    });
}

function requestArbitrary(context: SuiteContext, operation: SpecOperation): fc.Arbitrary<RequestSpec> {
  // Models named in modelsFor fail on purpose (a timeout, a crash): like simulated errors, they are not fuzzed.
  const failing = new Set(Object.values(context.modelsFor));
  const models = context.models.map((m) => m.id).filter((id) => !failing.has(id));
  const model = models.length
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...models) }, { weight: 1, arbitrary: segment })
    : segment;
  const requestId = fc.oneof(
    ...(context.jobIds.length ? [fc.constantFrom(...context.jobIds)] : []),
    fc.stringMatching(/^req_[A-Za-z0-9]{16,32}$/),
    segment,
  );
  const headerNames = new Set(operation.parameters.filter((p) => p.in === 'header').map((p) => p.name));
  const extraHeaders = fc.record(
    {
      ...(headerNames.has('Idempotency-Key') ? { 'Idempotency-Key': headerValue } : {}),
      ...(headerNames.has('Errata-Sdk-Version')
        ? { 'Errata-Sdk-Version': fc.oneof(fc.constantFrom('0.9.0', '1.0.0', '2.3.1'), headerValue) }
        : {}),
    },
    { requiredKeys: [] },
  );
  const kind = operation.requestBody?.contentType;
  const body: fc.Arbitrary<string | FormData | undefined> =
    kind === 'application/json'
      ? jsonBodyArbitrary(context, operation)
      : kind === 'multipart/form-data'
        ? formArbitrary()
        : fc.constant(undefined);
  return fc
    .record({ model, requestId, auth: authArbitrary(context), extra: extraHeaders, body })
    .map(({ model: m, requestId: id, auth, extra, body: b }) => ({
      method: operation.method,
      path: fillPath(operation.path, { model: m, request_id: id }),
      headers: {
        ...auth,
        ...(extra as Record<string, string>),
        ...(kind === 'application/json' ? { 'Content-Type': 'application/json' } : {}),
      },
      body: b,
    }));
}

export async function fuzzOperation(
  context: SuiteContext,
  operation: SpecOperation,
  seed: number,
  numRuns: number,
): Promise<ProbeResult> {
  let counterexample: { request: string; status: number; diff: string[] } | undefined;
  const property = fc.asyncProperty(requestArbitrary(context, operation), async (request) => {
    let diff: string[];
    let status = 0;
    try {
      const response = await send(context, request);
      status = response.status;
      diff = context.checker.check(operation, response);
      if (status >= 500) diff.push(`status: ${status} without Errata-Simulate`);
    } catch (error) {
      diff = [`request failed: ${(error as Error).message}`];
    }
    if (diff.length && !counterexample) counterexample = { request: describeRequest(request), status, diff };
    return diff.length === 0;
  });
  // Stop at the first failure: every run is an HTTP request, and the first counterexample is
  // already a concrete request to replay.
  const details = await fc.check(property, { seed, numRuns, endOnFailure: true });
  const failed = details.failed && counterexample ? counterexample : undefined;
  return {
    section: 'fuzz',
    operationId: operation.operationId,
    via: 'fuzz',
    proof: 'real',
    cause: `${numRuns} random and mutated requests, seed ${seed}`,
    expected: 'a declared response, never a 5xx',
    outcome: details.failed ? 'failed' : 'passed',
    ...(failed ? { request: failed.request, got: String(failed.status) } : {}),
    diff: failed ? [...new Set(failed.diff)] : [],
  };
}
