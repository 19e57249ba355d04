// Prices as each book quotes them: in its own format, rounded as that book rounds.
import { fromDecimal, toDecimal } from '@arbhub/odds';
import type { OddsFormat } from '@arbhub/schema';
import type { BookId } from './teams.js';

/** The format each book quotes in (docs/simulator.md). */
export const BOOK_FORMAT: Readonly<Record<BookId, OddsFormat>> = {
  csport: 'malay',
  sbo: 'hk',
  bmk: 'american',
  pin: 'decimal',
};

/** Each book's margin (overround share) and the digits it rounds to. */
export const BOOK_MARGIN: Readonly<Record<BookId, number>> = {
  csport: 0.025,
  sbo: 0.035,
  bmk: 0.05,
  pin: 0.02,
};

const DIGITS: Readonly<Record<OddsFormat, number>> = { decimal: 3, malay: 2, hk: 2, indo: 2, american: 0 };

export interface Quote {
  /** As the book's feed shows it. */
  native: number;
  /** The decimal that native price stands for: what the ground truth records. */
  decimal: number;
}

/** The book's quote nearest to a decimal price: rounded in its own format, kept in range. */
export function quoteFor(book: BookId, decimal: number): Quote {
  const format = BOOK_FORMAT[book];
  const d = Math.max(1.01, Math.min(decimal, 50));
  const factor = 10 ** DIGITS[format];
  let native = Math.round(fromDecimal(d, format) * factor) / factor;
  // Rounding must not leave the format's range (malay 1.004 → 1.00 is fine; 0 is not).
  if (format === 'malay' && native === 0) native = 0.01;
  if (format === 'american' && Math.abs(native) < 100) native = native < 0 ? -100 : 100;
  if (format === 'hk' && native <= 0) native = 0.01;
  return { native, decimal: toDecimal(native, format) };
}

/**
 * The overround every book keeps on each of its own two- and three-way markets, at
 * all times (a palpable error planted on purpose aside): a book never offers both
 * sides under 100%.
 */
export const MARGIN_RANGE = { min: 0.015, max: 0.07 } as const;

/** One side of a market as the book prices it: the fair odds and the book's own drift, or a quote held by a plant. */
export interface SideInput {
  fair: number;
  /** The book's deviation from fair, as a log factor on the odds. */
  drift: number;
  frozen?: Quote | undefined;
}

const impliedSum = (quotes: readonly Quote[]) => quotes.reduce((sum, q) => sum + 1 / q.decimal, 0);

/**
 * A book's quotes of every side of one market: each side's fair odds with the book's
 * margin and its own drift, then the sides scaled together so that the market's
 * overround stays within MARGIN_RANGE (sides a plant holds keep their quote; the
 * others make up the difference), rounded as the book rounds and checked again after
 * rounding. Books disagree through their drifts; none ever quotes its own market
 * under 100%.
 */
export function priceMarket(book: BookId, sides: readonly SideInput[], margin = BOOK_MARGIN[book]): Quote[] {
  const free = sides.flatMap((side, i) => (side.frozen ? [] : [i]));
  const quotes: Quote[] = sides.map((side) => side.frozen ?? { native: 0, decimal: 2 });
  if (free.length === 0) return quotes;
  const held = sides.reduce((sum, side) => sum + (side.frozen ? 1 / side.frozen.decimal : 0), 0);
  const implied = sides.map((side) => ((1 + margin) / side.fair) * Math.exp(-side.drift));
  const loose = free.reduce((sum, i) => sum + (implied[i] ?? 0), 0);
  // A little inside the range, so that rounding seldom crosses its edge.
  const low = 1 + MARGIN_RANGE.min + 0.004;
  const high = 1 + MARGIN_RANGE.max - 0.004;
  const total = held + loose;
  const scale = total < low ? (low - held) / loose : total > high && high > held ? (high - held) / loose : 1;
  for (const i of free) quotes[i] = quoteFor(book, 1 / ((implied[i] ?? 1) * scale));
  const wanted = quotes.map((quote) => quote.decimal);
  // Rounding to the book's digits (coarse at long malay or american odds) and the odds
  // caps can still cross an edge: move the longest (or shortest) free side until inside.
  const nudge = (pick: (a: number, b: number) => boolean, factor: number): void => {
    const at = free.reduce((a, b) => (pick(quotes[b]?.decimal ?? 0, quotes[a]?.decimal ?? 0) ? b : a));
    wanted[at] = (wanted[at] ?? 2) * factor;
    quotes[at] = quoteFor(book, wanted[at] ?? 2);
  };
  for (let step = 0; step < 200 && impliedSum(quotes) < 1 + MARGIN_RANGE.min; step += 1)
    nudge((a, b) => a > b, 0.99);
  for (let step = 0; step < 200 && impliedSum(quotes) > 1 + MARGIN_RANGE.max; step += 1)
    nudge((a, b) => a < b, 1.005);
  return quotes;
}

/** The overround of a book's market, as its rounded quotes show it: sum of 1/odds, minus 1. */
export function overround(quotes: readonly Quote[]): number {
  return impliedSum(quotes) - 1;
}
