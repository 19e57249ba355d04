// Prices as each book quotes them: in its own format, rounded as that book rounds.
import { fromDecimal, toDecimal } from '@arbhub/odds';
import type { OddsFormat, Side } from '@arbhub/schema';
import type { BookId } from './teams.js';
import type { MarketKey } from './world.js';

/** One selection of a listing, as the fair-odds maps key it: `ft|ah|-0.25|home`. */
export const priceKey = (price: { market: MarketKey; side: Side }): string =>
  `${price.market.period}|${price.market.market}|${price.market.line ?? ''}|${price.side}`;

/** The format each book quotes in (docs/simulator.md). */
export const BOOK_FORMAT: Readonly<Record<BookId, OddsFormat>> = {
  csport: 'malay',
  sbo: 'hk',
  bmk: 'american',
  pin: 'decimal',
  // IBC quotes malay by default; an account set to HK sees the same prices in HK (books/ibc.ts).
  ibc: 'malay',
  cmd: 'indo',
};

/** Each book's margin (overround share) and the digits it rounds to. */
export const BOOK_MARGIN: Readonly<Record<BookId, number>> = {
  csport: 0.025,
  sbo: 0.035,
  bmk: 0.05,
  pin: 0.02,
  ibc: 0.03,
  cmd: 0.028,
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
  if (format === 'indo' && Math.abs(native) < 1) native = native < 0 ? -1 : 1;
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
  /**
   * The side's quote from its last pricing, kept when nothing of this side changed
   * (`dirty` not true) and the market needs no scaling: the same inputs give the same
   * quote. (A world Price is a SideInput as it is.)
   */
  quote?: Quote | undefined;
  dirty?: boolean | undefined;
}

function impliedSum(quotes: readonly Quote[]): number {
  let sum = 0;
  for (const q of quotes) sum += 1 / q.decimal;
  return sum;
}

/** The free side (not held) with the longest (`longest`) or shortest odds. */
function extremeSide(sides: readonly SideInput[], quotes: readonly Quote[], longest: boolean): number {
  let at = -1;
  for (let i = 0; i < sides.length; i += 1) {
    if (sides[i]?.frozen) continue;
    const d = quotes[i]?.decimal ?? 0;
    const best = at === -1 ? undefined : (quotes[at]?.decimal ?? 0);
    if (best === undefined || (longest ? d > best : d < best)) at = i;
  }
  return at;
}

/**
 * A book's quotes of every side of one market: each side's fair odds with the book's
 * margin and its own drift, then the sides scaled together so that the market's
 * overround stays within MARGIN_RANGE (sides a plant holds keep their quote; the
 * others make up the difference), rounded as the book rounds and checked again after
 * rounding. Books disagree through their drifts; none ever quotes its own market
 * under 100%. Called for every moved market of every tick: plain loops, few objects.
 */
export function priceMarket(book: BookId, sides: readonly SideInput[], margin = BOOK_MARGIN[book]): Quote[] {
  const quotes: Quote[] = new Array<Quote>(sides.length);
  let held = 0;
  let loose = 0;
  let free = 0;
  for (let i = 0; i < sides.length; i += 1) {
    const side = sides[i] as SideInput;
    if (side.frozen) {
      quotes[i] = side.frozen;
      held += 1 / side.frozen.decimal;
    } else {
      free += 1;
      loose += ((1 + margin) / side.fair) * Math.exp(-side.drift);
    }
  }
  if (free === 0) return quotes;
  const low = 1 + MARGIN_RANGE.min;
  const high = 1 + MARGIN_RANGE.max;
  const total = held + loose;
  const scale = total < low ? (low - held) / loose : total > high && high > held ? (high - held) / loose : 1;
  for (let i = 0; i < sides.length; i += 1) {
    const side = sides[i] as SideInput;
    if (side.frozen) continue;
    quotes[i] =
      scale === 1 && side.quote && side.dirty !== true
        ? side.quote
        : quoteFor(book, side.fair / ((1 + margin) * scale * Math.exp(-side.drift)));
  }
  // Rounding to the book's digits (coarse at long malay or american odds) and the odds
  // caps can still cross an edge: move the longest (or shortest) free side until inside.
  // The target moves on from itself, not from the rounded quote, which may round back.
  if (impliedSum(quotes) >= low && impliedSum(quotes) <= high) return quotes;
  const wanted = quotes.map((quote) => quote.decimal);
  const nudge = (longest: boolean, factor: number): void => {
    const at = extremeSide(sides, quotes, longest);
    wanted[at] = (wanted[at] ?? 2) * factor;
    quotes[at] = quoteFor(book, wanted[at] ?? 2);
  };
  for (let step = 0; step < 200 && impliedSum(quotes) < low; step += 1) nudge(true, 0.99);
  for (let step = 0; step < 200 && impliedSum(quotes) > high; step += 1) nudge(false, 1.005);
  return quotes;
}

/** The overround of a book's market, as its rounded quotes show it: sum of 1/odds, minus 1. */
export function overround(quotes: readonly Quote[]): number {
  return impliedSum(quotes) - 1;
}
