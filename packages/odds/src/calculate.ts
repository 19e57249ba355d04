// calculate(): the stake calculator behind POST /calc, in exactly its shapes.
import { calcRequestSchema, check } from '@arbhub/schema';
import type { CalcAnswer, CalcRequest, CalcSelection } from '@arbhub/schema';
import { CalcError } from './errors.js';
import { toDecimal } from './odds-format.js';
import { dimensionOf, outcomeGrid, outcomeLabels, payoffMatrix } from './settlement.js';
import type { SettleSelection } from './settlement.js';
import { maximin } from './solver.js';
import { roundStakes } from './stakes.js';

/**
 * Below this a return is treated as exactly 1: a whole-line push returns the stake,
 * and floating-point noise must not turn a no-loss bet into an "arbitrage".
 */
export const ARB_EPSILON = 1e-9;

/** Decimal odds and settlement inputs of each validated selection. */
function toSettle(selections: readonly CalcSelection[]): SettleSelection[] {
  return selections.map((selection) => ({
    market: selection.market,
    side: selection.side,
    line: 'line' in selection ? selection.line : undefined,
    odds: toDecimal(selection.odds, selection.format),
    commission: selection.commission,
  }));
}

/** Rounds away binary noise in reported figures (12 significant digits). */
function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

/**
 * The stake calculator: the guaranteed return (maximin over outcomes) of a set of
 * selections in any odds format, the stake fractions achieving it, and with a
 * bankroll the stakes in money, rounded to the unit and within each maxStake.
 * Takes and returns the POST /calc shapes of docs/protocol.md; an invalid request
 * throws CalcError naming the selection and the rule it breaks.
 */
export function calculate(request: unknown): CalcAnswer {
  const checked = check(calcRequestSchema, request);
  if (!checked.ok) throw new CalcError(checked.error.message, checked.error.issues);
  const valid: CalcRequest = checked.value;
  const selections = toSettle(valid.selections);
  const outcomes = outcomeGrid(selections);
  const matrix = payoffMatrix(selections, outcomes);
  const { z, stakes } = maximin(matrix);
  const labels = outcomeLabels(dimensionOf(valid.selections[0]?.market ?? '1x2'), outcomes);

  const answer: CalcAnswer = {
    arbitrage: z > 1 + ARB_EPSILON,
    returnRatio: tidy(z),
    profitPct: tidy((z - 1) * 100),
    stakes: stakes.map(tidy),
    decimalOdds: selections.map((s) => s.odds),
    outcomes: outcomes.map((_, o) => ({
      label: labels[o] ?? '',
      payout: tidy(stakes.reduce((sum, s, i) => sum + s * (matrix[i]?.[o] ?? 0), 0)),
    })),
  };
  if (valid.bankroll !== undefined) {
    answer.rounded = roundStakes(matrix, stakes, {
      bankroll: valid.bankroll,
      unit: valid.round ?? 1,
      maxStakes: valid.selections.map((s) => s.maxStake),
    });
  }
  return answer;
}
