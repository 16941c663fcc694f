import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'spec',
    include: ['**/*.test.ts'],
    exclude: ['dist/**', 'node_modules/**'],
    testTimeout: 60_000,
    // rules.test.ts lints every broken fixture in one redocly run in beforeAll; on a loaded machine that takes longer than 10 s.
    hookTimeout: 120_000,
  },
});
