// The @errata packages a script installs, and the @errata packages they depend on, built and packed
// with `pnpm pack` (which writes workspace ranges as the versions npm will resolve).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Manifest {
  name: string;
  private?: boolean;
  dependencies?: Record<string, string>;
}

const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

/**
 * Packs every @errata package `script` names, with their @errata dependencies, into `into`.
 *
 * @example
 * packScope('/work/errata', 'npm i -D @errata/contract', '/tmp/tarballs');
 * // ['@errata/contract', '@errata/redact', '@errata/spec-model', '@errata/types']
 */
export function packScope(repo: string, script: string, into: string): string[] {
  const dirs = ['spec', ...readdirSync(join(repo, 'packages')).map((name) => join('packages', name))];
  const workspace = new Map(dirs.map((dir) => [manifest(join(repo, dir)).name, join(repo, dir)]));
  const wanted = new Set(script.match(/@errata\/[a-z-]+/g) ?? []);
  for (const name of wanted) {
    const dir = workspace.get(name);
    if (!dir) throw new Error(`the guide installs ${name}, which is no package of this repository`);
    const { private: isPrivate, dependencies = {} } = manifest(dir);
    if (isPrivate) throw new Error(`the guide installs ${name}, which is private (never published)`);
    for (const dependency of Object.keys(dependencies)) if (dependency.startsWith('@errata/')) wanted.add(dependency);
  }
  const names = [...wanted].sort();
  // Cached when `pnpm test` has built them; a build of its own when this file runs alone.
  const filters = names.map((name) => `--filter=${name}`);
  execFileSync('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only', ...filters], {
    cwd: repo,
    stdio: 'pipe',
  });
  for (const name of names)
    execFileSync('pnpm', ['pack', '--pack-destination', into], { cwd: workspace.get(name)!, stdio: 'pipe' });
  return names;
}
