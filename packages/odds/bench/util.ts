// Shared by the odds benchmarks: random draws and timing; percentiles, rounding and
// writing results come from the repository's bench/util.ts.
export { seededRandom as seeded } from '@arbhub/odds';
export { quantile, round, writeResult } from '../../../bench/util.js';

/** A standard normal draw (Box-Muller). */
export function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Calls `fn` over `inputs` round-robin for about `ms` milliseconds; returns calls per second. */
export function rate<T>(inputs: readonly T[], fn: (input: T) => unknown, ms = 1000): number {
  for (let i = 0; i < Math.min(inputs.length, 2000); i += 1) fn(inputs[i] as T); // warm-up
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 1000; i += 1) fn(inputs[(calls + i) % inputs.length] as T);
    calls += 1000;
    elapsed = performance.now() - start;
  }
  return (calls / elapsed) * 1000;
}
