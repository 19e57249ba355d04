// What every benchmark shares: percentiles, rounding for display, and writing its
// figures to bench/results/<name>.json (the folder `npm run bench` fills).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** bench/results/ of the repository. */
export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'results');

/** The q-quantile (0..1) of sorted values, nearest rank; NaN for none. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** Rounds for display and JSON: 3 significant digits, at least the integer. */
export function round(value: number): number {
  return Math.abs(value) >= 1000 ? Math.round(value) : Number(value.toPrecision(3));
}

/** Writes bench/results/<name>.json (name, date and Node version, then the figures) and returns what it wrote. */
export function writeResult(name: string, figures: Record<string, unknown>): Record<string, unknown> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.json`);
  const body = { name, date: new Date().toISOString(), node: process.version, ...figures };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  console.log(`wrote ${file}`);
  return body;
}
