// The composite action and the workflow, as data: every input the action reads is declared and
// every declared one is read; every errata-contract and redocly flag they pass is one the CLI
// documents; and the guide's marked blocks are read as the adopter-path test runs them.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { markedBlocks } from './support/guide-blocks.js';
import { ACTION_FILE, type Action, WORKFLOW_FILE, type Workflow } from './support/workflow.js';

const repo = join(import.meta.dirname, '..', '..', '..');
const actionText = readFileSync(ACTION_FILE, 'utf8');
const action = parse(actionText) as Action;
const workflow = parse(readFileSync(WORKFLOW_FILE, 'utf8')) as Workflow;

/** The flags given to a command in a script (continuation lines joined). */
function flagsOf(script: string, command: string): string[] {
  const lines = script.replace(/\\\n\s*/g, ' ').split('\n');
  return lines
    .filter((line) => line.includes(command))
    .flatMap((line) => line.match(/(?<=[\s+(])--[a-z][a-z-]*/g) ?? []);
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
    expect(flags).toEqual(expect.arrayContaining(['--json', '--junit']));
    for (const flag of flags)
      expect(help, `errata-contract --spec has no ${flag}`).toMatch(new RegExp(`^\\s+${flag}\\b`, 'm'));
  });

  it('annotates: errata-contract --format github, whose help lists that format', () => {
    const help = execFileSync(
      'node',
      [join(repo, 'packages/contract/bin/errata-contract.js'), '--spec', 'x', '--help'],
      {
        encoding: 'utf8',
      },
    );
    expect(flagsOf(scripts[0]!.text, 'npx errata-contract')).toEqual(
      expect.arrayContaining(['--format', '--max-simulated']),
    );
    expect(flagsOf(scripts[0]!.text, 'only+=')).toEqual(['--only']); // one per operation, through a bash array
    expect(scripts[0]!.text).toContain('--format github');
    expect(help).toMatch(/--format <text\|github>/);
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
