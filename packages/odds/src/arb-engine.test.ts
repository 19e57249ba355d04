import { arbSchema, examples, issuesOf, parse, matchSchema } from '@arbhub/schema';
import { describe, expect, it } from 'vitest';
import { ArbEngine, quotesFromMatch } from './index.js';
import type { EngineQuote, EventInfo } from './index.js';

const INFO: EventInfo = {
  home: 'Arsenal',
  away: 'Chelsea',
  league: 'Premier League',
  startTime: '2026-11-28T15:00:00Z',
};

function setup(options: { distinctBooks?: boolean; staleAfterMs?: number } = {}) {
  const clock = {
    t: 1_000_000,
    now() {
      return this.t;
    },
  };
  const engine = new ArbEngine(
    { staleAfterMs: options.staleAfterMs ?? 10_000, distinctBooks: options.distinctBooks },
    { clock },
  );
  const q = (
    book: string,
    market: EngineQuote['market'],
    side: EngineQuote['side'],
    odds: number,
    line?: number,
    extra: Partial<EngineQuote> = {},
  ): EngineQuote => ({
    book,
    bookEventId: `${book}-1`,
    market,
    period: 'ft',
    side,
    odds,
    line,
    ts: clock.t,
    ...extra,
  });
  return { clock, engine, q };
}

describe('ArbEngine: a pair opens, updates, closes', () => {
  it('follows one arbitrage through its life, keeping its id while the same legs stay profitable', () => {
    const { clock, engine, q } = setup();
    // A prices home -0.5 high, B prices away +0.5 high.
    let changes = engine.upsert(
      'ev1',
      [q('csport', 'ah', 'home', 2.1, -0.5), q('csport', 'ah', 'away', 1.75, 0.5)],
      INFO,
    );
    expect(changes).toEqual({ opened: [], updated: [], closed: [] });
    changes = engine.upsert('ev1', [q('sbo', 'ah', 'home', 1.8, -0.5), q('sbo', 'ah', 'away', 2.05, 0.5)]);
    expect(changes.opened).toHaveLength(1);
    const arb = changes.opened[0]!;
    expect(issuesOf(arbSchema, arb)).toEqual([]);
    expect(arb).toMatchObject({
      eventId: 'ev1',
      kind: 'pair',
      period: 'ft',
      event: INFO,
      openedAt: 1_000_000,
    });
    expect(arb.returnRatio).toBeCloseTo(1 / (1 / 2.1 + 1 / 2.05), 12);
    expect(arb.legs.map((l) => [l.book, l.side, l.line, l.odds])).toEqual([
      ['csport', 'home', -0.5, 2.1],
      ['sbo', 'away', 0.5, 2.05],
    ]);
    expect(arb.legs[0]!.stakeFraction).toBeCloseTo(2.05 / 4.15, 12);

    // The same price again, later: nothing to tell.
    clock.t += 1000;
    expect(engine.upsert('ev1', [q('sbo', 'ah', 'away', 2.05, 0.5)])).toEqual({
      opened: [],
      updated: [],
      closed: [],
    });

    // B's price improves: the same arbitrage, updated.
    clock.t += 1000;
    changes = engine.upsert('ev1', [q('sbo', 'ah', 'away', 2.08, 0.5)]);
    expect(changes.opened).toEqual([]);
    expect(changes.updated).toHaveLength(1);
    expect(changes.updated[0]).toMatchObject({ id: arb.id, openedAt: 1_000_000, updatedAt: 1_002_000 });
    expect(changes.updated[0]!.returnRatio).toBeCloseTo(1 / (1 / 2.1 + 1 / 2.08), 12);

    // B's price falls back: closed as odds_moved.
    clock.t += 1000;
    changes = engine.upsert('ev1', [q('sbo', 'ah', 'away', 1.9, 0.5)]);
    expect(changes.closed).toEqual([
      { arb: expect.objectContaining({ id: arb.id }), reason: 'odds_moved', closedAt: 1_003_000 },
    ]);
    expect(engine.openArbs()).toEqual([]);

    // It comes back: a new arbitrage, with a new id.
    changes = engine.upsert('ev1', [q('sbo', 'ah', 'away', 2.05, 0.5)]);
    expect(changes.opened).toHaveLength(1);
    expect(changes.opened[0]!.id).not.toBe(arb.id);
  });

  it('never combines two prices of one book for one selection: a new price replaces the old', () => {
    const { engine, q } = setup();
    engine.upsert('ev1', [q('csport', 'ah', 'home', 2.1, -0.5), q('sbo', 'ah', 'away', 2.05, 0.5)], INFO);
    expect(engine.openArbs()).toHaveLength(1);
    const changes = engine.upsert('ev1', [q('csport', 'ah', 'home', 1.7, -0.5)]);
    expect(changes.closed).toHaveLength(1);
    expect(engine.stats()).toEqual({ events: 1, quotes: 2, openArbs: 0 });
  });

  it('finds quarter-line and cross-line pairs with their exact z, and no arbitrage on a whole line', () => {
    const { engine, q } = setup();
    let changes = engine.upsert(
      'ev1',
      [q('csport', 'ah', 'home', 2.1, -0.25), q('sbo', 'ah', 'away', 1.95, 0.5)],
      INFO,
    );
    expect(changes.opened[0]?.returnRatio).toBeCloseTo(1.011111, 5);
    changes = engine.upsert(
      'ev2',
      [q('csport', 'ah', 'home', 2.02, -0.25), q('sbo', 'ah', 'away', 2.0, 0.25)],
      INFO,
    );
    expect(changes.opened[0]?.returnRatio).toBeCloseTo(1.003311, 6);
    changes = engine.upsert('ev3', [q('csport', 'ah', 'home', 2.2, 0), q('sbo', 'ah', 'away', 2.2, 0)], INFO);
    expect(changes.opened).toEqual([]);
  });
});

