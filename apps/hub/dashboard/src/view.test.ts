// The dashboard's pure view functions: filters and order, leg and market text in every
// odds format, ages, the clipboard text, and the odds view's best prices.
import { formatOdds } from '@arbhub/odds';
import type { Arb } from '@arbhub/schema';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FILTERS,
  ageText,
  boardRows,
  legText,
  marketText,
  oddsRows,
  stakesText,
  visibleArbs,
} from './view.js';
import type { Filters } from './view.js';

const arb = (
  id: string,
  over: Partial<Arb> & { books?: string[]; inPlay?: boolean; sport?: string } = {},
): Arb => {
  const { books = ['csport', 'pin'], inPlay = false, sport = 'soccer', ...rest } = over;
  return {
    id,
    eventId: `ev-${id}`,
    event: {
      home: 'Arsenal',
      away: 'Everton',
      league: 'EPL',
      startTime: '2026-11-28T15:00:00Z',
      sport,
      inPlay,
    },
    period: 'ft',
    kind: 'pair',
    returnRatio: 1.02,
    profitPct: 2,
    legs: books.map((book, i) => ({
      book,
      eventId: `${book}-1`,
      market: 'ah',
      line: i === 0 ? -0.25 : 0.25,
      side: i === 0 ? 'home' : 'away',
      odds: 2.05,
      stakeFraction: 0.5,
      maxStake: null,
    })),
    openedAt: 1000,
    updatedAt: 1000,
    flags: [],
    ...rest,
  };
};
const ALL = new Set(['csport', 'pin', 'sbo']);
const filters = (over: Partial<Filters> = {}): Filters => ({
  ...DEFAULT_FILTERS,
  books: new Set(ALL),
  ...over,
});

describe('which arbitrage the board shows', () => {
  const list = [
    arb('a', { profitPct: 1.5, openedAt: 3000 }),
    arb('b', { profitPct: 4, openedAt: 1000, books: ['sbo', 'pin'] }),
    arb('c', { profitPct: 2.5, openedAt: 2000, inPlay: true, sport: 'basketball' }),
  ];
  const ids = (f: Filters, hidden = new Set<string>()) => visibleArbs(list, f, hidden, ALL).map((x) => x.id);
  it('orders by profit, or newest first', () => {
    expect(ids(filters())).toEqual(['b', 'c', 'a']);
    expect(ids(filters({ sort: 'age' }))).toEqual(['a', 'c', 'b']);
  });
  it('filters by minimum profit, sport, pre-match or in-play, and hidden rows', () => {
    expect(ids(filters({ minProfit: 2.5 }))).toEqual(['b', 'c']);
    expect(ids(filters({ sport: 'basketball' }))).toEqual(['c']);
    expect(ids(filters({ when: 'inplay' }))).toEqual(['c']);
    expect(ids(filters({ when: 'prematch' }))).toEqual(['b', 'a']);
    expect(ids(filters(), new Set(['b']))).toEqual(['c', 'a']);
  });
  it('shows an arbitrage only when every leg is at a chosen book; a book never seen counts as chosen', () => {
    expect(ids(filters({ books: new Set(['csport', 'pin']) }))).toEqual(['c', 'a']);
    const withNew = [...list, arb('d', { books: ['csport', 'newbook'] })];
    expect(
      visibleArbs(withNew, filters({ books: new Set(['csport']) }), new Set(), ALL).map((x) => x.id),
    ).toEqual(['d']);
  });
});

describe('the board: one row per opportunity', () => {
  // Two events: ev-1 with three arbitrages (one flagged), ev-2 with one; ev-3 closed.
  const list = [
    arb('a1', { eventId: 'ev-1', profitPct: 1.2 }),
    arb('a2', { eventId: 'ev-1', profitPct: 2.6 }),
    arb('a3', { eventId: 'ev-1', profitPct: 14, flags: ['outlier', 'high_profit'] }),
    arb('b1', { eventId: 'ev-2', profitPct: 1.8, openedAt: 5000 }),
    arb('c1', { eventId: 'ev-3', profitPct: 3 }),
    arb('d1', { eventId: 'ev-4', profitPct: 9, flags: ['kickoff_mismatch'] }),
  ];
  const rows = (f: Filters = filters(), hidden = new Set<string>(), closing = new Set(['c1'])) =>
    boardRows(list, f, hidden, ALL, closing).map((r) => [
      r.best.id,
      r.alternatives.map((a) => a.id),
      r.closed,
    ]);

  it('shows the best clean arbitrage of each event with the rest as alternatives, flagged rows last', () => {
    expect(rows()).toEqual([
      ['c1', [], true],
      ['a2', ['a1', 'a3'], false],
      ['b1', [], false],
      ['d1', [], false],
    ]);
    expect(rows(filters({ sort: 'age' }))).toEqual([
      ['b1', [], false],
      ['a2', ['a1', 'a3'], false],
      ['c1', [], true],
      ['d1', [], false],
    ]);
  });

  it('dates a row by its oldest arbitrage: a newer best does not make the opportunity new', () => {
    const older = arb('o1', { eventId: 'ev-7', profitPct: 1, openedAt: 1000 });
    const newer = arb('o2', { eventId: 'ev-7', profitPct: 2, openedAt: 9000 });
    const [row] = boardRows([older, newer], filters(), new Set(), ALL, new Set());
    expect([row?.best.id, row?.openedAt]).toEqual(['o2', 1000]);
  });

  it('hides a whole row by its key, and flagged arbitrage when asked', () => {
    expect(rows(filters(), new Set(['ev-1|ft'])).map((r) => r[0])).toEqual(['c1', 'b1', 'd1']);
    expect(rows(filters({ hideFlags: new Set(['outlier']) }))).toEqual([
      ['c1', [], true],
      ['a2', ['a1'], false],
      ['b1', [], false],
      ['d1', [], false],
    ]);
    expect(rows(filters({ hideFlags: new Set(['kickoff_mismatch']) })).map((r) => r[0])).toEqual([
      'c1',
      'a2',
      'b1',
    ]);
  });
});

