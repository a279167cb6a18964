import { defineConfig } from 'vitest/config';

// The tests mutation testing runs against each mutant (`npm run mutation`): the tests that state
// what rules, metrics and graphs compute. The reliability suite (fuzz, a 100,000-agent chain)
// and the CLI and architecture tests add minutes per mutant and kill no more of them.
export default defineConfig({
  test: {
    include: ['test/rules/**/*.test.ts', 'test/metrics/**/*.test.ts', 'test/graph/**/*.test.ts', 'test/engine/**/*.test.ts', 'test/fixtures.test.ts', 'test/meta.test.ts'],
    testTimeout: 30_000,
  },
});
