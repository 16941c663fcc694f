// The README's example is examples/quick-start.ts verbatim (type-checked by `pnpm typecheck`);
// importing it runs its assertions.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const block = readme.match(/```ts\n([\s\S]*?)```/)?.[1]?.trim();
const example = readFileSync(join(root, 'examples/quick-start.ts'), 'utf8')
  .replaceAll("'../src/index.js'", "'@errata/redact'")
  .trim();

describe('README example', () => {
  it('is examples/quick-start.ts verbatim, at most 20 lines', () => {
    expect(block).toBe(example);
    expect(example.split('\n').length).toBeLessThanOrEqual(20);
  });

  it('runs: every assertion in it holds', async () => {
    await expect(import('../examples/quick-start.js')).resolves.toBeDefined();
  });
});
