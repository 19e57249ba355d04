import { calcAnswerSchema, examples, issuesOf } from '@arbhub/schema';
import { describe, expect, it } from 'vitest';
import { CalcError, arbSelections, calculate } from './index.js';

const ah = (side: 'home' | 'away', line: number, odds: number, extra: object = {}) => ({
  market: 'ah',
  side,
  line,
  odds,
  ...extra,
});

describe('calculate: worked cases from markets.md', () => {
  it('cross-line pair: home -0.25 @ 2.10 with away +0.5 @ 1.95', () => {
    // Binding outcomes: home wins (d >= 1) and away wins (d <= -1):
    // 2.10 s = 1.95 (1 - s) → s = 1.95 / 4.05 = 0.48148, z = 2.10 s = 1.01111.
    const answer = calculate({ selections: [ah('home', -0.25, 2.1), ah('away', 0.5, 1.95)] });
    expect(answer.arbitrage).toBe(true);
    expect(answer.returnRatio).toBeCloseTo(1.011111, 5);
    expect(answer.stakes[0]).toBeCloseTo(0.481481, 5);
    expect(answer.profitPct).toBeCloseTo(1.1111, 3);
  });

  it('quarter line: home -0.25 @ 2.02 with away +0.25 @ 2.00 is 1.003311, not the textbook 1.004975', () => {
    // At d = 0 home half-loses (0.5) and away half-wins (1.5): 2.02 s = 0.5 s + 1.5 (1 - s)
    // → s = 1.5 / 3.02 = 0.49669, z = 2.02 s = 1.003311.
    const answer = calculate({ selections: [ah('home', -0.25, 2.02), ah('away', 0.25, 2.0)] });
    expect(answer.returnRatio).toBeCloseTo(1.003311, 6);
    expect(answer.returnRatio).not.toBeCloseTo(1 / (1 / 2.02 + 1 / 2.0), 4);
    expect(answer.stakes[0]).toBeCloseTo(0.496689, 5);
    expect(answer.outcomes.find((o) => o.label === 'margin = 0')?.payout).toBeCloseTo(1.003311, 6);
  });

  it('whole line: a push returns the stake, so at best a no-loss bet, never an arbitrage', () => {
    const answer = calculate({ selections: [ah('home', 0, 2.1), ah('away', 0, 2.1)] });
    expect(answer.returnRatio).toBe(1);
    expect(answer.arbitrage).toBe(false);
    const line1 = calculate({ selections: [ah('home', -1, 2.3), ah('away', 1, 2.2)] });
    expect(line1.arbitrage).toBe(false);
    expect(line1.returnRatio).toBeLessThanOrEqual(1);
  });

  it('half line: the textbook formula holds, 1 / (1/D1 + 1/D2)', () => {
    const answer = calculate({ selections: [ah('home', -0.5, 2.08), ah('away', 0.5, 2.0)] });
    expect(answer.returnRatio).toBeCloseTo(1 / (1 / 2.08 + 1 / 2.0), 10);
  });

  it('cross-market pair: 1x2 home @ 2.20 with ah away +0.5 @ 1.90 (away or draw)', () => {
    // Home wins d > 0, away +0.5 wins d <= 0: a partition, z = 1 / (1/2.2 + 1/1.9) = 1.019512.
    const answer = calculate({
      selections: [{ market: '1x2', side: 'home', odds: 2.2 }, ah('away', 0.5, 1.9)],
    });
    expect(answer.returnRatio).toBeCloseTo(1.019512, 6);
    expect(answer.stakes[0]).toBeCloseTo(1.019512 / 2.2, 5);
  });

  it('1x2 triple: z = 1 / (1/Dh + 1/Dd + 1/Da)', () => {
    const answer = calculate({
      selections: [
        { market: '1x2', side: 'home', odds: 2.6 },
        { market: '1x2', side: 'draw', odds: 3.6 },
        { market: '1x2', side: 'away', odds: 3.4 },
      ],
    });
    const z = 1 / (1 / 2.6 + 1 / 3.6 + 1 / 3.4);
    expect(answer.returnRatio).toBeCloseTo(z, 10);
    expect(answer.stakes).toEqual([z / 2.6, z / 3.6, z / 3.4].map((s) => expect.closeTo(s, 10)));
  });

  it('middle: over 2.25 @ 2.05 with under 2.75 @ 2.05 pays extra at totals 2 and 3', () => {
    // t <= 1 pays 2.05 (1 - s), t >= 4 pays 2.05 s → s = 0.5, z = 1.025;
    // t = 2: 0.5 * 0.5 (over half-lost) + 2.05 * 0.5 = 1.275; t = 3 likewise.
    const answer = calculate({
      selections: [
        { market: 'ou', side: 'over', line: 2.25, odds: 2.05 },
        { market: 'ou', side: 'under', line: 2.75, odds: 2.05 },
      ],
    });
    expect(answer.returnRatio).toBeCloseTo(1.025, 10);
    expect(answer.outcomes).toEqual([
      { label: 'total <= 1', payout: expect.closeTo(1.025, 10) },
      { label: 'total = 2', payout: expect.closeTo(1.275, 10) },
      { label: 'total = 3', payout: expect.closeTo(1.275, 10) },
      { label: 'total >= 4', payout: expect.closeTo(1.025, 10) },
    ]);
  });

  it('commission on one leg lowers its effective odds', () => {
    // Leg 2 at 2.08 less 2% of the winnings: 1 + 1.08 * 0.98 = 2.0584.
    // z = 2.08 * 2.0584 / (2.08 + 2.0584) = 1.034572.
    const answer = calculate({
      selections: [ah('home', -0.5, 2.08), ah('away', 0.5, 2.08, { commission: 0.02 })],
    });
    expect(answer.returnRatio).toBeCloseTo(1.034572, 5);
    expect(answer.decimalOdds).toEqual([2.08, 2.08]);
  });

  it('reports the best hedge when there is no arbitrage', () => {
    const answer = calculate({ selections: [ah('home', -0.5, 1.9), ah('away', 0.5, 1.9)] });
    expect(answer.arbitrage).toBe(false);
    expect(answer.returnRatio).toBeCloseTo(0.95, 12);
    expect(answer.profitPct).toBeCloseTo(-5, 10);
    expect(answer.stakes).toEqual([0.5, 0.5]);
  });

  it('takes every odds format', () => {
    // malay 0.95 = 1.95, hk 1.05 = 2.05, indo -1.25 = 1.8, american +120 = 2.2.
    const answer = calculate({
      selections: [ah('home', -0.5, 0.95, { format: 'malay' }), ah('away', 0.5, 1.05, { format: 'hk' })],
    });
    expect(answer.decimalOdds).toEqual([1.95, 2.05]);
    const more = calculate({
      selections: [
        { market: '1x2', side: 'home', odds: -1.25, format: 'indo' },
        { market: '1x2', side: 'draw', odds: 120, format: 'american' },
        { market: '1x2', side: 'away', odds: 5, format: 'decimal' },
      ],
    });
    expect(more.decimalOdds).toEqual([1.8, 2.2, 5]);
  });

  it('answers the protocol example in the /calc answer shape', () => {
    const answer = calculate(examples.calcRequest);
    expect(issuesOf(calcAnswerSchema, answer)).toEqual([]);
    expect(answer.decimalOdds).toEqual([1.95, 2.05]);
    expect(answer.rounded?.stakes.every((s) => s % 5 === 0)).toBe(true);
  });
});

