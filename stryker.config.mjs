// Mutation testing of the rules and the metrics and graph code they stand on: `npm run mutation`.
// Not part of CI (it takes hours on two cores); docs/testing.md records the last score.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: ['rules/**/*.ts', '!rules/index.ts', 'src/metrics/**/*.ts', 'src/graph/**/*.ts'],
  coverageAnalysis: 'perTest',
  // Stryker marks TypeScript files @ts-nocheck; the fixtures' code must stay as written (their
  // expected findings name lines).
  disableTypeChecks: '{rules,src}/**/*.ts',
  concurrency: 1,
  timeoutMS: 60_000,
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  tempDirName: '.stryker-tmp',
  // A run that is stopped resumes where it was: results are kept per mutant.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  thresholds: { high: 85, low: 70, break: null },
};