describe('ArbEngine: close reasons', () => {
  it('closes as stale when a leg outlives the staleness bound, on sweep or on the next change', () => {
    const { clock, engine, q } = setup({ staleAfterMs: 5000 });
    engine.upsert('ev1', [q('csport', 'ah', 'home', 2.1, -0.5), q('sbo', 'ah', 'away', 2.05, 0.5)], INFO);
    clock.t += 5000;
    expect(engine.sweep().closed).toEqual([]); // exactly at the bound still counts
    clock.t += 1;
    const swept = engine.sweep();
    expect(swept.closed.map((c) => c.reason)).toEqual(['stale']);
    expect(engine.stats().quotes).toBe(0);

    // A stale quote is never combined with a fresh one.
    engine.upsert('ev2', [q('csport', 'ah', 'home', 2.1, -0.5)], INFO);
    clock.t += 6000;
    expect(engine.upsert('ev2', [q('sbo', 'ah', 'away', 2.05, 0.5)]).opened).toEqual([]);
  });

  it('closes as odds_moved when a price is withdrawn, book_gone when a book goes, with the given reason when the event ends', () => {
    const { engine, q } = setup();
    const legs = [q('csport', 'ah', 'home', 2.1, -0.5), q('sbo', 'ah', 'away', 2.05, 0.5)];
    engine.upsert('ev1', legs, INFO);
    expect(engine.withdraw('ev1', [legs[1]!]).closed.map((c) => c.reason)).toEqual(['odds_moved']);
    engine.upsert('ev1', [legs[1]!]);
    expect(engine.removeBook('ev1', 'csport').closed.map((c) => c.reason)).toEqual(['book_gone']);
    engine.upsert('ev1', [legs[0]!]);
    expect(engine.closeEvent('ev1', 'event_started').closed.map((c) => c.reason)).toEqual(['event_started']);
    expect(engine.stats()).toEqual({ events: 0, quotes: 0, openArbs: 0 });
  });

  it('replaces a book listing as a snapshot: what the book no longer lists is withdrawn', () => {
    const { engine, q } = setup();
    engine.upsert('ev1', [q('csport', 'ah', 'home', 2.1, -0.5), q('sbo', 'ah', 'away', 2.05, 0.5)], INFO);
    const changes = engine.replaceBook('ev1', 'sbo', [q('sbo', 'ou', 'over', 1.9, 2.5)]);
    expect(changes.closed.map((c) => c.reason)).toEqual(['odds_moved']);
    expect(engine.stats().quotes).toBe(2);
  });
});

