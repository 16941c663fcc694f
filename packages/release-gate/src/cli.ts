#!/usr/bin/env node
// errata-release-gate check     compare spec/dist with spec/released and the pending changesets (CI)
// errata-release-gate snapshot  record spec/dist as the released spec (the release step)
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formatReport, runGate } from './gate.js';

const [command = 'check'] = process.argv.slice(2);
const root = process.cwd();

if (command === 'check') {
  const report = await runGate({ root });
  console.log(formatReport(report));
  process.exitCode = report.failures.length ? 1 : 0;
} else if (command === 'snapshot') {
  const target = join(root, 'spec/released/openapi.json');
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(root, 'spec/dist/openapi.json'), target);
  console.log(
    'Recorded spec/dist/openapi.json as the released spec (spec/released/openapi.json). ' +
      'Commit it with the version bump.',
  );
} else {
  console.error(`Unknown command "${command}". Usage: errata-release-gate check | snapshot`);
  process.exitCode = 2;
}
