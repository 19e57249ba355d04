import { describe, expect, it } from 'vitest';
import { calcAnswerSchema, calcRequestSchema, examples, issuesOf, parse } from './index.js';

function withSelections(...selections: Record<string, unknown>[]): unknown {
  return { selections };
}
const home = { market: 'ah', line: -0.25, side: 'home', odds: 2.02 };
const away = { market: 'ah', line: 0.25, side: 'away', odds: 2.0 };

describe('POST /calc request', () => {
  it('accepts the protocol example and fills the defaults', () => {
    const request = parse(calcRequestSchema, examples.calcRequest);
    expect(request.selections[0]).toMatchObject({ format: 'malay', odds: 0.95, commission: 0, period: 'ft' });
    expect(request.selections[1]).toMatchObject({ format: 'decimal', commission: 0.02 });
    const bare = parse(
      calcRequestSchema,
      withSelections({ market: '1x2', side: 'draw', odds: 3.3, line: null }),
    );
    expect(bare.selections[0]).toEqual({
      market: '1x2',
      period: 'ft',
      side: 'draw',
      odds: 3.3,
      format: 'decimal',
      commission: 0,
    });
  });

  it('accepts every format at its boundaries', () => {
    const at = (format: string, odds: number) => withSelections({ ...home, format, odds });
    for (const [format, odds] of [
      ['malay', 1],
      ['malay', -1],
      ['indo', 1],
      ['indo', -1],
      ['american', 100],
      ['american', -100],
      ['hk', 0.01],
      ['decimal', 1.01],
    ] as const) {
      expect(issuesOf(calcRequestSchema, at(format, odds)), `${format} ${odds}`).toEqual([]);
    }
  });

  it.each([
    ['no selections', { selections: [] }, 'selections: expected at least one selection'],
    ['no selections at all', {}, 'selections: required'],
    [
      'malay above 1',
      withSelections({ ...home, format: 'malay', odds: 1.05 }),
      'selections[0].odds: malay odds must be -1 <= m <= 1 and m != 0, got 1.05',
    ],
    [
      'malay of 0',
      withSelections(home, { ...away, format: 'malay', odds: 0 }),
      'selections[1].odds: malay odds must be -1 <= m <= 1 and m != 0, got 0',
    ],
    [
      'indo between -1 and 1',
      withSelections({ ...home, format: 'indo', odds: -0.5 }),
      'selections[0].odds: indo odds must be i <= -1 or i >= 1, got -0.5',
    ],
    [
      'american between -100 and 100',
      withSelections({ ...home, format: 'american', odds: 99 }),
      'selections[0].odds: american odds must be a <= -100 or a >= 100, got 99',
    ],
    [
      'hk of 0',
      withSelections({ ...home, format: 'hk', odds: 0 }),
      'selections[0].odds: hk odds must be h > 0, got 0',
    ],
    [
      'decimal of 1',
      withSelections({ ...home, odds: 1 }),
      'selections[0].odds: decimal odds must be D > 1, got 1',
    ],
    [
      'an unknown format',
      withSelections({ ...home, format: 'fractional' }),
      'selections[0].format: expected one of decimal, malay, hk, indo, american',
    ],
    [
      'a line off the quarter grid',
      withSelections({ ...home, line: -0.3 }),
      'selections[0].line: expected a multiple of 0.25, got -0.3',
    ],
    [
      'an ah without a line',
      withSelections({ market: 'ah', side: 'home', odds: 2 }),
      'selections[0].line: required for ah',
    ],
    [
      'a line on 1x2',
      withSelections({ market: '1x2', side: 'home', odds: 2, line: 0 }),
      'selections[0].line: 1x2 has no line',
    ],
    [
      'a side the market lacks',
      withSelections({ market: 'ou', line: 2.5, side: 'home', odds: 2 }),
      'selections[0].side: ou has no side "home" (its sides: over, under)',
    ],
    [
      'a draw on ml',
      withSelections({ market: 'ml', side: 'draw', odds: 2 }),
      'selections[0].side: ml has no side "draw" (its sides: home, away)',
    ],
    [
      'a commission of 1',
      withSelections({ ...home, commission: 1 }),
      'selections[0].commission: expected a fraction from 0 (inclusive) to 1 (exclusive)',
    ],
    [
      'mixed periods',
      withSelections(home, { ...away, period: 'ht' }),
      'selections[1].period: period "ht" differs from selections[0] ("ft"): mixed periods',
    ],
    [
      'margin and total together',
      withSelections(home, { market: 'ou', line: 2.5, side: 'under', odds: 2 }),
      'selections[1].market: ou settles on the total but selections[0] (ah) on the margin: they share no outcome dimension',
    ],
    [
      'ml with 1x2',
      withSelections({ market: '1x2', side: 'draw', odds: 3 }, { market: 'ml', side: 'away', odds: 2 }),
      'selections[1].market: ml (a sport without draws) cannot be combined with 1x2 (a sport with draws)',
    ],
    ['a negative bankroll', { selections: [home, away], bankroll: -5 }, 'bankroll: expected a number > 0'],
    [
      'a rounding unit without a bankroll',
      { selections: [home, away], round: 5 },
      'round: needs a bankroll to round',
    ],
    ['odds as text', withSelections({ ...home, odds: '2.02' }), 'selections[0].odds: expected a number'],
  ])('rejects %s, naming the selection and the rule', (_name, request, expected) => {
    expect(issuesOf(calcRequestSchema, request)).toContain(expected);
  });
});

describe('POST /calc answer', () => {
  const answer = {
    arbitrage: true,
    returnRatio: 1.0123,
    profitPct: 1.23,
    stakes: [0.512, 0.488],
    decimalOdds: [1.95, 2.05],
    outcomes: [{ label: 'margin >= 1', payout: 1.0123 }],
    rounded: { stakes: [510, 490], minPayout: 1011.2, profit: 11.2 },
  };

  it('accepts the protocol example, with or without money', () => {
    expect(issuesOf(calcAnswerSchema, answer)).toEqual([]);
    expect(issuesOf(calcAnswerSchema, { ...answer, rounded: undefined })).toEqual([]);
  });

  it('rejects decimal odds of 1 and stake fractions above 1', () => {
    expect(issuesOf(calcAnswerSchema, { ...answer, decimalOdds: [1, 2] })).toEqual([
      'decimalOdds[0]: Too small: expected number to be >1',
    ]);
    expect(issuesOf(calcAnswerSchema, { ...answer, stakes: [1.2, 0] })).toEqual([
      'stakes[0]: Too big: expected number to be <=1',
    ]);
  });
});
