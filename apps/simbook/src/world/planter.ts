// Planted arbitrage, shaped the way real arbitrage comes about. Mostly a market move
// that one book is slow to follow: the fixture's expected goals shift, every other
// book reprices at once, and the lagging book keeps its old prices for a few seconds.
// Now and then a palpable error: one book prices one market far off the market (its
// own margin intact), for the hub's `outlier` guard to catch. Every plant is checked
// with calculate() on the books' own rounded prices before it opens, and recorded
// with its times.
import { calculate } from '@arbhub/odds';
import { PLANT_KINDS } from '@arbhub/schema';
import type { Clock, MarketType, Period, PlantCause, PlantKind, Side } from '@arbhub/schema';
import { isQuarter, legsFor, lineOf, moved } from './plant-shapes.js';
import type { PlantPick } from './plant-shapes.js';
import { priceKey, priceMarket } from './prices.js';
import type { Quote } from './prices.js';
import type { BookId } from './teams.js';
import type { Fixture, Listing, Price, World } from './world.js';

export { lineOf } from './plant-shapes.js';

export interface PlantedLeg {
  book: BookId;
  eventId: string;
  market: MarketType;
  period: Period;
  /** ah: the handicap of the side (as /calc takes it); ou: the total; null for 1x2. */
  line: number | null;
  side: Side;
  odds: number;
}

export interface PlantedArb {
  id: string;
  fixtureId: string;
  kind: PlantKind;
  /** `lag`: a book slow to follow a market move; `palpable`: a price far off the market. */
  cause: PlantCause;
  /** The lagging book, or the one that made the error: the first leg's. */
  book: BookId;
  legs: PlantedLeg[];
  returnRatio: number;
  openedAt: number;
  closedAt: number | null;
  closesAt: number;
}

export interface PlanterOptions {
  /** The share of plants that are palpable errors (SIM_PALPABLE_SHARE). */
  palpableShare: number;
}

interface Held {
  arb: PlantedArb;
  prices: Price[];
}

/** Kickoffs of the legs' listings within this of each other: the hub's kickoff_mismatch guard fires beyond it. */
const KICKOFF_TOLERANCE_MS = 5 * 60_000;
/** No plant on a fixture this close to kickoff: the hub flags those starting_soon (10 min), books suspend. */
const KICKOFF_MARGIN_MS = 12 * 60_000;
/**
 * The most a lagging price may promise over the moved market's fair price: 8%, and 13%
 * for a cross-line pair (home -0.75 with away +1), which starts several percent short
 * of 100% at fair prices and so needs a bigger move (a team's line-up news, say). Both
 * stay well inside the hub's outlier guard (about 19%).
 */
const MAX_EDGE: Readonly<Record<PlantKind, number>> = {
  pair: 0.08,
  quarter: 0.08,
  cross: 0.13,
  triple: 0.08,
  total: 0.08,
};

export class Planter {
  readonly planted: PlantedArb[] = [];
  private readonly open: Held[] = [];
  private sequence = 0;

  constructor(
    private readonly world: World,
    private readonly random: () => number,
    private readonly clock: Clock,
    private readonly options: PlanterOptions = { palpableShare: 0.04 },
  ) {}

  /** One tick: close what is due, and open about `expected` new ones. */
  step(expected: number): void {
    const now = this.clock.now();
    for (let i = this.open.length - 1; i >= 0; i -= 1) {
      const held = this.open[i] as Held;
      if (held.arb.closesAt <= now || !this.stillListed(held)) {
        // The lagging book catches up; an erring book corrects its price.
        for (const price of held.prices) {
          delete price.frozen;
          price.dirty = true;
        }
        held.arb.closedAt = now;
        this.open.splice(i, 1);
      }
    }
    let budget = expected;
    while (budget > 0) {
      if (this.random() < Math.min(1, budget)) this.plant(now);
      budget -= 1;
    }
  }

  private stillListed(held: Held): boolean {
    return held.arb.legs.every((leg) => this.world.listed(leg.book).some((l) => l.eventId === leg.eventId));
  }