describe('ArbEngine: options and in-play', () => {
  it('forbids two legs at one book when asked', () => {
    const quotes = (q: ReturnType<typeof setup>['q']) => [
      q('csport', 'ah', 'home', 2.1, -0.5),
      q('csport', 'ah', 'away', 2.05, 0.5),
    ];
    const allowed = setup();
    expect(allowed.engine.upsert('ev1', quotes(allowed.q), INFO).opened).toHaveLength(1);
    const forbidden = setup({ distinctBooks: true });
    expect(forbidden.engine.upsert('ev1', quotes(forbidden.q), INFO).opened).toEqual([]);
  });

  it('combines in-play quotes only at equal scores, and settles in-play ah on the goals to come', () => {
    const { engine, q } = setup();
    const live = (score: [number, number]) => ({ inPlay: true, score });
    engine.upsert('ev1', [q('csport', 'ah', 'home', 2.1, -0.5, live([1, 0]))], INFO);
    expect(engine.upsert('ev1', [q('sbo', 'ah', 'away', 2.05, 0.5, live([0, 0]))]).opened).toEqual([]);
    const changes = engine.upsert('ev1', [q('sbo', 'ah', 'away', 2.05, 0.5, live([1, 0]))]);
    expect(changes.opened).toHaveLength(1);
    // B's score changes again: its quote leaves the group and the arbitrage closes.
    expect(
      engine.upsert('ev1', [q('sbo', 'ah', 'away', 2.05, 0.5, live([1, 1]))]).closed.map((c) => c.reason),
    ).toEqual(['odds_moved']);
  });
});

describe('ArbEngine: triples and multi-leg combinations', () => {
  it('opens a 1x2 triple across three books', () => {
    const { engine, q } = setup();
    engine.upsert('ev1', [q('csport', '1x2', 'home', 2.6), q('sbo', '1x2', 'draw', 3.6)], INFO);
    const changes = engine.upsert('ev1', [q('pin', '1x2', 'away', 3.4)]);
    expect(changes.opened).toHaveLength(1);
    expect(changes.opened[0]).toMatchObject({ kind: 'triple' });
    expect(changes.opened[0]!.returnRatio).toBeCloseTo(1 / (1 / 2.6 + 1 / 3.6 + 1 / 3.4), 12);
  });

  it('finds a multi-leg combination no pair or triple makes', () => {
    // Draw-no-bet home (ah 0) @ 2.0, draw @ 3.6, away @ 4.2. No pair covers every
    // outcome; together: 2a = a + 3.6b = 4.2c = z → z = 1 / (1/2 + 0.5/3.6 + 1/4.2) = 1.140271.
    const { engine, q } = setup();
    engine.upsert('ev1', [q('csport', 'ah', 'home', 2.0, 0), q('sbo', '1x2', 'draw', 3.6)], INFO);
    const changes = engine.upsert('ev1', [q('pin', '1x2', 'away', 4.2)]);
    expect(changes.opened).toHaveLength(1);
    const multi = changes.opened[0]!;
    expect(multi.kind).toBe('multi');
    expect(multi.returnRatio).toBeCloseTo(1.140271, 5);
    expect(multi.legs).toHaveLength(3);
    expect(issuesOf(arbSchema, multi)).toEqual([]);
    // The away price falls: the combination no longer pays.
    expect(engine.upsert('ev1', [q('pin', '1x2', 'away', 2.2)]).closed.map((c) => c.arb.kind)).toEqual([
      'multi',
    ]);
  });

  it('reports no multi-leg combination that merely equals its best pair', () => {
    const { engine, q } = setup();
    const changes = engine.upsert(
      'ev1',
      [
        q('csport', 'ah', 'home', 2.1, -0.5),
        q('sbo', 'ah', 'away', 2.05, 0.5),
        q('pin', 'ah', 'home', 1.5, -1),
      ],
      INFO,
    );
    expect(changes.opened.map((a) => a.kind)).toEqual(['pair']);
  });
});

