// What Errata's own run fuzzes each operation with: the spec's and the tasks' example bodies,
// mutated (fuzz.ts), random multipart files, path parameters from the models and jobs the suite
// knows or random segments, the operation's own optional headers, and valid, missing or random keys.
import type { SpecOperation } from '@errata/spec-model';
import fc from 'fast-check';
import type { ProbeResult } from '../report.js';
import { credentials, fuzzOperation, fuzzResult, headerValue, mutatedJsonBodies } from './fuzz.js';
import { fillPath, type RequestSpec } from './http.js';
import type { SuiteContext } from './suite-context.js';

// A path segment: never empty, "." or "..", which URL resolution would collapse into another route.
const segment = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s !== '.' && s !== '..');

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

function exampleBodies(context: SuiteContext, operation: SpecOperation): unknown[] {
  const own = operation.requestBody?.examples.filter((e) => !!e && typeof e === 'object') ?? [];
  const tasks = ['text-generation', 'image-generation']
    .map((t) => context.exampleInput(t))
    .filter((e) => e !== undefined);
  return [...own, ...tasks];
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
      ? mutatedJsonBodies(exampleBodies(context, operation))
      : kind === 'multipart/form-data'
        ? formArbitrary()
        : fc.constant(undefined);
  return fc
    .record({ model, requestId, auth: credentials(context.auth(), 'Authorization'), extra: extraHeaders, body })
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

/**
 * Fuzzes one operation of Errata's own spec with `numRuns` random and mutated requests.
 *
 * @example
 * await fuzzErrataOperation(context, context.operations[0]!, 42, 50);
 */
export async function fuzzErrataOperation(
  context: SuiteContext,
  operation: SpecOperation,
  seed: number,
  numRuns: number,
): Promise<ProbeResult> {
  const outcome = await fuzzOperation(context, context.checker, operation, requestArbitrary(context, operation), {
    seed,
    runs: numRuns,
  });
  return fuzzResult(
    operation.operationId,
    outcome,
    `${numRuns} random and mutated requests, seed ${seed}`,
    context.redact,
  );
}
