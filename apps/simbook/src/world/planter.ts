// Planted arbitrage: now and then one book's prices move so that a cross-book
// arbitrage exists for a while: opposite sides of one line, a quarter line, a
// cross-line pair, a 1x2 triple. Every plant is checked with calculate() on the
// books' own (rounded) prices before it opens, and recorded with its times.
import { calculate } from '@arbhub/odds';
import type { MarketType, Period, Side } from '@arbhub/schema';
import { quoteFor } from './prices.js';
import type { BookId } from './teams.js';
import type { Listing, Price, World } from './world.js';

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
  kind: 'pair' | 'quarter' | 'cross' | 'triple' | 'total';
  legs: PlantedLeg[];
  returnRatio: number;
  openedAt: number;
  closedAt: number | null;
  closesAt: number;
}

interface Held {
  arb: PlantedArb;
  prices: Price[];
}

type Pick = { listing: Listing; price: Price }[];

export class Planter {
  readonly planted: PlantedArb[] = [];
  private readonly open: Held[] = [];
  private sequence = 0;

  constructor(
    private readonly world: World,
    private readonly random: () => number,
    private readonly clock: { now(): number },
  ) {}

  /** One tick: close what is due, and open about `expected` new ones. */
  step(expected: number): void {
    const now = this.clock.now();
    for (let i = this.open.length - 1; i >= 0; i -= 1) {
      const held = this.open[i] as Held;
      if (held.arb.closesAt <= now || !this.stillListed(held)) {
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

  /** Tries a few fixtures and kinds; plants the first that works. */
  plant(now: number): PlantedArb | undefined {
    const kinds: PlantedArb['kind'][] = ['pair', 'quarter', 'cross', 'triple', 'total'];
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const fixture = this.world.fixtures[Math.floor(this.random() * this.world.fixtures.length)];
      if (!fixture || this.world.inPlay(fixture, now) || now >= fixture.kickoff) continue;
      const listings = [...this.world.listings.values()]
        .flat()
        .filter(
          (l) =>
            l.fixture === fixture &&
            l.removedAt === undefined &&
            !l.swapped &&
            !l.prices.some((p) => p.frozen),
        );
      if (listings.length < 2) continue;
      const kind = kinds[Math.floor(this.random() * kinds.length)] ?? 'pair';
      const pick = this.legsFor(kind, listings);
      if (!pick) continue;
      const arb = this.boost(kind, pick, now);
      if (arb) return arb;
    }
    return undefined;
  }

  /** The prices an arbitrage of this kind would use, at different books. */
  private legsFor(kind: PlantedArb['kind'], listings: Listing[]): Pick | undefined {
    const shuffled = [...listings].sort(() => this.random() - 0.5);
    const find = (
      l: Listing | undefined,
      market: MarketType,
      side: Side,
      line?: (lines: number[]) => number | undefined,
    ) => {
      if (!l) return undefined;
      const candidates = l.prices.filter(
        (p) => p.market.market === market && p.market.period === 'ft' && p.side === side,
      );
      const lines = [...new Set(candidates.map((p) => p.market.line ?? 0))].sort((a, b) => a - b);
      const wanted = line ? line(lines) : undefined;
      const price = wanted === undefined ? candidates[0] : candidates.find((p) => p.market.line === wanted);
      return price ? { listing: l, price } : undefined;
    };
    const [a, b, c] = shuffled;
    const isQuarter = (x: number) => Math.abs(Math.round(x * 4)) % 2 === 1;
    let legs: (Pick[number] | undefined)[];
    switch (kind) {
      case 'pair':
      case 'quarter': {
        const pickLine = (lines: number[]) =>
          lines.find((x) => (kind === 'quarter' ? isQuarter(x) : !isQuarter(x) && !Number.isInteger(x)));
        const home = find(a, 'ah', 'home', pickLine);
        legs = [home, home ? find(b, 'ah', 'away', () => home.price.market.line) : undefined];
        break;
      }
      case 'cross':
        // Home at the higher line with away at the line a quarter lower: they cover every margin.
        legs = [find(a, 'ah', 'home', (lines) => lines.at(-1)), find(b, 'ah', 'away', (lines) => lines[0])];
        break;
      case 'triple':
        legs = [find(a, '1x2', 'home'), find(b, '1x2', 'draw'), find(c ?? a, '1x2', 'away')];
        break;
      case 'total':
        legs = [find(a, 'ou', 'over'), find(b, 'ou', 'under')];
        break;
    }
    return legs.every((leg) => leg !== undefined) ? legs : undefined;
  }

  /**
   * Raises the legs' odds by one factor until calculate(), on the books' own rounded
   * prices, says z reaches a target of 1.5% to 4%. A whole line, which can never pass 1,
   * is given up on.
   */
  private boost(kind: PlantedArb['kind'], pick: Pick, now: number): PlantedArb | undefined {
    const target = 1.015 + this.random() * 0.025;
    for (let factor = 1; factor < 1.4; factor += 0.005) {
      const quotes = pick.map(({ listing, price }) => quoteFor(listing.book, price.quote.decimal * factor));
      const legs: PlantedLeg[] = pick.map(({ listing, price }, i) => ({
        book: listing.book,
        eventId: listing.eventId,
        market: price.market.market,
        period: price.market.period,
        line: lineOf(price),
        side: price.side,
        odds: quotes[i]?.decimal ?? 2,
      }));
      const answer = calculate({
        selections: legs.map((leg) => ({
          market: leg.market,
          period: leg.period,
          line: leg.line,
          side: leg.side,
          odds: leg.odds,
        })),
      });
      if (answer.returnRatio < target) continue;
      pick.forEach(({ price }, i) => {
        price.frozen = quotes[i];
        price.dirty = true;
      });
      this.sequence += 1;
      const arb: PlantedArb = {
        id: `planted-${this.sequence.toString()}`,
        fixtureId: pick[0]?.listing.fixture.id ?? '',
        kind,
        legs,
        returnRatio: answer.returnRatio,
        openedAt: now,
        closedAt: null,
        closesAt: now + 20_000 + Math.floor(this.random() * 70_000),
      };
      this.planted.push(arb);
      this.open.push({ arb, prices: pick.map(({ price }) => price) });
      return arb;
    }
    return undefined;
  }
}

/** A price's line as /calc takes it: the side's own handicap for ah. */
export function lineOf(price: Price): number | null {
  const line = price.market.line;
  if (line === undefined) return null;
  return price.market.market === 'ah' && price.side === 'away' ? -line || 0 : line;
}