describe('how legs read', () => {
  it('names the market, side and line (the side’s own handicap) with the odds in the chosen format', () => {
    const leg = { book: 'csport', market: 'ah', line: -0.25, side: 'home', odds: 1.95 } as const;
    expect(legText(leg, 'ft', 'decimal')).toBe('csport · AH home −0.25 @ 1.95');
    for (const format of ['malay', 'hk', 'indo', 'american'] as const)
      expect(legText(leg, 'ft', format)).toBe(`csport · AH home −0.25 @ ${formatOdds(1.95, format)}`);
    expect(marketText('ah', 0.5, 'away', 'ft')).toBe('AH away +0.5');
    expect(marketText('ou', 2.5, 'over', 'ht')).toBe('HT O/U over 2.5');
    expect(marketText('1x2', null, 'draw', 'ft')).toBe('1X2 draw');
  });
  it('gives ages in seconds, minutes and hours', () => {
    expect(ageText(8_400)).toBe('8 s');
    expect(ageText(185_000)).toBe('3 min 05 s');
    expect(ageText(3_720_000)).toBe('1 h 02 min');
    expect(ageText(-5)).toBe('0 s');
  });
  it('copies one line per leg with its stake, then the profit', () => {
    expect(stakesText(arb('a'), [510, 490], 12.5, 'decimal')).toBe(
      'Arsenal v Everton\ncsport · AH home −0.25 @ 2.05: stake 510.00\npin · AH away +0.25 @ 2.05: stake 490.00\nguaranteed profit 12.50',
    );
  });
});

describe('one event’s odds side by side', () => {
  it('puts each selection on a row, the books in columns, and marks the best price (ties too)', () => {
    const rows = oddsRows({
      csport: { markets: [{ market: 'ah', period: 'ft', line: -0.5, prices: { home: 2.1, away: 1.75 } }] },
      pin: {
        markets: [
          { market: 'ah', period: 'ft', line: -0.5, prices: { home: 1.8, away: 2.05 } },
          { market: '1x2', period: 'ft', prices: { home: 2.5, draw: 3.3, away: null } },
        ],
      },
      sbo: { markets: [{ market: 'ah', period: 'ft', line: -0.5, prices: { home: 2.1, away: 1.7 } }] },
    });
    expect(rows.map((r) => r.label)).toEqual(['1X2 draw', '1X2 home', 'AH away +0.5', 'AH home −0.5']);
    const home = rows.find((r) => r.label === 'AH home −0.5');
    expect([...(home?.best ?? [])].sort()).toEqual(['csport', 'sbo']);
    expect(rows.find((r) => r.label === 'AH away +0.5')?.best).toEqual(new Set(['pin']));
    expect(rows.some((r) => r.label === '1X2 away')).toBe(false);
  });
  it('turns a book that lists the teams the other way round to the event’s sides and lines', () => {
    const rows = oddsRows({
      csport: { markets: [{ market: 'ah', period: 'ft', line: -0.5, prices: { home: 2.1, away: 1.75 } }] },
      // sbo lists Everton v Arsenal: its away -(+0.5) is the event's home -0.5.
      sbo: {
        swapped: true,
        markets: [{ market: 'ah', period: 'ft', line: 0.5, prices: { home: 1.7, away: 2.2 } }],
      },
    });
    const home = rows.find((r) => r.label === 'AH home −0.5');
    expect(home?.prices).toEqual(
      new Map([
        ['csport', 2.1],
        ['sbo', 2.2],
      ]),
    );
    expect(home?.best).toEqual(new Set(['sbo']));
    expect(rows.find((r) => r.label === 'AH away +0.5')?.prices).toEqual(
      new Map([
        ['csport', 1.75],
        ['sbo', 1.7],
      ]),
    );
  });
});
