// Every TypeScript example in the README is a file in examples/ (type-checked by `pnpm typecheck`), with
// the package's entry points ('@errata/client', '/normalize', '/queue', '/stream', '/telemetry') for the
// relative imports.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());
const examples = readdirSync(join(root, 'examples')).map((file) => ({
  file,
  text: readFileSync(join(root, 'examples', file), 'utf8')
    .replaceAll("'../src/index.js'", "'@errata/client'")
    .replaceAll("'../src/normalize-error.js'", "'@errata/client/normalize'")
    .replaceAll("'../src/queue.js'", "'@errata/client/queue'")
    .replaceAll("'../src/stream.js'", "'@errata/client/stream'")
    .replaceAll("'../src/telemetry.js'", "'@errata/client/telemetry'")
    .trim(),
}));

describe('README examples', () => {
  it('has one block per example file', () => {
    expect(blocks.length).toBe(examples.length);
  });

  it.each(blocks.map((block, i) => ({ i, block })))('block $i is an examples/ file verbatim', ({ block }) => {
    expect(examples.map((e) => e.text)).toContain(block);
  });

  it('opens with a runnable example of at most 20 lines', () => {
    expect(blocks[0]!.split('\n').length).toBeLessThanOrEqual(20);
  });
});
