// Shared by the benchmarks: timing, percentiles, and writing results.
export { seededRandom as seeded } from '@arbhub/odds';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bench', 'results');

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

/** The q-quantile (0..1) of sorted values. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** Rounds for display and JSON: 3 significant digits, at least the integer. */
export function round(value: number): number {
  return Math.abs(value) >= 1000 ? Math.round(value) : Number(value.toPrecision(3));
}

/** Writes bench/results/<name>.json with the machine it ran on. */
export function writeResult(name: string, figures: Record<string, unknown>): void {
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, `${name}.json`);
  const body = { name, date: new Date().toISOString(), node: process.version, ...figures };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  console.log(`wrote ${file}`);
}
