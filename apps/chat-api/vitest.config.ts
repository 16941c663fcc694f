import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'chat-api',
    include: ['src/**/*.test.ts'],
    testTimeout: 120_000,
  },
});
