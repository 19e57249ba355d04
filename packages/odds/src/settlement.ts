// Settlement as docs/markets.md defines it: the return per unit stake of one
// selection for each outcome of the dimension it settles on.
import { MARKET_DIMENSION } from '@arbhub/schema';
import type { Dimension, MarketType, Side } from '@arbhub/schema';

/**
 * A selection to settle, in decimal odds. For `ah`, `line` is the handicap of the
 * side bet on ("away +0.5": the away team receives half a goal), so home -0.25 and
 * away +0.25 are the two sides of one market. For `ou` it is the total.
 */
export interface SettleSelection {
  market: MarketType;
  side: Side;
  line?: number | undefined;
  /** Decimal odds, > 1. */
  odds: number;
  /** Fraction of net winnings the book keeps, 0 <= c < 1. */
  commission?: number | undefined;
}

/**
 * The score when the bet is struck, [home, away]. Outcomes count the goals from
 * then on: in-play `ah` settles on those alone (the Asian rule), while `1x2`, `ml`
 * and `ou` add the score so far. Prematch it is [0, 0].
 */
export type Score = readonly [number, number];
const KICKOFF: Score = [0, 0];

/** What a winning part returns per unit: 1 + (D - 1)(1 - c). */
export function winReturn(odds: number, commission = 0): number {
  return 1 + (odds - 1) * (1 - commission);
}

/** Win, push or loss of one part settled at handicapped margin m. */
function settlePart(m: number, win: number): number {
  return m > 0 ? win : m === 0 ? 1 : 0;
}

/** True for quarter lines (4L odd): the stake splits in halves at L - 0.25 and L + 0.25. */
export function isQuarterLine(line: number): boolean {
  return Math.abs(Math.round(line * 4)) % 2 === 1;
}

/** The return of a line bet where `m(l)` is the handicapped margin for line l. */
function settleLine(line: number, win: number, m: (l: number) => number): number {
  if (!isQuarterLine(line)) return settlePart(m(line), win);
  return (settlePart(m(line - 0.25), win) + settlePart(m(line + 0.25), win)) / 2;
}

function requireLine(selection: SettleSelection): number {
  if (selection.line === undefined) throw new RangeError(`${selection.market} needs a line`);
  return selection.line;
}

/**
 * Return per unit stake R for `outcome` goals from `score` on: the margin (home
 * minus away) for 1x2, ml and ah, the total for ou. A win returns the odds (less
 * commission on the winnings), a push 1, a loss 0; quarter lines average halves.
 * ml has no draw: a final margin of 0 returns the stake (void).
 */
export function settle(selection: SettleSelection, outcome: number, score: Score = KICKOFF): number {
  const win = winReturn(selection.odds, selection.commission);
  const finalMargin = score[0] - score[1] + outcome;
  switch (selection.market) {
    case '1x2': {
      const won =
        selection.side === 'home'
          ? finalMargin > 0
          : selection.side === 'away'
            ? finalMargin < 0
            : finalMargin === 0;
      return won ? win : 0;
    }
    case 'ml':
      if (finalMargin === 0) return 1;
      return (selection.side === 'home') === finalMargin > 0 ? win : 0;
    case 'ah': {
      const line = requireLine(selection);
      return selection.side === 'home'
        ? settleLine(line, win, (l) => outcome + l)
        : settleLine(line, win, (l) => l - outcome);
    }
    case 'ou': {
      const total = score[0] + score[1] + outcome;
      return selection.side === 'over'
        ? settleLine(requireLine(selection), win, (l) => total - l)
        : settleLine(requireLine(selection), win, (l) => l - total);
    }
  }
}

/** Where R of `selection` can change, in outcome units (goals from `score` on). */
export function breakpoints(selection: SettleSelection, score: Score = KICKOFF): number[] {
  const margin0 = score[0] - score[1];
  switch (selection.market) {
    case '1x2':
    case 'ml':
      return [-margin0];
    case 'ah': {
      const line = requireLine(selection);
      const at = selection.side === 'home' ? -line : line;
      return [at - 0.25, at + 0.25];
    }
    case 'ou': {
      const at = requireLine(selection) - score[0] - score[1];
      return [at - 0.25, at + 0.25];
    }
  }
}

/** The dimension a market settles on. */
export function dimensionOf(market: MarketType): Dimension {
  return MARKET_DIMENSION[market];
}

/**
 * The outcomes that need enumerating for these selections: every integer from
 * floor(lowest breakpoint) - 1 to ceil(highest) + 1 (totals from 0); R is constant
 * beyond them. With an `ml` among them a final margin of 0 cannot happen and is left out.
 */
export function outcomeGrid(selections: readonly SettleSelection[], score: Score = KICKOFF): number[] {
  if (selections.length === 0) return [];
  let low = Infinity;
  let high = -Infinity;
  for (const selection of selections) {
    for (const point of breakpoints(selection, score)) {
      low = Math.min(low, point);
      high = Math.max(high, point);
    }
  }
  const dimension = dimensionOf(selections[0]?.market ?? '1x2');
  const from = dimension === 'total' ? Math.max(0, Math.floor(low) - 1) : Math.floor(low) - 1;
  const to = Math.max(from, Math.ceil(high) + 1);
  const noDraw = selections.some((s) => s.market === 'ml');
  const grid: number[] = [];
  for (let outcome = from; outcome <= to; outcome += 1) {
    if (!(noDraw && score[0] - score[1] + outcome === 0)) grid.push(outcome);
  }
  return grid;
}

/** R of every selection (rows) at every outcome (columns). */
export function payoffMatrix(
  selections: readonly SettleSelection[],
  outcomes: readonly number[],
  score: Score = KICKOFF,
): number[][] {
  return selections.map((selection) => outcomes.map((outcome) => settle(selection, outcome, score)));
}

/**
 * Names the outcomes the way people read them: the first and last stand for every
 * outcome beyond them (`margin <= -2`, `total >= 4`), the rest are exact.
 */
export function outcomeLabels(dimension: Dimension, outcomes: readonly number[]): string[] {
  return outcomes.map((outcome, index) => {
    const openBelow = index === 0 && !(dimension === 'total' && outcome === 0);
    if (openBelow && outcomes.length > 1) return `${dimension} <= ${outcome}`;
    if (index === outcomes.length - 1 && outcomes.length > 1) return `${dimension} >= ${outcome}`;
    return `${dimension} = ${outcome}`;
  });
}
