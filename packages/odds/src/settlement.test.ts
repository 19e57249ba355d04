import { describe, expect, it } from 'vitest';
import { breakpoints, isQuarterLine, outcomeGrid, outcomeLabels, settle, winReturn } from './index.js';
import type { SettleSelection } from './index.js';

// Every row below was worked by hand from docs/markets.md, not computed by the code
// under test: m = d + L (home), m = L - d (away, L its own handicap), m = t - L
// (over), m = L - t (under); quarter lines average the halves at L -/+ 0.25.
// At odds 1.90 the results are: win W = 1.90, half-win HW = (1 + 1.90) / 2 = 1.45,
// push P = 1, half-loss HL = 0.5, loss L = 0.
const ODDS = 1.9;
const R = { W: 1.9, HW: 1.45, P: 1, HL: 0.5, L: 0 } as const;
type Result = keyof typeof R;

// [home handicap L, final margin d, result]
const AH_HOME: [number, number, Result][] = [
  [-2.75, 2, 'L'],
  [-2.75, 3, 'HW'],
  [-2.75, 4, 'W'],
  [-2.5, 2, 'L'],
  [-2.5, 3, 'W'],
  [-2.25, 1, 'L'],
  [-2.25, 2, 'HL'],
  [-2.25, 3, 'W'],
  [-2, 1, 'L'],
  [-2, 2, 'P'],
  [-2, 3, 'W'],
  [-1.75, 1, 'L'],
  [-1.75, 2, 'HW'],
  [-1.75, 3, 'W'],
  [-1.5, 1, 'L'],
  [-1.5, 2, 'W'],
  [-1.25, 0, 'L'],
  [-1.25, 1, 'HL'],
  [-1.25, 2, 'W'],
  [-1, 0, 'L'],
  [-1, 1, 'P'],
  [-1, 2, 'W'],
  [-0.75, 0, 'L'],
  [-0.75, 1, 'HW'],
  [-0.75, 2, 'W'],
  [-0.5, 0, 'L'],
  [-0.5, 1, 'W'],
  [-0.25, -1, 'L'],
  [-0.25, 0, 'HL'],
  [-0.25, 1, 'W'],
  [0, -1, 'L'],
  [0, 0, 'P'],
  [0, 1, 'W'],
  [0.25, -1, 'L'],
  [0.25, 0, 'HW'],
  [0.25, 1, 'W'],
  [0.5, -1, 'L'],
  [0.5, 0, 'W'],
  [0.75, -2, 'L'],
  [0.75, -1, 'HL'],
  [0.75, 0, 'W'],
  [1, -2, 'L'],
  [1, -1, 'P'],
  [1, 0, 'W'],
  [1.25, -2, 'L'],
  [1.25, -1, 'HW'],
  [1.25, 0, 'W'],
  [1.5, -2, 'L'],
  [1.5, -1, 'W'],
  [1.75, -3, 'L'],
  [1.75, -2, 'HL'],
  [1.75, -1, 'W'],
  [2, -3, 'L'],
  [2, -2, 'P'],
  [2, -1, 'W'],
  [2.25, -3, 'L'],
  [2.25, -2, 'HW'],
  [2.25, -1, 'W'],
  [2.5, -3, 'L'],
  [2.5, -2, 'W'],
  [2.75, -4, 'L'],
  [2.75, -3, 'HL'],
  [2.75, -2, 'W'],
];

// [away's own handicap L, final margin d (home - away), result]
const AH_AWAY: [number, number, Result][] = [
  [0.25, 0, 'HW'],
  [0.25, 1, 'L'],
  [0.25, -1, 'W'],
  [-0.25, 0, 'HL'],
  [-0.25, -1, 'W'],
  [0.5, 0, 'W'],
  [0.5, 1, 'L'],
  [-0.75, -1, 'HW'],
  [-0.75, 0, 'L'],
  [1, 1, 'P'],
  [1, 2, 'L'],
  [-1.5, -2, 'W'],
  [-1.5, -1, 'L'],
  [1.75, 2, 'HL'],
  [2.25, 2, 'HW'],
];