describe('calculate: stakes in money', () => {
  it('rounds to the unit, keeping the minimum payout above the bankroll', () => {
    // Ideal 402.1 / 290.4 / 307.5. Of the roundings within 1000, 400/290/305 pays
    // 1040 / 1044 / 1037: min 1037 on 995 staked, profit 42 (405/290/305 makes 37).
    const answer = calculate({
      selections: [
        { market: '1x2', side: 'home', odds: 2.6 },
        { market: '1x2', side: 'draw', odds: 3.6 },
        { market: '1x2', side: 'away', odds: 3.4 },
      ],
      bankroll: 1000,
      round: 5,
    });
    expect(answer.rounded).toEqual({
      stakes: [400, 290, 305],
      total: 995,
      minPayout: 1037,
      profit: 42,
      bankroll: 1000,
    });
  });

  it("scales the whole set down to a leg's maxStake", () => {
    // z = 1.05 at 0.5 / 0.5; leg 1 takes at most 300, so the set is sized for 600.
    const answer = calculate({
      selections: [ah('home', -0.5, 2.1, { maxStake: 300 }), ah('away', 0.5, 2.1)],
      bankroll: 1000,
    });
    expect(answer.rounded).toEqual({
      stakes: [300, 300],
      total: 600,
      minPayout: 630,
      profit: 30,
      bankroll: 600,
    });
  });

  it('rounds to cents', () => {
    // Ideal 49.6689 / 50.3311. 49.67 / 50.33 pays min(100.3334, 100.33, 100.66) = 100.33
    // on 100.00 (profit 0.33); 49.66 / 50.33 pays 100.3132 on 99.99 (profit 0.3232).
    const answer = calculate({
      selections: [ah('home', -0.25, 2.02), ah('away', 0.25, 2.0)],
      bankroll: 100,
      round: 0.01,
    });
    const { stakes, minPayout, profit, total } = answer.rounded!;
    expect(stakes).toEqual([49.67, 50.33]);
    expect(total).toBe(100);
    expect(minPayout).toBe(100.33);
    expect(profit).toBe(0.33);
  });

  it('defaults the unit to 1', () => {
    const answer = calculate({ selections: [ah('home', -0.5, 2.1), ah('away', 0.5, 2.1)], bankroll: 101 });
    expect(answer.rounded?.stakes).toEqual([50, 50]);
  });
});

