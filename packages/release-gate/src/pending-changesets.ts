/**
 * What the pending changesets will release, and which publishable packages changed since the last
 * release without a changeset — both read with Changesets' own libraries, so the gate agrees
 * with `changeset version`.
 */

import { execFileSync } from 'node:child_process';
import getReleasePlan from '@changesets/get-release-plan';
import { getChangedPackagesSinceRef } from '@changesets/git';
import type { Bump } from './impact.js';

// Files whose change a package's users would notice (tests and fixtures are not among them).
const USER_FACING = ['src/**', '!src/**/*.test.ts', '!src/**/*.test-d.ts', 'package.json', 'README.md', 'scripts/**'];

export interface PendingRelease {
  /** The bump the pending changesets give each package (dependents included). */
  bumps: Map<string, Bump>;
  /** Publishable packages changed since `sinceRef` that no pending changeset names. */
  missing: string[];
}

export async function pendingRelease(root: string, sinceRef: string | undefined): Promise<PendingRelease> {
  const plan = await getReleasePlan(root);
  const bumps = new Map<string, Bump>(plan.releases.map((release) => [release.name, release.type]));
  if (!sinceRef) return { bumps, missing: [] };
  const named = new Set(plan.changesets.flatMap((changeset) => changeset.releases.map((release) => release.name)));
  const changed = await getChangedPackagesSinceRef({ cwd: root, ref: sinceRef, changedFilePatterns: USER_FACING });
  const missing = changed
    .filter((pkg) => !pkg.packageJson.private && !named.has(pkg.packageJson.name))
    .map((pkg) => pkg.packageJson.name);
  return { bumps, missing };
}

/** The commit that last wrote the released spec: the last release. */
export function lastReleaseCommit(root: string, releasedSpec: string): string | undefined {
  try {
    const sha = execFileSync('git', ['log', '-1', '--format=%H', '--', releasedSpec], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return sha || undefined;
  } catch {
    return undefined;
  }
}
