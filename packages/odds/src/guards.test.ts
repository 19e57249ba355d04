// The guards against false arbitrage, each on a worked example computed by hand.
import type { Arb } from '@arbhub/schema';
import { describe, expect, it } from 'vitest';
import type { EngineQuote } from './arb-types.js';
import {
  DEFAULT_GUARDS,
  arbFlags,
  consensusFor,
  lookupIn,
  noVigProbabilities,
  outlierLeg,
  underround,
} from './guards.js';

const q = (book: string, side: EngineQuote['side'], odds: number, line?: number): EngineQuote => ({
  book,
  bookEventId: `${book}-1`,
  market: line === undefined ? '1x2' : 'ah',
  period: 'ft',
  line,
  side,
  odds,
  ts: 0,
});
/** One ah market (home -0.5 / away +0.5) at a book. */
const ah = (book: string, home: number, away: number) => [
  q(book, 'home', home, -0.5),
  q(book, 'away', away, 0.5),
];

const NOW = Date.parse('2026-11-28T12:00:00Z');
const arb = (over: Partial<Arb> = {}): Arb => ({
  id: 'arb-1',
  eventId: 'ev-1',
  event: {
    home: 'Arsenal',
    away: 'Everton',
    league: 'EPL',
    startTime: '2026-11-28T15:00:00Z',
    inPlay: false,
  },
  period: 'ft',
  kind: 'pair',
  returnRatio: 1.02,
  profitPct: 2,
  legs: [
    {
      book: 'sbo',
      eventId: 'sbo-1',
      market: 'ah',
      line: -0.5,
      side: 'home',
      odds: 2.1,
      stakeFraction: 0.5,
      maxStake: null,
    },
    {
      book: 'pin',
      eventId: 'pin-1',
      market: 'ah',
      line: 0.5,
      side: 'away',
      odds: 2.0,
      stakeFraction: 0.5,
      maxStake: null,
    },
  ],
  openedAt: NOW,
  updatedAt: NOW,
  flags: [],
  ...over,
});
const sure = { kickoff: Date.parse('2026-11-28T15:00:00Z'), confidence: 1 };
const listings = [sure, sure];

describe('noVigProbabilities and the consensus', () => {
  it('divides each book’s implied probability by its own market’s sum', () => {
    // pin 1.95 / 1.95: 0.5128 each, sum 1.0256 -> 0.5; sbo 1.80 / 2.05: 0.5556 + 0.4878 = 1.0434 -> 0.5325.
    const p = noVigProbabilities(
      { market: 'ah', period: 'ft', line: -0.5, side: 'home' },
      lookupIn([
        ...ah('pin', 1.95, 1.95),
        ...ah('sbo', 1.8, 2.05),
        q('bmk', 'home', 1.9, -0.5), // bmk quotes one side only: left out
      ]),
    );
    expect(p.get('pin')).toBeCloseTo(0.5, 10);
    expect(p.get('sbo')).toBeCloseTo(0.5556 / 1.0434, 3);
    expect(p.has('bmk')).toBe(false);
  });

  it('takes the median of the other books, with a robust spread of at least 4% of it', () => {
    // Others: 0.50, 0.52, 0.60 -> median 0.52; MAD = median(0.02, 0, 0.08) = 0.02 -> 1.4826 x 0.02 = 0.0297 > 0.0208.
    const quotes = [
      ...ah('a', 2, 2),
      ...ah('b', 1 / 0.52, 1 / 0.48),
      ...ah('c', 1 / 0.6, 1 / 0.4),
      ...ah('x', 3, 1.3),
    ];
    const c = consensusFor(
      { book: 'x', market: 'ah', period: 'ft', line: -0.5, side: 'home' },
      lookupIn(quotes),
      DEFAULT_GUARDS.outlier,
    );
    expect(c?.probability).toBeCloseTo(0.52, 10);
    expect(c?.spread).toBeCloseTo(1.4826 * 0.02, 10);
    expect(c?.books).toBe(3);
  });

  it('has no consensus with fewer than three books quoting (the leg’s own included)', () => {
    const quotes = [...ah('a', 1.95, 1.95), ...ah('x', 3.5, 1.25)];
    expect(
      consensusFor(
        { book: 'x', market: 'ah', period: 'ft', line: -0.5, side: 'home' },
        lookupIn(quotes),
        DEFAULT_GUARDS.outlier,
      ),
    ).toBeUndefined();
    expect(
      outlierLeg(
        { book: 'x', market: 'ah', period: 'ft', line: -0.5, side: 'home', odds: 3.5 },
        lookupIn(quotes),
      ),
    ).toBe(false);
  });
});

