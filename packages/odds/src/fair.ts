// Fair prices from a model of the score: what a book would quote with no margin.
import { settle } from './settlement.js';
import type { Score, SettleSelection } from './settlement.js';

/** Poisson probabilities of 0..maxGoals goals at rate `lambda`. */
export function poisson(lambda: number, maxGoals = 10): number[] {
  const p: number[] = [];
  let term = Math.exp(-lambda);
  for (let k = 0; k <= maxGoals; k += 1) {
    p.push(term);
    term = (term * lambda) / (k + 1);
  }
  return p;
}

/**
 * The fair decimal odds of a selection when the goals still to come follow
 * independent Poisson rates (`home`, `away`: probabilities of 0, 1, 2, ... goals).
 * Per outcome R(D) = w D + p (w: the share that wins, p: what is returned anyway),
 * so E[R] = 1 at D = (1 - E[p]) / E[w]. Undefined when the selection cannot win.
 */
export function fairOdds(
  selection: Omit<SettleSelection, 'odds' | 'commission'>,
  home: readonly number[],
  away: readonly number[],
  score: Score = [0, 0],
): number | undefined {
  // The probability of each value of what the market settles on (margin or total)...
  const byOutcome = new Map<number, number>();
  home.forEach((ph, h) => {
    away.forEach((pa, a) => {
      const outcome = selection.market === 'ou' ? h + a : h - a;
      byOutcome.set(outcome, (byOutcome.get(outcome) ?? 0) + ph * pa);
    });
  });
  // ...then one settlement per value, not per score.
  let w = 0;
  let p = 0;
  for (const [outcome, probability] of byOutcome) {
    const r0 = settle({ ...selection, odds: 0 }, outcome, score);
    w += probability * (settle({ ...selection, odds: 1 }, outcome, score) - r0);
    p += probability * r0;
  }
  return w > 1e-9 ? (1 - p) / w : undefined;
}
