/**
 * The generic layer: Redocly CLI's `diff` (experimental, OpenAPI 3.1-aware) rates every structural
 * change — removed paths, operations, parameters, response fields, newly required request fields.
 * Errata keeps its verdicts except where the catalog rules know better (error codes in responses,
 * `x-error` metadata): there Redocly's generic reading is wrong for Errata (it rates a code added
 * to an error response as major, and a changed retry policy as patch).
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Impact, SpecChange } from './impact.js';

interface RedoclyChange {
  path: string;
  typeName: string;
  kind: 'added' | 'removed' | 'modified';
  impact: Impact | 'none';
  property?: string;
  verdicts: { ruleId: string; message: string; impact: Impact }[];
}

const diffConfig = fileURLToPath(new URL('../redocly.diff.yaml', import.meta.url));
const redoclyBin = (() => {
  const pkg = createRequire(import.meta.url).resolve('@redocly/cli/package.json');
  return join(dirname(pkg), 'bin/cli.js');
})();

// Changes the catalog rules classify instead: an error schema added to or removed from an error
// response's oneOf, and anything inside x-error.
const OWNED_BY_CATALOG = [/\/responses\/[45]\d\d\/content\/application~1json\/schema\/oneOf\/\d+$/, /\/x-error(\/|$)/];

export async function genericChanges(baseFile: string, revisionFile: string): Promise<SpecChange[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [redoclyBin, 'diff', baseFile, revisionFile, '--config', diffConfig, '--format', 'json', '--fail-on', 'none'],
    {
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    },
  );
  const report = JSON.parse(stdout) as { changes: RedoclyChange[] };
  return report.changes
    .filter((c) => !OWNED_BY_CATALOG.some((pattern) => pattern.test(c.path)))
    .map((c) => ({
      // Redocly rates example-only edits `none`; Errata releases every published change, as a patch at least.
      impact: c.impact === 'none' ? ('patch' as const) : c.impact,
      rule: c.verdicts[0]?.ruleId ?? `${c.typeName.toLowerCase()}-${c.kind}`,
      message:
        c.verdicts.map((v) => v.message).join(' ') ||
        `${c.typeName} ${c.kind}${c.property ? ` (${c.property})` : ''} at ${decodePointer(c.path)}.`,
      source: 'redocly' as const,
    }));
}

function decodePointer(pointer: string): string {
  return pointer.replace(/^#/, '').replace(/~1/g, '/').replace(/~0/g, '~');
}
