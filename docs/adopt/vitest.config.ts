import { defineProject } from 'vitest/config';

// The adopter path: the guide, the copyable workflow and the composite action, run from packed
// packages installed with npm (adopter-path.test.ts needs the npm registry and takes minutes).
export default defineProject({
  test: {
    name: 'adopt',
    include: ['test/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
