// Stakes in money: books take whole units and cap each bet (docs/markets.md).

export interface RoundedStakes {
  /** Money per leg, multiples of the unit. */
  stakes: number[];
  /** Sum of the stakes. */
  total: number;
  /** The smallest payout over all outcomes. */
  minPayout: number;
  /** minPayout - total: the guaranteed profit (negative when none is possible). */
  profit: number;
  /** The bankroll the stakes were sized for: the one asked for, or less where a leg's maxStake bound it. */
  bankroll: number;
}

export interface RoundOptions {
  bankroll: number;
  /** Rounding unit, > 0; default 1. */
  unit?: number | undefined;
  /** Per leg, the most its book takes; undefined means no limit. */
  maxStakes?: readonly (number | undefined)[] | undefined;
}

/** Up to this many legs every floor/ceil choice is tried; beyond, legs round to nearest. */
const EXHAUSTIVE_LEGS = 12;

/** Undo binary noise in multiples of the unit (0.1 * 3 = 0.30000000000000004). */
function money(units: number, unit: number): number {
  return Number((units * unit).toPrecision(12));
}

function payouts(matrix: readonly (readonly number[])[], stakes: readonly number[]): number {
  const outcomes = matrix[0]?.length ?? 0;
  let worst = Infinity;
  for (let o = 0; o < outcomes; o += 1) {
    let sum = 0;
    stakes.forEach((stake, i) => (sum += stake * (matrix[i]?.[o] ?? 0)));
    worst = Math.min(worst, sum);
  }
  return Number(worst.toPrecision(12));
}

/**
 * Turns stake fractions into money. The whole set is first scaled down so that no
 * leg exceeds its maxStake; then each leg is rounded down or up to the unit, never
 * staking more than that bankroll or a leg's limit. Among the roundings whose
 * minimum payout is at least the bankroll, the one with the largest guaranteed
 * profit wins; when there is none, the one with the largest profit (or smallest loss).
 */
export function roundStakes(
  matrix: readonly (readonly number[])[],
  fractions: readonly number[],
  { bankroll, unit = 1, maxStakes = [] }: RoundOptions,
): RoundedStakes {
  let scale = 1;
  fractions.forEach((fraction, i) => {
    const limit = maxStakes[i];
    if (limit !== undefined && fraction > 0) scale = Math.min(scale, limit / (fraction * bankroll));
  });
  const budget = bankroll * scale;
  const ideal = fractions.map((fraction) => (fraction * budget) / unit);
  const fits = (units: readonly number[]): boolean =>
    units.reduce((sum, u) => sum + u, 0) * unit <= budget + 1e-9 &&
    units.every((u, i) => maxStakes[i] === undefined || u * unit <= (maxStakes[i] ?? 0) + 1e-9);

  let best: RoundedStakes | undefined;
  let bestCovers = false;
  const consider = (units: readonly number[]): void => {
    if (!fits(units)) return;
    const stakes = units.map((u) => money(u, unit));
    const total = Number(stakes.reduce((sum, s) => sum + s, 0).toPrecision(12));
    const minPayout = payouts(matrix, stakes);
    const profit = Number((minPayout - total).toPrecision(12));
    const covers = minPayout >= budget - 1e-9;
    const better =
      best === undefined ||
      (covers && !bestCovers) ||
      (covers === bestCovers && (profit > best.profit || (profit === best.profit && total > best.total)));
    if (better) {
      best = { stakes, total, minPayout, profit, bankroll: Number(budget.toPrecision(12)) };
      bestCovers = covers;
    }
  };

  const floors = ideal.map((x) => Math.floor(x + 1e-9));
  const open = ideal.flatMap((x, i) => (x - (floors[i] ?? 0) > 1e-9 ? [i] : []));
  if (open.length <= EXHAUSTIVE_LEGS) {
    for (let mask = 0; mask < 1 << open.length; mask += 1) {
      const units = [...floors];
      open.forEach((leg, bit) => {
        if (mask & (1 << bit)) units[leg] = (units[leg] ?? 0) + 1;
      });
      consider(units);
    }
  } else {
    consider(ideal.map((x) => Math.round(x)));
  }
  consider(floors); // always fits: the fallback when no rounding up does
  if (!best) throw new Error('unreachable: flooring always fits the budget');
  return best;
}
