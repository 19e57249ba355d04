// The truth's price log: every change of every price the books show, with the tick that
// made it, so that a test can tell what a book showed at any moment (GET /truth/price-log).
// Sampling /truth/prices misses a price that lived between two samples; this does not.
import type { Clock, TruthPrice, TruthPriceChange } from '@arbhub/schema';
import { lineOf } from './world/planter.js';
import { BOOKS } from './world/teams.js';
import type { Listing, Price, World } from './world/world.js';
import type { BookId } from './world/teams.js';

/** A price in the truth's terms: the fixture's sides, decimal odds, an ah line the side's own handicap. */
export function truthPrice(book: BookId, listing: Listing, price: Price): TruthPrice {
  return {
    book,
    eventId: listing.eventId,
    fixtureId: listing.fixture.id,
    market: price.market.market,
    period: price.market.period,
    line: lineOf(price),
    side: price.side,
    odds: price.quote.decimal,
  };
}

/** How long changes are kept: a reader that falls further behind must start again. */
export const PRICE_LOG_KEEP_MS = 10 * 60_000;

export class PriceLogGap extends Error {}

export class PriceLog {
  private readonly changes: TruthPriceChange[] = [];
  /** Each price shown at the last repricing: the change that set it and the scan that saw it. */
  private readonly shown = new Map<Price, { change: TruthPriceChange; scan: number }>();
  private seq = 0;
  private scan = 0;

  constructor(
    private readonly world: World,
    clock: Clock,
    private readonly keepMs = PRICE_LOG_KEEP_MS,
  ) {
    this.capture(clock.now());
    world.onReprice((now) => {
      this.capture(now);
    });
  }

  /** The seq of the newest change (0 before any). */
  get last(): number {
    return this.seq;
  }

  /** The state now: for each price shown, the change that set it. */
  current(): TruthPriceChange[] {
    return [...this.shown.values()].map(({ change }) => change).sort((a, b) => a.seq - b.seq);
  }

  /** Every change after `since`; a PriceLogGap when some of them are no longer kept. */
  after(since: number): TruthPriceChange[] {
    if (since > this.seq)
      throw new PriceLogGap(`since ${since} is ahead of the log (its newest is ${this.seq})`);
    const first = this.changes[0]?.seq ?? this.seq + 1;
    if (since + 1 < first)
      throw new PriceLogGap(`changes after ${since} are no longer kept (the oldest kept is ${first})`);
    return this.changes.slice(since + 1 - first);
  }

  /** Compares every price shown with what the log holds and appends what differs. */
  private capture(now: number): void {
    this.scan += 1;
    for (const book of BOOKS) {
      for (const listing of this.world.listed(book)) {
        for (const price of listing.prices) {
          const odds = price.quote.decimal;
          const held = this.shown.get(price);
          if (held?.change.odds === odds) {
            held.scan = this.scan;
            continue;
          }
          const change = this.append({ at: now, ...truthPrice(book, listing, price) });
          this.shown.set(price, { change, scan: this.scan });
        }
      }
    }
    // A price not seen in this scan went away with its listing.
    for (const [price, held] of this.shown) {
      if (held.scan === this.scan) continue;
      this.shown.delete(price);
      this.append({ ...held.change, at: now, odds: null });
    }
    const old = this.changes.findIndex((change) => change.at >= now - this.keepMs);
    if (old !== 0) this.changes.splice(0, old === -1 ? this.changes.length : old);
  }

  private append(change: Omit<TruthPriceChange, 'seq'>): TruthPriceChange {
    this.seq += 1;
    const entry = { ...change, seq: this.seq };
    this.changes.push(entry);
    return entry;
  }
}
