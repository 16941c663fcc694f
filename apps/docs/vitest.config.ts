import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'docs',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Browser tests start Chromium and wait for Redoc to render the whole API.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