describe('outlier', () => {
  // Two other books at 1.95 / 1.95: consensus 0.5, MAD 0, so the spread is its floor 0.02 and k x spread = 0.08:
  // a leg is an outlier when 1/odds < 0.42, i.e. odds above 2.381.
  const others = [...ah('pin', 1.95, 1.95), ...ah('sbo', 1.95, 1.95)];
  const leg = (odds: number) => ({
    book: 'csport',
    market: 'ah' as const,
    period: 'ft' as const,
    line: -0.5,
    side: 'home' as const,
    odds,
  });

  it('fires beyond k robust deviations below the consensus, and not inside them', () => {
    expect(outlierLeg(leg(2.5), lookupIn([...others, ...ah('csport', 2.5, 1.6)]))).toBe(true); // 0.40 < 0.42
    expect(outlierLeg(leg(2.35), lookupIn([...others, ...ah('csport', 2.35, 1.65)]))).toBe(false); // 0.4255 > 0.42
  });

  it('lets a book that lags a move of a few percent through', () => {
    // The market moved to 1.80 / 2.10 (no-vig 0.5385 home); the slow book still offers 1.95 on home:
    // 0.5385 - 0.5128 = 0.026, well inside 4 x 0.0215.
    const moved = [...ah('pin', 1.8, 2.1), ...ah('sbo', 1.8, 2.1)];
    expect(outlierLeg(leg(1.95), lookupIn([...moved, ...ah('csport', 1.95, 1.95)]))).toBe(false);
  });
});

describe('arbFlags', () => {
  it('is clean for an ordinary arbitrage', () => {
    expect(arbFlags(arb(), { now: NOW, quotesOf: lookupIn([]), listings })).toEqual([]);
  });

  it('high_profit above ARB_SUSPICIOUS_PCT (10 by default, and as set)', () => {
    expect(arbFlags(arb({ profitPct: 10.5 }), { now: NOW, quotesOf: lookupIn([]), listings })).toEqual([
      'high_profit',
    ]);
    expect(arbFlags(arb({ profitPct: 10 }), { now: NOW, quotesOf: lookupIn([]), listings })).toEqual([]);
    expect(
      arbFlags(
        arb({ profitPct: 6 }),
        { now: NOW, quotesOf: lookupIn([]), listings },
        { ...DEFAULT_GUARDS, suspiciousPct: 5 },
      ),
    ).toEqual(['high_profit']);
  });

  it('kickoff_mismatch when the legs’ listings kick off more than 5 minutes apart', () => {
    const at = (minutes: number) => ({
      kickoff: Date.parse('2026-11-28T15:00:00Z') + minutes * 60_000,
      confidence: 1,
    });
    expect(arbFlags(arb(), { now: NOW, quotesOf: lookupIn([]), listings: [at(0), at(5)] })).toEqual([]);
    expect(arbFlags(arb(), { now: NOW, quotesOf: lookupIn([]), listings: [at(0), at(6)] })).toEqual([
      'kickoff_mismatch',
    ]);
  });

  it('starting_soon within 10 minutes of kickoff, before kickoff only', () => {
    const kickoff = Date.parse('2026-11-28T15:00:00Z');
    expect(arbFlags(arb(), { now: kickoff - 10 * 60_000 - 1, quotesOf: lookupIn([]), listings })).toEqual([]);
    expect(arbFlags(arb(), { now: kickoff - 9 * 60_000, quotesOf: lookupIn([]), listings })).toEqual([
      'starting_soon',
    ]);
    const live = arb({ event: { ...arb().event, inPlay: true } });
    expect(arbFlags(live, { now: kickoff + 60_000, quotesOf: lookupIn([]), listings })).toEqual([]);
  });

  it('low_confidence_match when a leg’s listing joined its event below 0.9', () => {
    const weak = [sure, { ...sure, confidence: 0.82 }];
    expect(arbFlags(arb(), { now: NOW, quotesOf: lookupIn([]), listings: weak })).toEqual([
      'low_confidence_match',
    ]);
    expect(
      arbFlags(arb(), {
        now: NOW,
        quotesOf: lookupIn([]),
        listings: [sure, { ...sure, confidence: 0.9 }],
      }),
    ).toEqual([]);
  });

  it('outlier when a leg is far off the other books, in the order of ARB_FLAGS with the rest', () => {
    // sbo's home 3.10 against pin/bmk/csport at 1.95 / 1.95 (consensus 0.5): 1/3.1 = 0.32 < 0.42.
    const quotes = [
      ...ah('pin', 1.95, 1.95),
      ...ah('bmk', 1.95, 1.95),
      ...ah('csport', 1.95, 1.95),
      ...ah('sbo', 3.1, 1.45),
    ];
    const palpable = arb({
      profitPct: 18.3,
      legs: [
        { ...arb().legs[0]!, odds: 3.1 },
        { ...arb().legs[1]!, odds: 1.95 },
      ],
    });
    expect(arbFlags(palpable, { now: NOW, quotesOf: lookupIn(quotes), listings })).toEqual([
      'outlier',
      'high_profit',
    ]);
  });
});

describe('underround', () => {
  it('is the implied sum of a market quoted under 100%, and nothing for a fair or incomplete one', () => {
    // pin AH home -0.25 @ 2.146 / away +0.25 @ 2.056: 0.46598 + 0.48638 = 0.95236.
    expect(
      underround({ market: 'ah', period: 'ft', line: -0.25, prices: { home: 2.146, away: 2.056 } }),
    ).toBeCloseTo(0.95236, 5);
    expect(
      underround({ market: 'ah', period: 'ft', line: -0.25, prices: { home: 1.95, away: 1.95 } }),
    ).toBeUndefined();
    expect(
      underround({ market: 'ah', period: 'ft', line: -0.25, prices: { home: 2.5, away: null } }),
    ).toBeUndefined();
    expect(
      underround({ market: '1x2', period: 'ft', prices: { home: 3, draw: 3.6, away: 3.1 } }),
    ).toBeCloseTo(1 / 3 + 1 / 3.6 + 1 / 3.1, 10);
  });
});
