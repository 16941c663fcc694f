// The files the house rules read: what git tracks plus new files it would track (untracked, not
// ignored), so a guard sees what a commit holds and never a build output, node_modules or a
// file deleted in the working tree.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root. */
const root = join(import.meta.dirname, '..', '..');

/**
 * The repository's files whose path (relative to the root, `/`-separated) matches `pattern`, sorted.
 *
 * @example
 * repoFiles(/\.test\.ts$/); // ['apps/docs/src/html.test.ts', …]
 */
export function repoFiles(pattern: RegExp): string[] {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const paths = new Set(listed.split('\0').filter((path) => path !== '' && pattern.test(path)));
  return [...paths].filter((path) => existsSync(join(root, path))).sort();
}

/**
 * A repository file's lines, without their line breaks.
 *
 * @example
 * fileLines('package.json')[0]; // '{'
 */
export function fileLines(path: string): string[] {
  return readFileSync(join(root, path), 'utf8').split(/\r?\n/);
}
