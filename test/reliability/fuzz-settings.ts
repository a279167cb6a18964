/**
 * How many cases each property and fuzz test runs. CI uses a fixed seed and modest counts;
 * `npm run fuzz` (COORDLINT_FUZZ_RUNS=…) runs many more, with a fresh seed unless
 * COORDLINT_FUZZ_SEED is given. A failure prints the seed and the path that replay it.
 */
export function fuzzOptions(ciRuns: number): { numRuns: number; seed: number } {
  const runs = Number(process.env.COORDLINT_FUZZ_RUNS ?? '');
  const seed = Number(process.env.COORDLINT_FUZZ_SEED ?? '');
  const onDemand = Number.isInteger(runs) && runs > 0;
  return {
    numRuns: onDemand ? runs : ciRuns,
    seed: Number.isInteger(seed) && process.env.COORDLINT_FUZZ_SEED !== undefined ? seed : onDemand ? Date.now() % 2 ** 31 : 20261122,
  };
}

/** A test timeout that grows with the number of runs (the CI counts finish in seconds). */
export function fuzzTimeout(ciRuns: number, perRunMs: number): number {
  return Math.max(60_000, fuzzOptions(ciRuns).numRuns * perRunMs * 4);
}
