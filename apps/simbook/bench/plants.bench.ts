// Benchmark: what the simulator's planted arbitrage looks like. 150 fixtures, 40 plants
// a minute (10% palpable), 600 one-second ticks on a simulated clock: how many plants of
// each cause and shape, their profit (lag plants: median, 95th percentile, max), and
// every book's own-market overround over every tick (palpable errors' markets aside).
import { quantile, round, writeResult } from '../../../bench/util.js';
import { overround } from '../src/world/prices.js';
import { World } from '../src/world/world.js';

const TICKS = Number(process.env.BENCH_TICKS ?? 600);
const clock = { t: Date.parse('2026-11-28T09:00:00Z'), now: () => clock.t };
const world = new World({ seed: 7, fixtures: 150, arbRate: 40, palpableShare: 0.1 }, clock);
let low = Infinity;
let high = -Infinity;
const started = performance.now();
for (let tick = 0; tick < TICKS; tick += 1) {
  clock.t += 1000;
  world.tick();
  const erring = new Set(
    world
      .arbs()
      .filter((a) => a.cause === 'palpable' && a.closedAt === null)
      .map((a) => `${a.book}|${a.legs[0]?.eventId ?? ''}`),
  );
  for (const list of world.listings.values())
    for (const listing of list) {
      if (listing.removedAt !== undefined || erring.has(`${listing.book}|${listing.eventId}`)) continue;
      for (const market of listing.markets) {
        const margin = overround(market.map((p) => p.quote));
        low = Math.min(low, margin);
        high = Math.max(high, margin);
      }
    }
}
const ms = performance.now() - started;
const plants = world.arbs();
const profit = (cause: string) =>
  plants
    .filter((p) => p.cause === cause)
    .map((p) => (p.returnRatio - 1) * 100)
    .sort((a, b) => a - b);
const lag = profit('lag');
const palpable = profit('palpable');
const kinds = Object.fromEntries(
  [...new Set(plants.map((p) => p.kind))].map((k) => [
    k,
    plants.filter((p) => p.kind === k && p.cause === 'lag').length,
  ]),
);
const result = {
  what: 'planted arbitrage of the simulator: 150 fixtures, 40 plants a minute (10% palpable), simulated 1 s ticks',
  ticks: TICKS,
  plants: plants.length,
  lag: lag.length,
  palpable: palpable.length,
  lagKinds: kinds,
  lagProfitPct: {
    p5: round(quantile(lag, 0.05)),
    p50: round(quantile(lag, 0.5)),
    p95: round(quantile(lag, 0.95)),
    max: round(lag.at(-1) ?? NaN),
  },
  palpableProfitPct: { min: round(palpable[0] ?? NaN), p50: round(quantile(palpable, 0.5)) },
  ownMarketOverroundPct: { min: round(low * 100), max: round(high * 100) },
  msPerTick: round(ms / TICKS),
};
console.log(JSON.stringify(writeResult('simbook-plants', result), null, 2));
