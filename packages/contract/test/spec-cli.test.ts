// `errata-contract --spec` as CI runs it: a config it cannot fully use exits 2 naming the path and
// a did-you-mean; what was not probed fails the run and reaches every report format.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cli = join(import.meta.dirname, '../dist/cli.js');
const spec = createRequire(import.meta.url).resolve('@errata/types/openapi.json');
const dir = mkdtempSync(join(tmpdir(), 'contract-cli-'));

async function contract(config: string, ...flags: string[]) {
  const file = join(dir, `c-${Math.abs(hash(config + flags.join()))}.yaml`);
  writeFileSync(file, config);
  // Never contacted: a config error stops the run first, and --budget 0 sends nothing.
  const args = [cli, '--spec', spec, '--config', file, '--base-url', 'http://127.0.0.1:9', ...flags];
  return run('node', args).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr, file }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
      file,
    }),
  );
}

function hash(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return h;
}

describe('errata-contract --spec: the config', () => {
  it.each([
    { name: 'a misspelled key', given: 'trigers: []', want: 'trigers: unknown key (did you mean "triggers"?)' },
    {
      name: 'an operation the spec lacks',
      given: 'triggers: [{ code: MODEL_NOT_FOUND, operation: getModle }]',
      want: 'triggers[0].operation: no operation getModle in the spec (did you mean "getModel"?)',
    },
    {
      name: 'a code the operation does not declare',
      given: 'triggers: [{ code: PROMPT_TOO_LONG, operation: listModels }]',
      want: 'triggers[0].code: listModels does not declare PROMPT_TOO_LONG',
    },
    { name: 'a wrong type', given: 'simulate: "yes"', want: 'simulate: must be boolean, got string' },
    {
      name: 'a request id header that is no header name',
      given: 'requestIdHeader: "X Request Id"',
      want: 'requestIdHeader: must match pattern',
    },
  ])('exits 2 on $name, naming it', async ({ given, want }) => {
    const result = await contract(given);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${result.file}: ${want}`);
    expect(result.stdout).toBe('');
  });
});

describe('errata-contract --request-id-header', () => {
  it.each([
    { name: 'in --spec mode', given: ['--spec', spec] },
    { name: 'on Errata’s own API', given: ['--api-key', 'k'] },
  ])('exits 2 $name on a value that is no header name', async ({ given }) => {
    const error = await run('node', [cli, ...given, '--request-id-header', 'X Request Id']).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(error).toMatchObject({ code: 2 });
    expect((error as { stderr: string }).stderr).toContain(
      '--request-id-header expects a header name, got "X Request Id"',
    );
  });
});

describe('errata-contract --spec: what was not probed', () => {
  it('fails the run, in the text report, the annotations and the JUnit XML', async () => {
    const junit = join(dir, 'contract.xml');
    const text = await contract('simulate: true', '--budget', '0', '--junit', junit, '--only', 'listModels');
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/NOT {2}listModels MISSING_API_KEY: the time budget of 0 s was used up/);
    expect(text.stdout).toMatch(/0 proven for real, 0 only by simulation, \d+ not probed, 0 failed/);
    expect(readFileSync(junit, 'utf8')).toMatch(/<testsuite name="policy" tests="1" failures="1">/);
    const github = await contract('simulate: true', '--budget', '0', '--format', 'github', '--only', 'listModels');
    expect(github.code).toBe(1);
    expect(github.stdout).toMatch(
      /^::error file=.*,title=errata-contract listModels MISSING_API_KEY not probed::the time/m,
    );
    expect(github.stdout).toMatch(/^::notice .*::0 proven for real, 0 only by simulation, \d+ not probed/m);
  });

  it('accepts what the config says why it was not probed', async () => {
    const config = 'notProbed: [{ operation: listModels, reason: not deployed in CI }]';
    const result = await contract(config, '--budget', '0', '--only', 'listModels');
    expect(result.stdout).toMatch(/ok {3}listModels MISSING_API_KEY: .* \(accepted: not deployed in CI\)/);
    // Nothing passed either: a run that checked nothing is never green.
    expect(result.code).toBe(1);
  });
});
