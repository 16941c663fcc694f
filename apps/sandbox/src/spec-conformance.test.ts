// The sandbox through the generic suite (`errata-contract --spec`): Errata's own spec, read like any
// adopter's, with only what an adopter's config would say (a key, the keys that produce auth codes,
// path values, simulation on). Streams, built-in real triggers and fuzzing run as they do for any spec.
import { createRequire } from 'node:module';
import { type ContractConfig, formatReport, runSpecConformance } from '@errata/contract';
import type { OpenApiDocument } from '@errata/spec-model';
import { describe, expect, it } from 'vitest';
import { demoApiKey, keyFor } from './seed.js';
import { useSandbox } from './test-support/http.js';

const spec = createRequire(import.meta.url)('@errata/types/openapi.json') as OpenApiDocument;
const sandbox = useSandbox({ rateLimit: 1_000_000, concurrencyLimit: 64, requestTimeoutMs: 200, streamPaceMs: 1 });

// What the generic suite cannot do without an adopter's help is left out by scope, as an adopter
// would: the queue's status, result and cancel need a job the run created (its id is not known in
// advance), and finetunes need uploaded files. Errata's own suite covers them (conformance.test.ts).
// Uploads are in: their form is built from the schema.
// Keys go in auth.keys only when they fail on every operation; the plan and permission keys fail
// only where a plan or a write is needed, so those codes are left to simulation here.
const everywhere = ['EXPIRED_API_KEY', 'REVOKED_API_KEY', 'ACCOUNT_SUSPENDED', 'QUOTA_EXCEEDED'] as const;
const config: ContractConfig = {
  auth: {
    key: demoApiKey,
    keys: {
      ...Object.fromEntries(everywhere.map((code) => [code, keyFor[code]])),
      MISSING_API_KEY: null,
      INVALID_API_KEY: 'sk_not_a_key',
    },
  },
  simulate: true,
  pathParams: { model: 'echo-1' },
  operations: ['listModels', 'getModel', 'runModel', 'submitRequest', 'uploadFile'],
  fuzzRuns: 10,
};

describe('the sandbox through errata-contract --spec', () => {
  it('conforms, with streams, built-in triggers and fuzzing', async () => {
    const report = await runSpecConformance({ spec, baseUrl: sandbox().url, config });
    expect(
      report.results.filter((r) => r.outcome === 'failed'),
      formatReport(report),
    ).toEqual([]);
    expect(report.ok, formatReport(report)).toBe(true);
    const streamed = report.results.filter((r) => r.section === 'streams' && r.outcome === 'passed');
    expect(streamed.length).toBeGreaterThan(1);
    expect(report.results.some((r) => r.via === 'builtin' && r.code === 'IDEMPOTENCY_CONFLICT')).toBe(true);
    expect(report.results.filter((r) => r.section === 'fuzz').every((r) => r.outcome !== 'failed')).toBe(true);
    // A multipart operation: its valid form uploads, and the form without its file is refused as the spec says.
    const upload = report.results.filter((r) => r.operationId === 'uploadFile' && r.via !== 'simulate');
    expect(upload.map((r) => `${r.section} ${r.code ?? ''} ${r.outcome}`)).toEqual(
      expect.arrayContaining(['success  passed', 'errors MISSING_REQUIRED_FIELD passed', 'fuzz  passed']),
    );
  });
});
