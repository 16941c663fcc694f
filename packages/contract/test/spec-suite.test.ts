// The spec-driven suite's planning, filters, budget and config errors, on Errata's own bundled
// spec (any spec would do). A full run over HTTP is apps/chat-api/src/adopter-ci.test.ts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSpecModel, type OpenApiDocument } from '@errata/spec-model';
import { describe, expect, it } from 'vitest';
import { ContractConfigError, loadContractConfig, planProbes, runSpecConformance } from '../src/index.js';

const spec = createRequire(import.meta.url)('@errata/types/openapi.json') as OpenApiDocument;
const model = createSpecModel(spec);
// Never contacted: every case below decides before sending.
const baseUrl = 'http://127.0.0.1:9';

describe('planProbes', () => {
  it('skips every code it has no way to cause, saying why', () => {
    const probes = planProbes(model, { auth: { key: 'k' } });
    const listModels = probes.filter((p) => p.operationId === 'listModels' && p.code);
    expect(listModels.length).toBe(model.declaredCodes(model.operation('listModels')!).size);
    expect(listModels.every((p) => p.skip?.endsWith('in the config, and simulate is off'))).toBe(true);
    const getModel = probes.find((p) => p.operationId === 'getModel' && !p.code)!;
    expect(getModel.skip).toBe('no value for path parameter model (set pathParams in the config)');
  });

  it.each([
    {
      name: 'a recorded trigger',
      config: { triggers: [{ code: 'MODEL_NOT_FOUND', operation: 'getModel', path: '/v1/models/nope' }] },
      via: 'trigger',
    },
    { name: 'a key for the code', config: { auth: { keys: { MODEL_NOT_FOUND: null } } }, via: 'auth' },
    { name: 'simulation', config: { simulate: true }, via: 'simulate' },
  ])('causes a code by $name', ({ config, via }) => {
    const probe = planProbes(model, { pathParams: { model: 'm', request_id: 'r' }, ...config }).find(
      (p) => p.operationId === 'getModel' && p.code === 'MODEL_NOT_FOUND',
    )!;
    expect(probe.via).toBe(via);
    expect(probe.skip).toBeUndefined();
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
    expect(report.sections.map((s) => s.reason)).toEqual([reason, reason, reason]);
  });

  it('keeps only the probes of the named operation', async () => {
    const report = await runSpecConformance({ spec, baseUrl, config: {}, only: ['listModels'] });
    expect(new Set(report.results.map((r) => r.operationId))).toEqual(new Set(['listModels']));
  });
});

describe('loadContractConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'contract-config-'));
  it.each([
    { text: 'simulate: yes please', message: 'simulate must be true or false' },
    { text: 'triggers: { code: X }', message: 'triggers must be a list' },
    { text: 'triggers: [{ operation: listModels }]', message: 'triggers[0].code must be a code' },
    {
      text: 'auth: { key: "env:ERRATA_CONTRACT_UNSET_KEY" }',
      message: 'auth.key reads ERRATA_CONTRACT_UNSET_KEY, which is not set',
    },
    { text: '- a list', message: 'the file must be an object' },
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