// [side, total line L, final total t, result]
const OU: ['over' | 'under', number, number, Result][] = [
  ['over', 0.5, 0, 'L'],
  ['over', 0.5, 1, 'W'],
  ['over', 1.75, 1, 'L'],
  ['over', 1.75, 2, 'HW'],
  ['over', 1.75, 3, 'W'],
  ['over', 2, 2, 'P'],
  ['over', 2, 1, 'L'],
  ['over', 2.25, 2, 'HL'],
  ['over', 2.25, 3, 'W'],
  ['over', 2.5, 2, 'L'],
  ['over', 2.5, 3, 'W'],
  ['over', 2.75, 2, 'L'],
  ['over', 2.75, 3, 'HW'],
  ['over', 2.75, 4, 'W'],
  ['over', 3, 3, 'P'],
  ['under', 0.75, 0, 'W'],
  ['under', 0.75, 1, 'HL'],
  ['under', 0.75, 2, 'L'],
  ['under', 2.25, 2, 'HW'],
  ['under', 2.25, 3, 'L'],
  ['under', 2.5, 2, 'W'],
  ['under', 2.5, 3, 'L'],
  ['under', 2.75, 2, 'W'],
  ['under', 2.75, 3, 'HL'],
  ['under', 3, 3, 'P'],
  ['under', 3, 4, 'L'],
  ['under', 3.25, 3, 'HW'],
];

// [market, side, final margin d, result]
const ONE_X_TWO_ML: ['1x2' | 'ml', 'home' | 'draw' | 'away', number, Result][] = [
  ['1x2', 'home', 1, 'W'],
  ['1x2', 'home', 0, 'L'],
  ['1x2', 'home', -3, 'L'],
  ['1x2', 'draw', 0, 'W'],
  ['1x2', 'draw', 1, 'L'],
  ['1x2', 'draw', -1, 'L'],
  ['1x2', 'away', -1, 'W'],
  ['1x2', 'away', 0, 'L'],
  ['1x2', 'away', 2, 'L'],
  ['ml', 'home', 3, 'W'],
  ['ml', 'home', -1, 'L'],
  ['ml', 'away', -2, 'W'],
  ['ml', 'away', 1, 'L'],
];

const ah = (side: 'home' | 'away', line: number, odds = ODDS, commission = 0): SettleSelection => ({
  market: 'ah',
  side,
  line,
  odds,
  commission,
});

describe('settle: hand-worked table', () => {
  it('has at least 60 Asian handicap rows covering every line from -2.75 to +2.75', () => {
    expect(AH_HOME.length + AH_AWAY.length).toBeGreaterThanOrEqual(60);
    const lines = new Set(AH_HOME.map(([line]) => line));
    for (let line = -2.75; line <= 2.75; line += 0.25) expect(lines.has(line), `line ${line}`).toBe(true);
  });

  it.each(AH_HOME)('ah home %d at margin %d: %s', (line, margin, result) => {
    expect(settle(ah('home', line), margin)).toBeCloseTo(R[result], 12);
  });

  it.each(AH_AWAY)('ah away %d at margin %d: %s', (line, margin, result) => {
    expect(settle(ah('away', line), margin)).toBeCloseTo(R[result], 12);
  });

  it.each(OU)('%s %d at total %d: %s', (side, line, total, result) => {
    expect(settle({ market: 'ou', side, line, odds: ODDS }, total)).toBeCloseTo(R[result], 12);
  });

  it.each(ONE_X_TWO_ML)('%s %s at margin %d: %s', (market, side, margin, result) => {
    expect(settle({ market, side, odds: ODDS }, margin)).toBeCloseTo(R[result], 12);
  });

  it('voids ml at a final margin of 0 (no draw in its sports)', () => {
    expect(settle({ market: 'ml', side: 'home', odds: ODDS }, 0)).toBe(1);
  });
});

describe('commission', () => {
  // c is taken from the net winnings only: win = 1 + (D - 1)(1 - c).
  it.each([
    [2.0, 0.02, 1.98], // 1 + 1 * 0.98
    [1.9, 0.05, 1.855], // 1 + 0.9 * 0.95
    [3.5, 0.1, 3.25], // 1 + 2.5 * 0.9
    [2.0, 0, 2],
  ])('odds %d less commission %d return %d on a win', (odds, commission, expected) => {
    expect(winReturn(odds, commission)).toBeCloseTo(expected, 12);
  });

  it.each([
    // [home line, margin, odds, commission, expected]
    [-0.5, 1, 2.0, 0.02, 1.98], // full win
    [0.25, 0, 2.0, 0.02, 1.49], // half-win: (1 + 1.98) / 2
    [-0.25, 0, 2.0, 0.02, 0.5], // half-loss: no winnings, no commission
    [0, 0, 2.0, 0.02, 1], // push: the stake back in full
    [-0.5, 0, 2.0, 0.02, 0], // loss
  ])('ah home %d at margin %d, odds %d, commission %d → %d', (line, margin, odds, commission, expected) => {
    expect(settle(ah('home', line, odds, commission), margin)).toBeCloseTo(expected, 12);
  });

  it('applies to 1x2 and totals too', () => {
    expect(settle({ market: '1x2', side: 'draw', odds: 3.4, commission: 0.05 }, 0)).toBeCloseTo(3.28, 12); // 1 + 2.4 * 0.95
    expect(settle({ market: 'ou', side: 'under', line: 2.75, odds: 2.1, commission: 0.1 }, 2)).toBeCloseTo(
      1.99,
      12,
    ); // 1 + 1.1 * 0.9
  });
});

