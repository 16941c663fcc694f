// The composite action and the workflow, as data: every input the action reads is declared and
// every declared one is read; every errata-contract flag they pass is one the CLI documents; and the
// action's annotation script turns a JSON report into the right GitHub workflow commands.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { markedBlocks } from './support/guide-blocks.js';
import { ACTION_FILE, type Action, WORKFLOW_FILE, type Workflow } from './support/workflow.js';

const repo = join(import.meta.dirname, '..', '..', '..');
const actionText = readFileSync(ACTION_FILE, 'utf8');
const action = parse(actionText) as Action;
const workflow = parse(readFileSync(WORKFLOW_FILE, 'utf8')) as Workflow;
const annotate = join(dirname(ACTION_FILE), 'annotate.mjs');

/** The flags given to a command in a script (continuation lines joined). */
function flagsOf(script: string, command: string): string[] {
  const lines = script.replace(/\\\n\s*/g, ' ').split('\n');
  return lines.filter((line) => line.includes(command)).flatMap((line) => line.match(/(?<=\s)--[a-z][a-z-]*/g) ?? []);
}

const scripts = [
  { name: 'the action', text: action.runs.steps.map((s) => s.run).join('\n') },
  {
    name: 'the workflow',
    text: Object.values(workflow.jobs)
      .flatMap((j) => j.steps.map((s) => s.run ?? ''))
      .join('\n'),
  },
];

describe('the composite action', () => {
  it('is composite, and reads exactly the inputs it declares', () => {
    expect(action.runs.using).toBe('composite');
    const read = new Set([...actionText.matchAll(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g)].map((m) => m[1]));
    expect([...read].sort()).toEqual(Object.keys(action.inputs).sort());
  });

  it.each(scripts)('$name passes errata-contract only flags its --spec mode documents', ({ text }) => {
    const help = execFileSync(
      'node',
      [join(repo, 'packages/contract/bin/errata-contract.js'), '--spec', 'x', '--help'],
      {
        encoding: 'utf8',
      },
    );
    const flags = flagsOf(text, 'npx errata-contract');
    expect(flags).toContain('--json');
    for (const flag of flags)
      expect(help, `errata-contract --spec has no ${flag}`).toMatch(new RegExp(`^\\s+${flag}\\b`, 'm'));
  });

  it.each(scripts)('$name passes redocly lint only flags it documents', ({ text }) => {
    const help = execFileSync(join(repo, 'node_modules/.bin/redocly'), ['lint', '--help'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const flag of flagsOf(text, 'npx redocly lint')) expect(help).toContain(flag);
    expect(text).toContain('--format github-actions');
    expect(help).toContain('"github-actions"');
  });
});

const failed = {
  section: 'errors',
  operationId: 'get_model',
  code: 'MODEL_NOT_FOUND',
  via: 'trigger',
  request: 'GET /v2/models/x',
  outcome: 'failed',
  expected: '404 MODEL_NOT_FOUND',
  got: '500 (no code)',
  diff: ['status: expected 404, got 500', 'header X-Request-Id: missing'],
};

const ANNOTATIONS = [
  {
    name: 'a passing report: only the summary',
    given: { ok: true, results: [{ operationId: 'get_model', outcome: 'passed' }] },
    want: ['::notice title=errata-contract::1 passed, 0 failed, 0 not probed: the server conforms'],
  },
  {
    name: 'a failure: an error titled with the probe, its diff on further lines',
    given: { ok: false, results: [failed] },
    want: [
      '::error title=errata-contract%3A get_model MODEL_NOT_FOUND::expected 404 MODEL_NOT_FOUND, got 500 (no code) ' +
        '(GET /v2/models/x, trigger)%0Astatus: expected 404, got 500%0Aheader X-Request-Id: missing',
      '::notice title=errata-contract::0 passed, 1 failed, 0 not probed: the server does not conform',
    ],
  },
  {
    name: 'a probe not run: a warning with its reason, % and newlines escaped',
    given: {
      ok: true,
      results: [{ operationId: 'embed_texts', outcome: 'skipped', reason: '100% skipped,\nfor now' }],
    },
    want: [
      '::warning title=errata-contract%3A embed_texts::not probed: 100%25 skipped,%0Afor now',
      '::notice title=errata-contract::0 passed, 0 failed, 1 not probed: the server conforms',
    ],
  },
];

describe('annotate.mjs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'errata-annotate-'));

  it.each(ANNOTATIONS)('$name', ({ given, want }) => {
    const file = join(dir, 'report.json');
    writeFileSync(file, JSON.stringify(given));
    expect(execFileSync('node', [annotate, file], { encoding: 'utf8' }).trimEnd().split('\n')).toEqual(want);
  });

  it('says, as an error annotation, that a report it cannot read could not be read (exit 2)', () => {
    let result: { status: number; stdout: string } = { status: 0, stdout: '' };
    try {
      execFileSync('node', [annotate, join(dir, 'missing.json')], { encoding: 'utf8' });
    } catch (error) {
      result = error as { status: number; stdout: string };
    }
    expect(result.status).toBe(2);
    expect(result.stdout).toMatch(/^::error title=errata-contract::cannot read the report .*missing\.json/);
  });
});

const BLOCKS = [
  {
    name: 'a run block',
    given: 'Intro\n<!-- adopter-test: run -->\n```sh\nnpm ci\nnpm test\n```\n',
    want: [{ kind: 'run', script: 'npm ci\nnpm test\n', line: 3 }],
  },
  {
    name: 'a file block',
    given: '<!-- adopter-test: file redocly.yaml -->\n```yaml\nplugins: []\n```\n',
    want: [{ kind: 'file', name: 'redocly.yaml', text: 'plugins: []\n', line: 2 }],
  },
  { name: 'an unmarked block is not run', given: '```sh\nrm -rf /\n```\n', want: [] },
  {
    name: 'a marker away from its fence marks nothing',
    given: '<!-- adopter-test: run -->\n\n```sh\nls\n```\n',
    want: [],
  },
];

describe('the marked blocks of the guide', () => {
  it.each(BLOCKS)('$name', ({ given, want }) => {
    expect(markedBlocks(given)).toEqual(want);
  });

  it('refuses a run block that is not sh', () => {
    expect(() => markedBlocks('<!-- adopter-test: run -->\n```yaml\na: 1\n```\n')).toThrow(/must be ```sh, not yaml/);
  });
});
