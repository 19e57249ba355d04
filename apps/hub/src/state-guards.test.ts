// The hub's live state against false arbitrage: legs at different books unless
// ARB_SAME_BOOK allows otherwise, a market under 100% refused and reported, and the
// guards' flags on what it reports, worked out again as the clock moves.
import { parse, workerMessageSchema } from '@arbhub/schema';
import type { Arb, MatchInput, OddsUpdate } from '@arbhub/schema';
import type { ArbChanges } from '@arbhub/odds';
import { describe, expect, it } from 'vitest';
import { LiveState } from './state.js';
import { ahMatch } from './testing/harness.js';
import type { LiveStateOptions } from './state.js';

const KICKOFF = '2026-11-28T15:00:00Z';
const match = (
  eventId: string,
  prices: { home: number; away: number },
  over: Partial<MatchInput> = {},
): MatchInput => ({ ...ahMatch(eventId, 'Arsenal', 'Everton', prices.home, prices.away), ...over });
const update = (book: string, matches: MatchInput[]): OddsUpdate =>
  parse(workerMessageSchema, {
    type: 'odds:update',
    workerId: `${book}-1`,
    book,
    ts: 1,
    mode: 'snapshot',
    matches,
  }) as OddsUpdate;

function live(over: Partial<LiveStateOptions> = {}) {
  const clock = { t: Date.parse('2026-11-28T12:00:00Z'), now: () => clock.t };
  const changes: ArbChanges[] = [];
  const refused: string[] = [];
  const state = new LiveState({
    staleAfterMs: 24 * 3_600_000,
    clock,
    onChanges: (c) => changes.push(c),
    onUnderround: ({ book, sum }) => refused.push(`${book} ${sum.toFixed(4)}`),
    ...over,
  });
  const open = (): Arb[] => state.openArbs();
  return { state, clock, changes, refused, open };
}

describe('LiveState: false arbitrage', () => {
  it('never pairs two prices of one book by default; ARB_SAME_BOOK allows it', () => {
    // A book whose own two sides cross: home 2.10, away 2.10 at one line (sum 0.952).
    const cross = { home: 2.1, away: 2.1 };
    const { state, open, refused } = live();
    state.apply(update('pin', [match('p1', cross)]));
    expect(open()).toEqual([]);
    expect(refused).toEqual(['pin 0.9524']);
    // Two sides of a half line at pin and sbo at 2.04 / 1.90 (pin) and 1.90 / 2.04 (sbo): 1/2.04 + 1/2.04 = 0.980.
    const other = live();
    other.state.apply(update('pin', [match('p1', { home: 2.04, away: 1.9 })]));
    other.state.apply(update('sbo', [match('s1', { home: 1.9, away: 2.04 })]));
    expect(other.open().map((a) => a.legs.map((l) => `${l.book} ${l.side}`))).toEqual([
      ['pin home', 'sbo away'],
    ]);
    // pin's own markets are each over 100% (-0.25: 2.10 / 1.80, 103%; -0.5: 1.90 / 1.95, 104%), but home -0.25
    // @ 2.10 with away +0.5 @ 1.95 covers every margin: z = 1.0111 (docs/markets.md's cross-line case).
    const markets: MatchInput['markets'] = [
      { market: 'ah', period: 'ft', line: -0.25, prices: { home: 2.1, away: 1.8 } },
      { market: 'ah', period: 'ft', line: -0.5, prices: { home: 1.9, away: 1.95 } },
    ];
    const apart = live();
    apart.state.apply(update('pin', [match('p1', { home: 2, away: 2 }, { markets })]));
    expect(apart.open()).toEqual([]);
    const same = live({ sameBook: true });
    same.state.apply(update('pin', [match('p1', { home: 2, away: 2 }, { markets })]));
    expect(same.open().some((a) => a.legs.every((l) => l.book === 'pin'))).toBe(true);
  });

  it('refuses a market under 100%, counts it for the worker, and drops the price it had before', () => {
    const { state, open, refused } = live();
    state.apply(update('pin', [match('p1', { home: 2.04, away: 1.9 })]));
    state.apply(update('sbo', [match('s1', { home: 1.9, away: 2.04 })]));
    expect(open()).toHaveLength(1);
    state.apply(update('sbo', [match('s1', { home: 2.2, away: 2.04 })])); // sbo's own market: 0.9447
    expect(open()).toEqual([]);
    expect(refused).toEqual(['sbo 0.9447']);
    expect(state.countsFor('sbo-1')).toMatchObject({ underround: 1 });
    expect(state.countsFor('pin-1')).toMatchObject({ underround: 0 });
  });

  it('flags kickoff_mismatch, and starting_soon once the clock reaches 10 minutes before kickoff', () => {
    const { state, open, clock, changes } = live();
    state.apply(update('pin', [match('p1', { home: 2.04, away: 1.9 })]));
    state.apply(
      update('sbo', [match('s1', { home: 1.9, away: 2.04 }, { startTime: '2026-11-28T15:08:00Z' })]),
    );
    expect(open().map((a) => a.flags)).toEqual([['kickoff_mismatch']]);
    clock.t = Date.parse(KICKOFF) - 9 * 60_000;
    changes.length = 0;
    state.sweep();
    expect(open().map((a) => a.flags)).toEqual([['kickoff_mismatch', 'starting_soon']]);
    expect(changes.flatMap((c) => c.updated.map((a) => a.flags))).toEqual([
      ['kickoff_mismatch', 'starting_soon'],
    ]);
  });

  it('flags high_profit above the threshold it is given, and outlier against three other books', () => {
    const { state, open } = live({ guards: undefined });
    for (const book of ['pin', 'bmk', 'csport'])
      state.apply(update(book, [match(`${book}1`, { home: 1.95, away: 1.95 })]));
    // sbo prices home far longer than the other three (its own market still 103%).
    state.apply(update('sbo', [match('s1', { home: 3.1, away: 1.39 })]));
    const flagged = open();
    expect(flagged.length).toBeGreaterThan(0);
    for (const arb of flagged) expect(arb.flags).toEqual(['outlier', 'high_profit']);
  });

  it('flags low_confidence_match for a merge the matcher was not sure of', () => {
    const { state, open } = live();
    state.apply(update('pin', [match('p1', { home: 2.04, away: 1.9 })]));
    // "Arsenal London" / "Evertonn" still joins Arsenal v Everton, at 0.85 (below 0.9).
    state.apply(
      update('sbo', [match('s1', { home: 1.9, away: 2.04 }, { home: 'Arsenal London', away: 'Evertonn' })]),
    );
    expect(state.placement('sbo', 's1')?.confidence).toBeCloseTo(0.85, 2);
    expect(open().map((a) => a.flags)).toEqual([['low_confidence_match']]);
  });
});
