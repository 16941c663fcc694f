// The gate end to end, in a scratch git repository laid out like Errata's: a released spec, the
// current spec, a workspace package and pending changesets.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runGate } from './gate.js';

const released = parse(readFileSync(join(import.meta.dirname, '../test/fixtures/released.yaml'), 'utf8'));
const changesetConfig = readFileSync(join(import.meta.dirname, '../../../.changeset/config.json'), 'utf8');

function write(root: string, file: string, content: string) {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), content);
}
const git = (root: string, ...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });

/** A repository whose last release recorded `released`, with `current` as the spec now. */
function scratchRepo(current: object, changesets: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'errata-release-'));
  write(root, 'package.json', JSON.stringify({ name: 'scratch', private: true }));
  write(root, 'pnpm-workspace.yaml', 'packages:\n  - packages/*\n');
  write(root, 'packages/types/package.json', JSON.stringify({ name: '@errata/types', version: '1.0.0' }));
  write(root, 'packages/types/src/index.ts', 'export {};\n');
  write(root, 'packages/client/package.json', JSON.stringify({ name: '@errata/client', version: '1.0.0' }));
  write(root, 'packages/client/src/index.ts', 'export {};\n');
  write(root, '.changeset/config.json', changesetConfig);
  write(root, 'spec/released/openapi.json', JSON.stringify(released));
  write(root, 'spec/dist/openapi.json', JSON.stringify(released));
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'release 1.0.0');
  write(root, 'spec/dist/openapi.json', JSON.stringify(current));
  for (const [name, body] of Object.entries(changesets)) write(root, `.changeset/${name}.md`, body);
  return root;
}

const withoutRateLimitCode = () => {
  const doc = structuredClone(released);
  delete doc.components.schemas.RATE_LIMIT_EXCEEDED;
  doc.components.responses.TooManyRequests.content['application/json'].schema.oneOf = [
    { $ref: '#/components/schemas/INTERNAL_ERROR' },
  ];
  return doc;
};
const changeset = (bump: string) => `---\n"@errata/types": ${bump}\n---\n\nA user-facing sentence.\n`;

describe('runGate', () => {
  it('rejects a removed code released with only a minor changeset', async () => {
    const root = scratchRepo(withoutRateLimitCode(), { 'drop-code': changeset('minor') });
    const report = await runGate({ root });
    expect(report.required).toBe('major');
    expect(report.pending).toBe('minor');
    expect(report.changes).toContainEqual(expect.objectContaining({ impact: 'major', rule: 'code-removed' }));
    expect(report.failures.join('\n')).toMatch(
      /require a major release of @errata\/types, but the pending changesets give it minor/,
    );
    rmSync(root, { recursive: true, force: true });
  });

  it('accepts the same change with a major changeset', async () => {
    const root = scratchRepo(withoutRateLimitCode(), { 'drop-code': changeset('major') });
    const report = await runGate({ root });
    expect(report.failures).toEqual([]);
    rmSync(root, { recursive: true, force: true });
  });

  it('rejects a spec change with no changeset at all', async () => {
    const doc = structuredClone(released);
    doc.components.schemas.MODEL_NOT_FOUND.description = 'Reworded.';
    const root = scratchRepo(doc, {});
    const report = await runGate({ root });
    expect(report).toMatchObject({ required: 'patch', pending: 'none' });
    expect(report.failures).toHaveLength(1);
    rmSync(root, { recursive: true, force: true });
  });

  it('names a package changed since the release without a changeset, with the command to add one', async () => {
    const root = scratchRepo(released, { types: changeset('patch') });
    write(root, 'packages/client/src/index.ts', 'export const changed = true;\n');
    git(root, 'add', '-A');
    git(root, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'change the client');
    const report = await runGate({ root });
    expect(report.missingChangesets).toEqual(['@errata/client']);
    expect(report.failures.join('\n')).toContain(
      '@errata/client changed since the last release but no pending changeset names it. Run `pnpm changeset`',
    );
    rmSync(root, { recursive: true, force: true });
  });
});
