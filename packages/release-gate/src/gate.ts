import { join } from 'node:path';
import { classifySpecChanges } from './classify.js';
import { type Bump, isAtLeast, requiredBump, type SpecChange } from './impact.js';
import { lastReleaseCommit, pendingRelease } from './pending-changesets.js';

export interface GateOptions {
  /** Repository root (where .changeset/ is). */
  root: string;
  /** The spec as last released, relative to root. */
  released?: string;
  /** The spec as it is now (bundled), relative to root. */
  current?: string;
  /** The package that ships the spec, and so carries its bump. */
  specPackage?: string;
}

export interface GateReport {
  changes: SpecChange[];
  required: Bump;
  pending: Bump;
  missingChangesets: string[];
  failures: string[];
}

/**
 * Compares the current spec with the released one and the pending changesets with what the
 * changes require. `failures` is empty when a release may go ahead.
 *
 * @example
 * const report = await runGate({ root: process.cwd() });
 * if (report.failures.length) process.exit(1);
 */
export async function runGate(options: GateOptions): Promise<GateReport> {
  const {
    root,
    released = 'spec/released/openapi.json',
    current = 'spec/dist/openapi.json',
    specPackage = '@errata/types',
  } = options;
  const changes = await classifySpecChanges(join(root, released), join(root, current));
  const required = requiredBump(changes);
  const { bumps, missing } = await pendingRelease(root, lastReleaseCommit(root, released));
  const pending = bumps.get(specPackage) ?? 'none';
  const failures: string[] = [];
  if (!isAtLeast(pending, required)) {
    failures.push(
      `The spec changes require a ${required} release of ${specPackage}, ` +
        `but the pending changesets give it ${pending}. ` +
        `Run \`pnpm changeset\` and choose ${required} for ${specPackage}, ` +
        `or undo the changes marked ${required} above.`,
    );
  }
  for (const name of missing)
    failures.push(
      `${name} changed since the last release but no pending changeset names it. Run \`pnpm changeset\` to add one.`,
    );
  return { changes, required, pending, missingChangesets: missing, failures };
}

/** The report as text, one change per line, most severe first. */
export function formatReport(report: GateReport, specPackage = '@errata/types'): string {
  const order = { major: 0, minor: 1, patch: 2 };
  const lines = [`Spec changes since the last release: ${report.changes.length}`];
  for (const c of [...report.changes].sort((a, b) => order[a.impact] - order[b.impact])) {
    lines.push(`  ${c.impact.padEnd(5)}  ${c.rule.padEnd(28)} ${c.message} [${c.source}]`);
  }
  lines.push(`Required bump for ${specPackage}: ${report.required}; pending changesets give: ${report.pending}.`);
  lines.push(...(report.failures.length ? report.failures.map((f) => `✗ ${f}`) : ['✓ Release gate passed.']));
  return lines.join('\n');
}
