import { calculate, toDecimal } from '@arbhub/odds';
import { describe, expect, it } from 'vitest';
import { BOOK_FORMAT } from './prices.js';
import { BOOKS } from './teams.js';
import { MATCH_MS, World } from './world.js';

const START = Date.parse('2026-11-28T12:00:00Z');
const make = (seed = 42, fixtures = 20, arbRate = 0) => {
  const clock = { t: START, now: () => clock.t };
  return { clock, world: new World({ seed, fixtures, arbRate }, clock) };
};

/** What a book shows of each listing: enough to compare two worlds. */
const snapshot = (world: World) =>
  BOOKS.flatMap((book) =>
    world.listed(book).map((l) => ({
      book,
      eventId: l.eventId,
      kickoff: l.kickoff,
      ...world.names(l),
      prices: l.prices.map((p) => p.quote.native),
    })),
  );

describe('World', () => {
  it('is the same world for the same seed, and another for another seed', () => {
    expect(snapshot(make(7).world)).toEqual(snapshot(make(7).world));
    expect(snapshot(make(8).world)).not.toEqual(snapshot(make(7).world));
  });

  it('lists each fixture at most once per book, spelled the book’s way, with prices in the book’s format', () => {
    const { world } = make(42, 40);
    for (const book of BOOKS) {
      const listings = world.listed(book);
      expect(listings.length).toBeGreaterThan(20);
      expect(new Set(listings.map((l) => l.fixture.id)).size).toBe(listings.length);
      for (const listing of listings) {
        for (const price of listing.prices) {
          expect(() => toDecimal(price.quote.native, BOOK_FORMAT[book])).not.toThrow();
          expect(toDecimal(price.quote.native, BOOK_FORMAT[book])).toBe(price.quote.decimal);
        }
      }
    }
    const names = BOOKS.map(
      (book) =>
        world.names(
          world.listed(book).find((l) => l.fixture.home.name === 'Manchester United') ??
            world.listed(book)[0]!,
        ).home,
    );
    expect(new Set(names).size).toBeGreaterThan(1);
  });

  it('plants arbitrage that calculate() confirms on the books’ own prices when it opens, and closes it later', () => {
    const { clock, world } = make(3, 30, 0);
    const opened = [];
    for (let i = 0; i < 40; i += 1) {
      const arb = world.planter.plant(clock.now());
      if (!arb) continue;
      opened.push(arb);
      // The books' current quotes of the legs, as a worker would read them.
      const selections = arb.legs.map((leg) => {
        const listing = world.listed(leg.book).find((l) => l.eventId === leg.eventId)!;
        const price = listing.prices.find(
          (p) =>
            p.market.market === leg.market &&
            p.market.period === leg.period &&
            p.side === leg.side &&
            (leg.market !== 'ah' ||
              (leg.side === 'home' ? p.market.line === leg.line : p.market.line === -(leg.line ?? 0))),
        )!;
        return {
          market: leg.market,
          period: leg.period,
          line: leg.line,
          side: leg.side,
          odds: price.frozen!.decimal,
        };
      });
      const answer = calculate({ selections });
      expect(answer.arbitrage).toBe(true);
      expect(answer.returnRatio).toBeCloseTo(arb.returnRatio, 9);
    }
    expect(opened.length).toBeGreaterThan(10);
    expect(new Set(opened.map((a) => a.kind)).size).toBeGreaterThanOrEqual(4);
    clock.t += 120_000;
    world.tick();
    expect(world.arbs().every((a) => a.closedAt !== null)).toBe(true);
  });

  it('plays matches: a fixture in play has a score; a finished one is removed with a new feed version', () => {
    const { clock, world } = make(5, 20);
    const fixture = world.fixtures[0]!;
    expect(world.inPlay(fixture)).toBe(true); // every seventh fixture starts in play
    const listing = world.listed('pin').find((l) => l.fixture === fixture)!;
    const version = world.versions.get('pin')!;
    clock.t = fixture.kickoff + MATCH_MS + 1;
    world.tick();
    expect(world.listed('pin').includes(listing)).toBe(false);
    expect(listing.removedAt).toBeGreaterThan(version);
  });
});

describe('World ticking', () => {
  it('plants arbitrage on its own at the configured rate, and closes it', () => {
    const { clock, world } = make(11, 30, 60); // 60 a minute: about one a tick
    for (let i = 0; i < 20; i += 1) {
      clock.t += 1000;
      world.tick();
    }
    expect(world.arbs().length).toBeGreaterThan(5);
    const before = clock.t;
    clock.t += 100_000;
    world.tick(); // closes every earlier one (and may plant new ones)
    const earlier = world.arbs().filter((a) => a.openedAt <= before);
    expect(earlier.every((a) => a.closedAt !== null && a.closedAt > a.openedAt)).toBe(true);
  });
});

describe('World in play', () => {
  it('scores goals in matches in play, and moves their prices', () => {
    const { clock, world } = make(13, 70);
    const playing = world.fixtures.filter((f) => world.inPlay(f));
    expect(playing.length).toBeGreaterThan(5);
    const before = world
      .listed('pin')
      .filter((l) => playing.includes(l.fixture))
      .map((l) => l.prices.map((p) => p.quote.native).join());
    for (let i = 0; i < 30; i += 1) {
      clock.t += 60_000; // a minute a tick
      world.tick();
    }
    const goals = playing.reduce((sum, f) => sum + f.score[0] + f.score[1], 0);
    expect(goals).toBeGreaterThan(0);
    const after = world
      .listed('pin')
      .filter((l) => playing.includes(l.fixture))
      .map((l) => l.prices.map((p) => p.quote.native).join());
    expect(after).not.toEqual(before);
  });
});
