import { defineConfig } from 'vitest/config';

// One test run for the whole monorepo: each workspace folder with a vitest.config.ts is a project,
// docs/adopt runs the adopter guide from packed packages, and test/ at the root holds the house rules
// that span them (e.g. no test sleeps).
export default defineConfig({
  test: {
    projects: [
      'spec',
      'packages/*',
      'apps/*',
      'docs/adopt',
      { test: { name: 'house-rules', include: ['test/**/*.test.ts'] } },
    ],
  },
});
