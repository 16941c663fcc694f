import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'types',
    include: ['src/**/*.test.ts'],
    // Type tests (*.test-d.ts) are checked by tsc: a wrong type fails `pnpm test`.
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
