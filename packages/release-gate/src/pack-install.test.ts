// The publishable packages, packed as they would be published, installed into a scratch project
// outside the workspace: a TypeScript consumer must compile against them and run.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSpecModel, type OpenApiDocument } from '@errata/spec-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '../../..');
const PACKAGES = ['redact', 'spec-model', 'types', 'client', 'contract'];
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'errata-consumer-'));
  for (const name of PACKAGES) {
    execFileSync('pnpm', ['pack', '--pack-destination', scratch], {
      cwd: join(repo, 'packages', name),
      stdio: 'ignore',
    });
  }
  const tarballs = readdirSync(scratch).filter((file) => file.endsWith('.tgz'));
  writeFileSync(
    join(scratch, 'package.json'),
    JSON.stringify({ name: 'errata-consumer', private: true, type: 'module' }),
  );
  writeFileSync(
    join(scratch, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        skipLibCheck: false,
        types: ['node'],
        outDir: 'out',
      },
      files: ['consumer.ts'],
    }),
  );
  copyFileSync(join(import.meta.dirname, '../test/consumer/consumer.ts'), join(scratch, 'consumer.ts'));
  // npm, not pnpm: the scratch project must not see the workspace. Tarballs first, so that the
  // client's dependencies on @errata/types and @errata/redact resolve to the packed ones.
  execFileSync(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      ...tarballs.map((t) => `./${t}`),
      'typescript@5.9.3',
      '@types/node@20',
    ],
    { cwd: scratch, stdio: 'ignore' },
  );
}, 300_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('packed packages', () => {
  it('compile in a TypeScript consumer', () => {
    expect(() =>
      execFileSync(join(scratch, 'node_modules/.bin/tsc'), ['-p', '.'], { cwd: scratch, encoding: 'utf8' }),
    ).not.toThrow();
  });

  it('run in that consumer', () => {
    const out = JSON.parse(execFileSync(process.execPath, ['out/consumer.js'], { cwd: scratch, encoding: 'utf8' }));
    expect(out).toMatchObject({
      known: true,
      message: 'Model echo-1 does not exist.',
      transportError: 'CONNECTION_ERROR',
      spec: '3.1.0',
      redacted: 'key [redacted], Bearer [redacted]',
    });
    // The packed types carry the workspace's spec, whole: its catalog and runModel's codes.
    const spec = createSpecModel(createRequire(import.meta.url)('@errata/spec/openapi.json') as OpenApiDocument);
    expect(out.codes).toBe(spec.errors.size);
    expect(out.runModelCodes).toBe(spec.operation('runModel')?.responses.flatMap((r) => r.codes).length);
    expect(out.describe).toBe('RATE_LIMIT_EXCEEDED: retry after_retry_after after 3s');
  });

  it('link the client’s errata bin, and `errata explain` runs from the packed build', () => {
    const body = '{"error":{"code":429,"message":"Quota exceeded.","status":"RESOURCE_EXHAUSTED"}}';
    const out = JSON.parse(
      execFileSync(join(scratch, 'node_modules/.bin/errata'), ['explain', '--json', '--provider', 'gemini', body], {
        cwd: scratch,
        encoding: 'utf8',
      }),
    );
    expect(out).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', recognised: true, origin: { provider: 'gemini' } });
  });
});