describe('in play', () => {
  it('settles ah on the goals still to come, whatever the score', () => {
    // Home leads 1-0; home -0.5 needs the home team to win the REST of the match.
    expect(settle(ah('home', -0.5), 0, [1, 0])).toBe(0);
    expect(settle(ah('home', -0.5), 1, [1, 0])).toBeCloseTo(R.W, 12);
    // Away +0.25 at 2-2 with no more goals: half-win, as at 0-0.
    expect(settle(ah('away', 0.25), 0, [2, 2])).toBeCloseTo(R.HW, 12);
  });

  it('settles 1x2, ml and ou on the whole match', () => {
    expect(settle({ market: '1x2', side: 'home', odds: ODDS }, 0, [1, 0])).toBeCloseTo(R.W, 12);
    expect(settle({ market: '1x2', side: 'draw', odds: ODDS }, 1, [0, 1])).toBeCloseTo(R.W, 12);
    expect(settle({ market: 'ml', side: 'away', odds: ODDS }, -1, [0, 0])).toBeCloseTo(R.W, 12);
    expect(settle({ market: 'ou', side: 'over', line: 2.5, odds: ODDS }, 1, [1, 1])).toBeCloseTo(R.W, 12);
    expect(settle({ market: 'ou', side: 'over', line: 2.5, odds: ODDS }, 0, [1, 1])).toBe(0);
    expect(settle({ market: 'ou', side: 'under', line: 2.25, odds: ODDS }, 0, [1, 1])).toBeCloseTo(R.HW, 12);
  });
});

describe('outcome grid', () => {
  it('spans one outcome beyond the outermost breakpoints', () => {
    expect(breakpoints(ah('home', -0.25))).toEqual([0, 0.5]);
    expect(breakpoints(ah('away', 0.5))).toEqual([0.25, 0.75]);
    expect(outcomeGrid([ah('home', -0.25), ah('away', 0.5)])).toEqual([-1, 0, 1, 2]);
    expect(outcomeGrid([{ market: '1x2', side: 'home', odds: 2 }])).toEqual([-1, 0, 1]);
  });

  it('starts totals at 0 and leaves out a draw where ml is involved', () => {
    expect(outcomeGrid([{ market: 'ou', side: 'over', line: 0.5, odds: 2 }])).toEqual([0, 1, 2]);
    expect(outcomeGrid([{ market: 'ou', side: 'over', line: 2.25, odds: 2 }])).toEqual([1, 2, 3, 4]);
    expect(outcomeGrid([{ market: 'ml', side: 'home', odds: 2 }, ah('away', 1.5)])).toEqual([-1, 1, 2, 3]);
  });

  it('follows the score in play', () => {
    expect(outcomeGrid([{ market: '1x2', side: 'home', odds: 2 }], [2, 0])).toEqual([-3, -2, -1]);
    expect(outcomeGrid([{ market: 'ou', side: 'over', line: 2.5, odds: 2 }], [1, 1])).toEqual([0, 1, 2]);
  });

  it('labels the open ends', () => {
    expect(outcomeLabels('margin', [-1, 0, 1])).toEqual(['margin <= -1', 'margin = 0', 'margin >= 1']);
    expect(outcomeLabels('total', [0, 1, 2])).toEqual(['total = 0', 'total = 1', 'total >= 2']);
    expect(outcomeLabels('total', [1, 2, 3])).toEqual(['total <= 1', 'total = 2', 'total >= 3']);
  });

  it('knows quarter lines', () => {
    expect([-0.75, -0.25, 0.25, 2.25].every(isQuarterLine)).toBe(true);
    expect([-1, -0.5, 0, 0.5, 2].some(isQuarterLine)).toBe(false);
  });
});