  /** Tries a few fixtures; plants the first that works (a palpable error at the configured share). */
  plant(now: number): PlantedArb | undefined {
    const palpable = this.random() < this.options.palpableShare;
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const fixture = this.world.fixtures[Math.floor(this.random() * this.world.fixtures.length)];
      if (!fixture) continue;
      const all = this.world.listingsOf(fixture);
      // Each book shows its own kickoff (a few minutes apart): the earliest counts.
      if (Math.min(...all.map((l) => l.kickoff)) - now < KICKOFF_MARGIN_MS) continue;
      // One plant per fixture at a time: a second move would blur the first one's truth.
      if (all.some((l) => l.prices.some((p) => p.frozen))) continue;
      const listings = this.shuffle(all.filter((l) => !l.swapped));
      const arb = palpable
        ? this.palpable(fixture, listings, all.length, now)
        : this.lag(fixture, listings, now);
      if (arb) return arb;
    }
    return undefined;
  }

  /** One book slow to follow a market move: the move is sized until the target profit appears. */
  private lag(fixture: Fixture, listings: Listing[], now: number): PlantedArb | undefined {
    const [slow, ...rest] = listings;
    if (!slow) return undefined;
    const others = rest.filter((l) => Math.abs(l.kickoff - slow.kickoff) <= KICKOFF_TOLERANCE_MS);
    const kind = PLANT_KINDS[Math.floor(this.random() * PLANT_KINDS.length)] ?? 'pair';
    const pick = legsFor(kind, slow, others, this.random() < 0.5);
    if (!pick) return undefined;
    const [first, ...counters] = pick;
    if (!first) return undefined;
    const target = 1 + this.targetProfit();
    for (let shift = 0.01; shift <= 0.6; shift += 0.01) {
      const lambda = moved(fixture.lambda, first.price.side, shift);
      const fair = this.world.fairUnder(fixture, lambda, slow.prices, now);
      // A market move of a few percent, not a landslide: past MAX_EDGE the slow book's
      // price would be an error, not a lag, and this kind of plant is given up.
      const edge = first.price.quote.decimal / (fair.get(priceKey(first.price)) ?? Infinity) - 1;
      if (edge > MAX_EDGE[kind]) return undefined;
      const moves = new Map<Price, Quote>();
      for (const { listing, price } of counters) {
        const market = listing.markets.find((m) => m.includes(price)) ?? [price];
        const quotes = this.world.quotesOf(listing.book, market, fair);
        moves.set(price, quotes[market.indexOf(price)] ?? price.quote);
      }
      const odds = pick.map(({ price }) => (moves.get(price) ?? price.quote).decimal);
      const z = this.returnOf(pick, odds);
      if (z < target) continue;
      // The market moves everywhere but at the slow book, which keeps what it shows now.
      fixture.lambda = lambda;
      delete fixture.fair;
      for (const price of slow.prices) price.frozen = price.quote;
      for (const [price, quote] of moves) {
        price.frozen = quote;
        price.dirty = true;
      }
      return this.record(fixture, kind, 'lag', pick, odds, z, now, [...slow.prices, ...moves.keys()]);
    }
    return undefined;
  }

  /** One book prices one two-way market as if the fair price were far longer: its margin stays, the price is wrong. */
  private palpable(
    fixture: Fixture,
    listings: Listing[],
    books: number,
    now: number,
  ): PlantedArb | undefined {
    // The hub's outlier guard needs the selection quoted at three books or more.
    const [wrong, ...rest] = listings;
    if (!wrong || books < 3) return undefined;
    const other = rest.find((l) => Math.abs(l.kickoff - wrong.kickoff) <= KICKOFF_TOLERANCE_MS);
    if (!other) return undefined;
    const twoWay = wrong.markets.filter((m) => m.length === 2 && m[0]?.market.period === 'ft');
    const market = twoWay[Math.floor(this.random() * twoWay.length)];
    const side = Math.floor(this.random() * 2);
    const [bad, good] = side === 0 ? (market ?? []) : [...(market ?? [])].reverse();
    const counter = other.prices.find((p) => good && priceKey(p) === priceKey(good));
    if (!bad || !good || !counter || counter.frozen) return undefined;
    const factor = 1.5 + this.random() * 0.7;
    const wrongFair = bad.fair * factor;
    if (wrongFair <= 1.05) return undefined;
    const [badQuote, goodQuote] = priceMarket(wrong.book, [
      { fair: wrongFair, drift: 0 },
      { fair: 1 / (1 - 1 / wrongFair), drift: 0 },
    ]);
    if (!badQuote || !goodQuote) return undefined;
    const pick: PlantPick = [
      { listing: wrong, price: bad },
      { listing: other, price: counter },
    ];
    const odds = [badQuote.decimal, counter.quote.decimal];
    const z = this.returnOf(pick, odds);
    if (z <= 1.02) return undefined;
    bad.frozen = badQuote;
    good.frozen = goodQuote;
    counter.frozen = counter.quote;
    for (const price of [bad, good]) price.dirty = true;
    const kind: PlantKind =
      bad.market.market === 'ou' ? 'total' : isQuarter(bad.market.line ?? 0) ? 'quarter' : 'pair';
    return this.record(fixture, kind, 'palpable', pick, odds, z, now, [bad, good, counter]);
  }

  private record(
    fixture: Fixture,
    kind: PlantKind,
    cause: PlantedArb['cause'],
    pick: PlantPick,
    odds: readonly number[],
    z: number,
    now: number,
    held: Price[],
  ): PlantedArb {
    this.sequence += 1;
    const arb: PlantedArb = {
      id: `planted-${this.sequence.toString()}`,
      fixtureId: fixture.id,
      kind,
      cause,
      book: pick[0]?.listing.book ?? 'pin',
      legs: pick.map(({ listing, price }, i) => ({
        book: listing.book,
        eventId: listing.eventId,
        market: price.market.market,
        period: price.market.period,
        line: lineOf(price),
        side: price.side,
        odds: odds[i] ?? price.quote.decimal,
      })),
      returnRatio: z,
      openedAt: now,
      closedAt: null,
      // A few seconds to half a minute: until the slow book catches up, or the error is seen.
      closesAt: now + 6_000 + Math.floor(this.random() * 19_000),
    };
    this.planted.push(arb);
    this.open.push({ arb, prices: held });
    return arb;
  }

  /** calculate()'s guaranteed return of the picked prices at these decimal odds. */
  private returnOf(pick: PlantPick, odds: readonly number[]): number {
    return calculate({
      selections: pick.map(({ price }, i) => ({
        market: price.market.market,
        period: price.market.period,
        line: lineOf(price),
        side: price.side,
        odds: odds[i] ?? 2,
      })),
    }).returnRatio;
  }

  /**
   * The profit a plant aims for: log-normal around 1.5% (95% of draws under about
   * 3.7%), kept within 0.4% to 4.5%, as real cross-book arbitrage mostly is.
   */
  private targetProfit(): number {
    const u = Math.max(1e-9, this.random());
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.random());
    return Math.min(0.045, Math.max(0.004, 0.015 * Math.exp(0.55 * normal)));
  }

  private shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.random() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
}
