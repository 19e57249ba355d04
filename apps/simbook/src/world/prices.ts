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
