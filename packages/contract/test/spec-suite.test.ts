// The spec-driven suite's planning, filters, budget and config errors, on Errata's own bundled
// spec (any spec would do). A full run over HTTP is apps/chat-api/src/adopter-ci.test.ts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSpecModel, type OpenApiDocument } from '@errata/spec-model';
import { describe, expect, it } from 'vitest';
import {
  ContractConfigError,
  checkConfigAgainstSpec,
  loadContractConfig,
  operationsInScope,
  planProbes,
  runSpecConformance,
} from '../src/index.js';

const spec = createRequire(import.meta.url)('@errata/types/openapi.json') as OpenApiDocument;
const model = createSpecModel(spec);
// Errata's spec without any `examples`: request bodies must come from the schemas.
const noExamples = createSpecModel(
  JSON.parse(JSON.stringify(spec), (key, value) => (key === 'examples' ? undefined : value)),
);
// Never contacted: every case below decides before sending.
const baseUrl = 'http://127.0.0.1:9';

describe('planProbes', () => {
  it('builds a multipart form from the schema: a small file per binary field, an allowed value elsewhere', async () => {
    const probes = planProbes(model, { auth: { key: 'k' } }).filter((p) => p.operationId === 'uploadFile');
    const success = probes.find((p) => p.section === 'success')!;
    expect(success).toMatchObject({ cause: 'a valid request, its body from the schema' });
    const form = success.request!.body as FormData;
    expect(form).toBeInstanceOf(FormData);
    expect(form.get('purpose')).toBe('finetune');
    expect(await (form.get('file') as File).text()).toBe('{}');
    const missing = probes.find((p) => p.via === 'builtin' && p.code === 'MISSING_REQUIRED_FIELD')!;
    expect(missing.cause).toBe('the valid form without its required file');
    expect([...(missing.request!.body as FormData).keys()]).toEqual(['purpose']);
  });

  it('skips every code it has no way to cause, saying why', () => {
    const probes = planProbes(model, { auth: { key: 'k' } });
    const listModels = probes.filter((p) => p.operationId === 'listModels' && p.code);
    expect(listModels.length).toBe(model.declaredCodes(model.operation('listModels')!).size);
    expect(listModels.every((p) => p.skip?.endsWith('(record one in triggers), and simulate is off'))).toBe(true);
    const getModel = probes.find((p) => p.operationId === 'getModel' && !p.code)!;
    expect(getModel.skip).toBe('no value for path parameter model (set pathParams in the config)');
  });

  it.each([
    {
      name: 'a recorded trigger (and the built-in one)',
      given: { triggers: [{ code: 'MODEL_NOT_FOUND', operation: 'getModel', path: '/v1/models/nope' }] },
      want: { code: 'MODEL_NOT_FOUND', via: ['trigger', 'builtin'] },
    },
    {
      name: 'an unknown path value, built in',
      given: {},
      want: { code: 'MODEL_NOT_FOUND', via: ['builtin'] },
    },
    {
      name: 'a key for the code',
      given: { auth: { keys: { INVALID_API_KEY: 'x' } } },
      want: { code: 'INVALID_API_KEY', via: ['auth'] },
    },
    { name: 'simulation', given: { simulate: true }, want: { code: 'OVERLOADED', via: ['simulate'] } },
    {
      name: 'nothing: not probed, with the reason',
      given: {},
      want: { code: 'OVERLOADED', via: ['simulate'], skip: true },
    },
  ])('causes a code by $name', ({ given, want }) => {
    const probes = planProbes(model, { pathParams: { model: 'm', request_id: 'r' }, ...given }).filter(
      (p) => p.operationId === 'getModel' && p.code === want.code,
    );
    expect(probes.map((p) => p.via)).toEqual(want.via);
    expect(probes.every((p) => (p.skip !== undefined) === (want.skip ?? false))).toBe(true);
  });

  it('keeps an unknown path value well-formed: it matches the parameter pattern', () => {
    const probe = planProbes(model, { pathParams: { request_id: 'req_8f14e45fceea167a' } }).find(
      (p) => p.operationId === 'getRequestStatus' && p.via === 'builtin',
    )!;
    expect(probe.request?.path).toBe('/v1/requests/req_8f14e45fceeazZ9q/status');
  });

  it.each([
    { name: 'media-type example', given: 'runModel', want: 'example' },
    { name: 'no example: built from the schema', given: 'createFinetuneNoExample', want: 'schema' },
  ])('takes the body from the $name', ({ given, want }) => {
    const probes = planProbes(given === 'runModel' ? model : noExamples, { pathParams: { model: 'm' } });
    const success = probes.find((p) => p.section === 'success' && p.operationId === given.replace('NoExample', ''))!;
    expect(success.bodyFrom).toBe(want);
    expect(success.skip).toBeUndefined();
  });
});

