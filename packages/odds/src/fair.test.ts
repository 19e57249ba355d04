import { describe, expect, it } from 'vitest';
import { fairOdds, poisson } from './index.js';

describe('fair odds from Poisson goal rates', () => {
  const home = poisson(1.5);
  const away = poisson(1.1);

  it('makes a market with no margin: the implied probabilities of its sides add to 1', () => {
    const x12 = (['home', 'draw', 'away'] as const).map((side) =>
      fairOdds({ market: '1x2', side }, home, away)!,
    );
    expect(x12.reduce((sum, d) => sum + 1 / d, 0)).toBeCloseTo(1, 3);
    const ou = (['over', 'under'] as const).map((side) =>
      fairOdds({ market: 'ou', side, line: 2.5 }, home, away)!,
    );
    expect(1 / ou[0]! + 1 / ou[1]!).toBeCloseTo(1, 3);
  });

  it('prices both sides of a quarter line so that each is a fair bet', () => {
    const h = fairOdds({ market: 'ah', side: 'home', line: -0.25 }, home, away)!;
    const a = fairOdds({ market: 'ah', side: 'away', line: 0.25 }, home, away)!;
    expect(h).toBeGreaterThan(1);
    expect(a).toBeGreaterThan(1);
    // The home side is stronger: giving a quarter goal still prices it shorter.
    expect(h).toBeLessThan(a);
  });

  it('has probabilities that sum to 1 over enough goals', () => {
    expect(poisson(1.4, 20).reduce((s, p) => s + p, 0)).toBeCloseTo(1, 9);
  });
});
