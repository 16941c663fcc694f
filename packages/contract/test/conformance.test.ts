// The suite against a node:http fixture: it passes when the fixture conforms, and each deliberate
// breakage fails exactly the probe or fuzz run it should, with a diff that says what is wrong.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatReport, runConformance } from '../src/index.js';
import { startFixture, type Tamper } from './fixtures/reference-server.js';

const only = { apiKey: 'good-key', operations: ['listModels'], numRuns: 40, seed: 7 };

describe('runConformance against a conforming fixture', () => {
  it('passes, and says which codes were proven for real and which only by simulation', async () => {
    const fixture = await startFixture();
    try {
      const report = await runConformance({ baseUrl: fixture.url, ...only });
      expect(report.ok, formatReport(report)).toBe(true);
      expect(
        report.results
          .filter((p) => p.proof === 'real' && p.outcome === 'passed' && p.section !== 'fuzz')
          .map((p) => p.code)
          .sort(),
      ).toEqual(['ENDPOINT_NOT_FOUND', 'INVALID_API_KEY', 'MISSING_API_KEY']);
      expect(report.coverage.find((r) => r.code === 'RATE_LIMIT_EXCEEDED')).toMatchObject({
        proof: 'simulated',
        outcome: 'passed',
      });
      // Codes listModels does not declare are out of scope when only listModels is selected.
      expect(report.coverage.some((r) => r.code === 'PROMPT_TOO_LONG')).toBe(false);
      expect(report.results.filter((r) => r.section === 'fuzz')).toEqual([
        expect.objectContaining({ operationId: 'listModels', outcome: 'passed', cause: expect.stringMatching(/^40 /) }),
      ]);
    } finally {
      await fixture.close();
    }
  });
});

const cases: { name: string; given: Tamper; want: { code?: string; fuzz?: boolean; diff: RegExp } }[] = [
  {
    name: 'a 429 without Retry-After',
    given: (r) =>
      r.body.code === 'RATE_LIMIT_EXCEEDED' ? { ...r, headers: { 'X-Request-Id': r.headers['X-Request-Id']! } } : r,
    want: { code: 'RATE_LIMIT_EXCEEDED', diff: /header Retry-After: missing/ },
  },
  {
    name: 'a body missing request_id',
    given: (r) => (r.body.code === 'OVERLOADED' ? { ...r, body: { ...r.body, request_id: undefined } } : r),
    want: { code: 'OVERLOADED', diff: /must have required property 'request_id'/ },
  },
  {
    name: 'the wrong status for a code',
    given: (r) => (r.body.code === 'ACCOUNT_SUSPENDED' ? { ...r, status: 401, body: { ...r.body, status: 401 } } : r),
    want: { code: 'ACCOUNT_SUSPENDED', diff: /status: expected 403 \(ACCOUNT_SUSPENDED\), got 401/ },
  },
  {
    name: 'an X-Request-Id that differs from request_id',
    given: (r) =>
      r.body.code === 'BAD_GATEWAY' ? { ...r, headers: { ...r.headers, 'X-Request-Id': 'req_other' } } : r,
    want: { code: 'BAD_GATEWAY', diff: /differs from X-Request-Id/ },
  },
  {
    name: 'a 500 on a request with a random key (fuzz)',
    given: (r, req) =>
      r.body.code === 'INVALID_API_KEY' &&
      !req.headers['errata-simulate'] &&
      req.headers.authorization !== 'Bearer errata_contract_not_a_key'
        ? { ...r, status: 500, body: { ...r.body, status: 500 } }
        : r,
    want: { fuzz: true, diff: /status: 500/ },
  },
];

describe('runConformance against a broken fixture', () => {
  it.each(cases)('fails on $name', async ({ given, want }) => {
    const fixture = await startFixture(given);
    try {
      const report = await runConformance({ baseUrl: fixture.url, ...only });
      expect(report.ok).toBe(false);
      const failedProbes = report.results.filter((p) => p.outcome === 'failed' && p.section !== 'fuzz');
      if (want.code) {
        expect(failedProbes.map((p) => p.code)).toEqual([want.code]);
        expect(failedProbes[0]!.diff.join('\n')).toMatch(want.diff);
        expect(report.coverage.find((r) => r.code === want.code)?.outcome).toBe('failed');
      } else {
        expect(failedProbes).toEqual([]);
        const fuzz = report.results.find((r) => r.section === 'fuzz')!;
        expect(fuzz.outcome).toBe('failed');
        expect(fuzz.diff.join('\n')).toMatch(want.diff);
        expect(formatReport(report)).toContain(fuzz.request);
      }
    } finally {
      await fixture.close();
    }
  });
});

const run = promisify(execFile);
const cli = join(import.meta.dirname, '../dist/cli.js');

describe('errata-contract CLI', () => {
  it.each([
    {
      name: 'a conforming server',
      given: (r: Parameters<Tamper>[0]) => r,
      want: { exit: 0, out: /The server conforms\./ },
    },
    {
      name: 'a broken server',
      given: ((r) => (r.body.code === 'OVERLOADED' ? { ...r, status: 500 } : r)) as Tamper,
      want: { exit: 1, out: /FAIL listModels OVERLOADED/ },
    },
  ])('exits $want.exit for $name', async ({ given, want }) => {
    const fixture = await startFixture(given);
    try {
      const result = await run('node', [
        cli,
        '--base-url',
        fixture.url,
        '--api-key',
        'good-key',
        '--operation',
        'listModels',
        '--num-runs',
        '10',
      ]).then(
        (r) => ({ code: 0, stdout: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
      );
      expect(result.code).toBe(want.exit);
      expect(result.stdout).toMatch(want.out);
      expect(result.stdout).not.toContain('good-key');
    } finally {
      await fixture.close();
    }
  });

  it('exits 2 with usage on a bad flag value', async () => {
    const error = await run('node', [cli, '--api-key', 'k', '--code', 'NOT_A_CODE']).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(error).toMatchObject({ code: 2 });
    expect((error as { stderr: string }).stderr).toMatch(/not a catalog code/);
  });
});