describe('operationsInScope', () => {
  // Errata's spec with listModels opted in and runModel opted out (x-errata-adopt, the adoption marker).
  const marked = (marks: Record<string, boolean>) => {
    const copy = JSON.parse(JSON.stringify(spec)) as OpenApiDocument;
    for (const op of createSpecModel(copy).operations)
      if (op.operationId in marks)
        (createSpecModel(copy).lookup(op.pointer) as Record<string, unknown>)['x-errata-adopt'] = marks[op.operationId];
    return createSpecModel(copy);
  };
  it.each([
    { name: 'no marker: every operation', given: {}, config: {}, want: model.operations.length },
    { name: 'one marked true: only it', given: { listModels: true }, config: {}, want: ['listModels'] },
    { name: 'one marked false: all but it', given: { runModel: false }, config: {}, want: model.operations.length - 1 },
    { name: 'the config list', given: {}, config: { operations: ['getModel'] }, want: ['getModel'] },
  ])('$name', ({ given, config, want }) => {
    const ids = operationsInScope(marked(given as Record<string, boolean>), config).map((op) => op.operationId);
    expect(typeof want === 'number' ? ids.length : ids).toEqual(want);
  });
});

describe('runSpecConformance', () => {
  it('reports probes past the time budget as skipped, with the reason', async () => {
    const report = await runSpecConformance({
      spec,
      baseUrl,
      config: { simulate: true, pathParams: { model: 'm', request_id: 'r' } },
      budgetMs: 0,
      now: () => 0,
    });
    expect(report.ok).toBe(false);
    expect(report.results.every((r) => r.outcome === 'skipped')).toBe(true);
    expect(report.sections.find((s) => s.section === 'unrouted')!.reason).toBe('the time budget of 0 s was used up');
  });

  it.each([
    { filter: { only: ['NO_SUCH_THING'] }, reason: 'no probe matches --only/--skip' },
    { filter: { only: ['listModels'], skip: ['listModels'] }, reason: 'no probe matches --only/--skip' },
  ])('says why a section did not run: $filter', async ({ filter, reason }) => {
    const report = await runSpecConformance({ spec, baseUrl, ...filter });
    expect(report.sections.map((s) => s.reason)).toEqual([reason, reason, reason, reason, reason]);
  });

  it('keeps only the probes of the named operation', async () => {
    const report = await runSpecConformance({ spec, baseUrl, config: {}, only: ['listModels'] });
    expect(new Set(report.results.map((r) => r.operationId))).toEqual(new Set(['listModels']));
  });
});

describe('checkConfigAgainstSpec', () => {
  it.each([
    {
      given: { triggers: [{ code: 'MODEL_NOT_FOUND', operation: 'getModels' }] },
      want: 'c.yaml: triggers[0].operation: no operation getModels in the spec (did you mean "getModel"?)',
    },
    {
      given: { triggers: [{ code: 'PROMPT_TOO_LONG', operation: 'listModels' }] },
      want: 'c.yaml: triggers[0].code: listModels does not declare PROMPT_TOO_LONG (it declares MISSING_API_KEY,',
    },
    {
      given: { triggers: [{ code: 'MODEL_NOT_FOUN' }] },
      want: 'triggers[0].code: MODEL_NOT_FOUN is not a code of the spec\'s catalog (did you mean "MODEL_NOT_FOUND"?)',
    },
    { given: { auth: { keys: { INVALID_KEY: 'x' } } }, want: '(did you mean "INVALID_API_KEY"?)' },
    {
      given: { pathParams: { modle: 'm' } },
      want: 'pathParams.modle: no path parameter modle in the spec (did you mean "model"?)',
    },
    {
      given: { notProbed: [{ operation: 'runModle', reason: 'r' }] },
      want: 'no operation runModle in the spec (did you mean "runModel"?)',
    },
  ])('refuses $want', ({ given, want }) => {
    expect(() => checkConfigAgainstSpec(given, model, 'c.yaml')).toThrow(ContractConfigError);
    expect(() => checkConfigAgainstSpec(given, model, 'c.yaml')).toThrow(want);
  });
});

describe('loadContractConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'contract-config-'));
  it.each([
    { text: 'simulate: yes please', message: 'simulate: must be boolean, got string' },
    { text: 'triggers: { code: X }', message: 'triggers: must be array, got object' },
    { text: 'triggers: [{ operation: listModels }]', message: 'triggers[0]: code is required' },
    { text: 'trigers: []', message: 'trigers: unknown key (did you mean "triggers"?)' },
    { text: 'auth: { kye: k }', message: 'auth.kye: unknown key (did you mean "key"?)' },
    { text: 'triggers: [{ code: X, bdy: {} }]', message: 'triggers[0].bdy: unknown key (did you mean "body"?)' },
    { text: 'maxSimulated: 150', message: 'maxSimulated: must be <= 100' },
    { text: 'notProbed: [{ code: X }]', message: 'notProbed[0]: reason is required' },
    {
      text: 'auth: { key: "env:ERRATA_CONTRACT_UNSET_KEY" }',
      message: 'auth.key reads ERRATA_CONTRACT_UNSET_KEY, which is not set',
    },
    { text: '- a list', message: 'the file: must be object, got a list' },
  ])('refuses $text', ({ text, message }) => {
    const file = join(dir, 'config.yaml');
    writeFileSync(file, text);
    expect(() => loadContractConfig(file, {})).toThrow(ContractConfigError);
    expect(() => loadContractConfig(file, {})).toThrow(message);
  });

  it('reads the key from the environment', () => {
    const file = join(dir, 'env.yaml');
    writeFileSync(file, 'auth: { key: "env:MY_KEY" }');
    expect(loadContractConfig(file, { MY_KEY: 'sk_1' }).auth?.key).toBe('sk_1');
  });
});
