import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'redact',
    include: ['src/**/*.test.ts'],
  },
});