describe('calculate: invalid requests throw CalcError naming the selection and the rule', () => {
  it.each([
    ['no selections', { selections: [] }, 'selections: expected at least one selection'],
    [
      'odds out of range for the format',
      { selections: [ah('home', -0.5, 1.2, { format: 'malay' })] },
      'selections[0].odds: malay odds must be -1 <= m <= 1 and m != 0, got 1.2',
    ],
    [
      'american between -100 and 100',
      { selections: [ah('home', -0.5, 2), ah('away', 0.5, 50, { format: 'american' })] },
      'selections[1].odds: american odds must be a <= -100 or a >= 100, got 50',
    ],
    [
      'a line not a multiple of 0.25',
      { selections: [ah('home', -0.3, 2)] },
      'selections[0].line: expected a multiple of 0.25, got -0.3',
    ],
    [
      'a line on 1x2',
      { selections: [{ market: '1x2', side: 'home', line: 0.5, odds: 2 }] },
      'selections[0].line: 1x2 has no line',
    ],
    [
      'markets on different dimensions',
      { selections: [ah('home', -0.5, 2), { market: 'ou', side: 'over', line: 2.5, odds: 2 }] },
      'selections[1].market: ou settles on the total but selections[0] (ah) on the margin: they share no outcome dimension',
    ],
    [
      'mixed periods',
      { selections: [ah('home', -0.5, 2), ah('away', 0.5, 2, { period: 'ht' })] },
      'selections[1].period: period "ht" differs from selections[0] ("ft"): mixed periods',
    ],
    [
      'a side the market lacks',
      { selections: [{ market: 'ou', side: 'draw', line: 2.5, odds: 2 }] },
      'selections[0].side: ou has no side "draw" (its sides: over, under)',
    ],
    ['not an object', 'hello', '(root): expected object, received string'],
  ])('%s', (_name, request, message) => {
    let caught: unknown;
    try {
      calculate(request);
    } catch (err: unknown) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(CalcError);
    expect((caught as CalcError).name).toBe('CalcError');
    expect((caught as CalcError).message).toContain(message);
  });
});

describe('arbSelections: a reported arbitrage back into the calculator', () => {
  it('keeps each leg, its book and the period; a 1x2 leg without a line is valid', () => {
    const legs = [
      {
        book: 'pin',
        eventId: 'p1',
        market: '1x2',
        line: null,
        side: 'home',
        odds: 2.3,
        stakeFraction: 0.43,
        maxStake: null,
      },
      {
        book: 'sbo',
        eventId: 's1',
        market: '1x2',
        line: null,
        side: 'draw',
        odds: 3.9,
        stakeFraction: 0.26,
        maxStake: null,
      },
      {
        book: 'bmk',
        eventId: 'b1',
        market: '1x2',
        line: null,
        side: 'away',
        odds: 3.4,
        stakeFraction: 0.31,
        maxStake: 500,
      },
    ] as const;
    const selections = arbSelections({ period: 'ht', legs: [...legs] });
    expect(selections.map((s) => [s.book, s.period, s.side, s.odds])).toEqual([
      ['pin', 'ht', 'home', 2.3],
      ['sbo', 'ht', 'draw', 3.9],
      ['bmk', 'ht', 'away', 3.4],
    ]);
    expect(calculate({ selections }).returnRatio).toBeCloseTo(1 / (1 / 2.3 + 1 / 3.9 + 1 / 3.4), 9);
  });
});
