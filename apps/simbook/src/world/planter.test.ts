// The planted arbitrage looks like the real thing: a book lagging a market move, at
// 1-2% typically and rarely above 5%; a small share of palpable errors, which the
// hub's outlier guard catches and lag plants never trip; and every book's own
// markets keep a positive margin at all times, plants of palpable errors aside.
import { lookupIn, outlierLeg } from '@arbhub/odds';
import type { EngineQuote } from '@arbhub/odds';
import { describe, expect, it } from 'vitest';
import type { PlantedArb } from './planter.js';
import { lineOf } from './planter.js';
import { MARGIN_RANGE, overround } from './prices.js';
import { World } from './world.js';
import type { Listing } from './world.js';

/** Every price of a fixture as the hub's engine holds it: one orientation, the side's own line. */
function quotesOf(world: World, fixtureId: string): EngineQuote[] {
  const fixture = world.fixtures.find((f) => f.id === fixtureId);
  if (!fixture) return [];
  // The world keeps every price in the fixture's orientation (a swapped book's feed turns it).
  return world.listingsOf(fixture).flatMap((listing: Listing) =>
    listing.prices.map((price) => ({
      book: listing.book,
      bookEventId: listing.eventId,
      market: price.market.market,
      period: price.market.period,
      line: lineOf(price) ?? undefined,
      side: price.side,
      odds: price.quote.decimal,
      ts: 0,
    })),
  );
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

describe('planted arbitrage', () => {
  const clock = { t: Date.parse('2026-11-28T09:00:00Z'), now: () => clock.t };
  const world = new World({ seed: 7, fixtures: 150, arbRate: 40, palpableShare: 0.1 }, clock);
  const seen = new Map<string, { arb: PlantedArb; outliers: boolean[] }>();
  let worstMargin = Infinity;
  let highestMargin = -Infinity;
  let heldMarkets = 0;
  for (let tick = 0; tick < 600; tick += 1) {
    clock.t += 1000;
    world.tick();
    for (const arb of world.arbs()) {
      if (seen.has(arb.id) || arb.closedAt !== null) continue;
      const quotes = lookupIn(quotesOf(world, arb.fixtureId));
      seen.set(arb.id, {
        arb,
        outliers: arb.legs.map((leg) => outlierLeg({ ...leg, line: leg.line ?? undefined }, quotes)),
      });
    }
    for (const list of world.listings.values())
      for (const listing of list) {
        if (listing.removedAt !== undefined) continue;
        for (const market of listing.markets) {
          // A palpable error is the one deliberate exception; its market is held by the plant.
          if (
            market.some((p) => p.frozen) &&
            listing.prices.some((p) => p.frozen) &&
            palpableHolds(world, listing)
          ) {
            heldMarkets += 1;
            continue;
          }
          const margin = overround(market.map((p) => p.quote));
          worstMargin = Math.min(worstMargin, margin);
          highestMargin = Math.max(highestMargin, margin);
        }
      }
  }
  const plants = [...seen.values()];
  const lags = plants.filter((p) => p.arb.cause === 'lag');
  const palpable = plants.filter((p) => p.arb.cause === 'palpable');

  it('plants mostly lags of one book behind a market move, with a small share of palpable errors', () => {
    console.log(
      `plants: ${plants.length} (${lags.length} lag, ${palpable.length} palpable); kinds ${JSON.stringify(Object.fromEntries([...new Set(lags.map((p) => p.arb.kind))].map((k) => [k, lags.filter((p) => p.arb.kind === k).length])))}`,
    );
    expect(lags.length).toBeGreaterThan(100);
    expect(palpable.length).toBeGreaterThan(5);
    expect(palpable.length / plants.length).toBeLessThan(0.2);
    expect(new Set(lags.map((p) => p.arb.kind))).toEqual(
      new Set(['pair', 'quarter', 'cross', 'triple', 'total']),
    );
    // Every leg at a different book.
    for (const { arb } of plants) expect(new Set(arb.legs.map((l) => l.book)).size).toBe(arb.legs.length);
  });

  it('gives lag plants a profit of median 1-2% and 95th percentile under 5%', () => {
    const profits = lags.map((p) => (p.arb.returnRatio - 1) * 100).sort((a, b) => a - b);
    const all = plants.map((p) => (p.arb.returnRatio - 1) * 100).sort((a, b) => a - b);
    console.log(
      `lag profit % p5 ${quantile(profits, 0.05).toFixed(2)}, median ${quantile(profits, 0.5).toFixed(2)}, p95 ${quantile(profits, 0.95).toFixed(2)}, max ${profits.at(-1)?.toFixed(2)}; ` +
        `all plants median ${quantile(all, 0.5).toFixed(2)}, p95 ${quantile(all, 0.95).toFixed(2)}; palpable min ${Math.min(...palpable.map((p) => (p.arb.returnRatio - 1) * 100)).toFixed(2)}`,
    );
    expect(quantile(profits, 0.5)).toBeGreaterThanOrEqual(1);
    expect(quantile(profits, 0.5)).toBeLessThanOrEqual(2);
    expect(quantile(profits, 0.95)).toBeLessThan(5);
    expect(profits[0]).toBeGreaterThan(0);
  });

  it('never trips the outlier guard with a lag plant, and always with a palpable one', () => {
    const lagOutliers = lags.filter((p) => p.outliers.some(Boolean)).map((p) => p.arb.id);
    expect(lagOutliers).toEqual([]);
    for (const p of palpable) expect(p.outliers[0], p.arb.id).toBe(true);
  });

  it('keeps every book’s own markets at a positive margin (1.5% to 7%) at every tick', () => {
    console.log(
      `own-market overround from ${(worstMargin * 100).toFixed(2)}% to ${(highestMargin * 100).toFixed(2)}% (${heldMarkets} palpable market-ticks left out)`,
    );
    expect(worstMargin).toBeGreaterThanOrEqual(MARGIN_RANGE.min - 1e-9);
    expect(highestMargin).toBeLessThanOrEqual(MARGIN_RANGE.max + 1e-9);
  });
});

/** Whether a listing currently holds a palpable error (its market may be mispriced on purpose). */
function palpableHolds(world: World, listing: Listing): boolean {
  return world
    .arbs()
    .some(
      (a) =>
        a.cause === 'palpable' &&
        a.closedAt === null &&
        a.book === listing.book &&
        a.legs[0]?.eventId === listing.eventId,
    );
}