describe('quotesFromMatch', () => {
  it('turns the home ah line into each side’s own line and null prices into withdrawals', () => {
    const match = parse(matchSchema, examples.match);
    match.markets[1]!.prices = { over: null, under: 1.85 };
    const { quotes, withdrawn } = quotesFromMatch('csport', match, 5);
    expect(quotes.filter((x) => x.market === 'ah').map((x) => [x.side, x.line, x.odds])).toEqual([
      ['home', -0.25, 1.95],
      ['away', 0.25, 1.93],
    ]);
    expect(withdrawn).toEqual([{ book: 'csport', market: 'ou', period: 'ft', line: 2.5, side: 'over' }]);
    expect(quotes).toHaveLength(6);
    expect(quotes[0]).toMatchObject({ bookEventId: '12345', ts: 5, maxStake: 500, inPlay: false });
  });

  it('reads a listing as its canonical event sees it when the teams are the other way round', () => {
    const match = parse(matchSchema, {
      ...examples.match,
      inPlay: true,
      score: [2, 1],
      markets: [
        { market: '1x2', period: 'ft', prices: { home: 2.5, draw: 3.2, away: 2.9 } },
        { market: 'ah', period: 'ft', line: -0.25, prices: { home: 1.95, away: null } },
      ],
    });
    const { quotes, withdrawn } = quotesFromMatch('csport', match, 5, { swapped: true });
    // Home and away turn round with their prices; the draw stays; each line stays its side's own.
    expect(quotes.map((x) => [x.market, x.side, x.line, x.odds])).toEqual([
      ['1x2', 'away', undefined, 2.5],
      ['1x2', 'draw', undefined, 3.2],
      ['1x2', 'home', undefined, 2.9],
      ['ah', 'away', -0.25, 1.95],
    ]);
    expect(withdrawn).toEqual([{ book: 'csport', market: 'ah', period: 'ft', line: 0.25, side: 'home' }]);
    expect(quotes[0]?.score).toEqual([1, 2]);
    // Not swapped, the same match reads as it is.
    const plain = quotesFromMatch('csport', match, 5);
    expect(plain.quotes.map((x) => x.side)).toEqual(['home', 'draw', 'away', 'home']);
    expect(plain.quotes[0]?.score).toEqual([2, 1]);
  });

  it('reads only the markets it is given (a delta on the match it updates)', () => {
    const match = parse(matchSchema, examples.match);
    const [first] = match.markets;
    const { quotes } = quotesFromMatch('csport', match, 5, { markets: [first!] });
    expect(new Set(quotes.map((x) => x.market))).toEqual(new Set([first!.market]));
    expect(quotes[0]).toMatchObject({ bookEventId: '12345', ts: 5 });
  });
});

describe('ArbEngine.reflag in slices', () => {
  it('looks at no more than max arbitrages per call, resumes, and ends where one pass would', () => {
    const clock = { t: 0, now: () => clock.t };
    const engine = new ArbEngine(
      { staleAfterMs: 60_000, flags: () => (clock.t > 100 ? ['starting_soon'] : []) },
      { clock },
    );
    const quote = (book: string, side: 'home' | 'away', odds: number): EngineQuote => ({
      book,
      bookEventId: `${book}-1`,
      market: 'ah',
      period: 'ft',
      line: side === 'home' ? -0.5 : 0.5,
      side,
      odds,
      ts: clock.t,
    });
    for (let e = 0; e < 5; e += 1)
      engine.upsert(`ev${e}`, [quote('a', 'home', 2.2), quote('b', 'away', 2.2)], INFO);
    expect(engine.openArbs()).toHaveLength(5);
    clock.t = 200;
    const told: string[] = [];
    for (const expected of [true, true, false]) {
      const changes = engine.reflag(2);
      expect(changes.updated.length).toBeLessThanOrEqual(2);
      told.push(...changes.updated.map((arb) => arb.id));
      expect(engine.reflagging).toBe(expected);
    }
    expect(told.sort()).toEqual(
      engine
        .openArbs()
        .map((arb) => arb.id)
        .sort(),
    );
    expect(engine.openArbs().every((arb) => arb.flags.includes('starting_soon'))).toBe(true);
    // A new pass finds nothing more to tell.
    expect(engine.reflag().updated).toEqual([]);
  });
});
