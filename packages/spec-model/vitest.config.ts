import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'spec-model',
    include: ['src/**/*.test.ts'],
  },
});
