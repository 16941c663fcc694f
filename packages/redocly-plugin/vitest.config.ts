import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'redocly-plugin',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    // rules.test.ts lints every broken fixture in one redocly run in beforeAll; on a loaded machine
    // that takes longer than 10 s.
    hookTimeout: 120_000,
  },
});
