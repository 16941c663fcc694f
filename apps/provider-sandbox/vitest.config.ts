import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'provider-sandbox',
    include: ['src/**/*.test.ts'],
    testTimeout: 120_000,
  },
});
