import { describe, expect, it } from 'vitest';
import {
  guaranteed,
  maximin,
  seededRandom,
  outcomeGrid,
  payoffMatrix,
  solveLp,
  solvePair,
  solvePartition,
} from './index.js';
import type { SettleSelection } from './index.js';

function randomSelection(random: () => number, dimension: 'margin' | 'total'): SettleSelection {
  const odds = 1.2 + random() * 3.3;
  const commission = random() < 0.3 ? random() * 0.05 : 0;
  const quarter = (from: number, to: number) => from + Math.floor(random() * ((to - from) * 4 + 1)) / 4;
  if (dimension === 'total') {
    return {
      market: 'ou',
      side: random() < 0.5 ? 'over' : 'under',
      line: quarter(0.5, 4.5),
      odds,
      commission,
    };
  }
  if (random() < 0.25) {
    const sides = ['home', 'draw', 'away'] as const;
    return { market: '1x2', side: sides[Math.floor(random() * 3)] ?? 'home', odds, commission };
  }
  return {
    market: 'ah',
    side: random() < 0.5 ? 'home' : 'away',
    line: quarter(-2.75, 2.75),
    odds,
    commission,
  };
}

function matrixOf(selections: SettleSelection[]): number[][] {
  return payoffMatrix(selections, outcomeGrid(selections));
}

describe('maximin fast paths agree with the LP', () => {
  const random = seededRandom(20261123);

  it('on 3,000 random pairs (ah, ou, 1x2; quarter, half and whole lines; commission)', () => {
    let arbitrages = 0;
    for (let n = 0; n < 3000; n += 1) {
      const dimension = random() < 0.7 ? 'margin' : 'total';
      const matrix = matrixOf([randomSelection(random, dimension), randomSelection(random, dimension)]);
      const [a, b] = matrix;
      const fast = solvePair(a!, b!);
      const lp = solveLp(matrix);
      expect(Math.abs(fast.z - lp.z), `pair ${n}`).toBeLessThan(1e-9);
      // The fast path's stakes really guarantee its z.
      expect(guaranteed(matrix, fast.stakes)).toBeCloseTo(fast.z, 12);
      if (fast.z > 1) arbitrages += 1;
    }
    expect(arbitrages).toBeGreaterThan(100); // the sample reaches the interesting region
  });

  it('on 2,000 random triples, and on every 1x2 triple', () => {
    let partitions = 0;
    for (let n = 0; n < 2000; n += 1) {
      const selections =
        n % 4 === 0
          ? (['home', 'draw', 'away'] as const).map((side) => ({
              market: '1x2' as const,
              side,
              odds: 1.5 + random() * 5,
            }))
          : [0, 1, 2].map(() => randomSelection(random, 'margin'));
      const matrix = matrixOf(selections);
      const fast = maximin(matrix);
      const lp = solveLp(matrix);
      expect(Math.abs(fast.z - lp.z), `triple ${n}`).toBeLessThan(1e-9);
      if (fast.method === 'partition') partitions += 1;
    }
    expect(partitions).toBeGreaterThanOrEqual(500);
  });
});

describe('solvePartition', () => {
  it('applies to a 1x2 triple and to opposite sides of a half line', () => {
    const triple = matrixOf(
      (['home', 'draw', 'away'] as const).map((side, i) => ({
        market: '1x2' as const,
        side,
        odds: [2.6, 3.6, 3.4][i]!,
      })),
    );
    expect(solvePartition(triple)?.z).toBeCloseTo(1 / (1 / 2.6 + 1 / 3.6 + 1 / 3.4), 12);
    const half = matrixOf([
      { market: 'ah', side: 'home', line: -0.5, odds: 2.1 },
      { market: 'ah', side: 'away', line: 0.5, odds: 2.0 },
    ]);
    expect(solvePartition(half)?.z).toBeCloseTo(1 / (1 / 2.1 + 1 / 2.0), 12);
  });

  it('never applies to quarter or whole lines, where the textbook formula is wrong', () => {
    for (const line of [-0.25, 0.25, -0.75, 0, -1]) {
      const matrix = matrixOf([
        { market: 'ah', side: 'home', line, odds: 2.02 },
        { market: 'ah', side: 'away', line: -line, odds: 2.0 },
      ]);
      expect(solvePartition(matrix), `line ${line}`).toBeUndefined();
    }
  });
});

describe('the LP on 8 legs', () => {
  it('is at least as good as every pair among its legs and any random stakes', () => {
    const random = seededRandom(8);
    for (let n = 0; n < 40; n += 1) {
      const matrix = matrixOf(Array.from({ length: 8 }, () => randomSelection(random, 'margin')));
      const lp = solveLp(matrix);
      expect(lp.stakes.reduce((sum, s) => sum + s, 0)).toBeCloseTo(1, 12);
      for (let i = 0; i < 8; i += 1) {
        for (let j = i + 1; j < 8; j += 1) {
          expect(lp.z).toBeGreaterThanOrEqual(solvePair(matrix[i]!, matrix[j]!).z - 1e-9);
        }
      }
      for (let k = 0; k < 200; k += 1) {
        const raw = Array.from({ length: 8 }, () => random());
        const total = raw.reduce((sum, s) => sum + s, 0);
        expect(lp.z).toBeGreaterThanOrEqual(
          guaranteed(
            matrix,
            raw.map((s) => s / total),
          ) - 1e-9,
        );
      }
    }
  });
});
