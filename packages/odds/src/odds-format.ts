import { ODDS_FORMATS, oddsRangeProblem } from '@arbhub/schema/odds-formats';
import type { OddsFormat } from '@arbhub/schema/odds-formats';
import { OddsRangeError } from './errors.js';

export { ODDS_FORMATS };
export type { OddsFormat };

/** Names to show people for each format. */
export const ODDS_FORMAT_LABELS: Readonly<Record<OddsFormat, string>> = {
  decimal: 'Decimal',
  malay: 'Malay',
  hk: 'Hong Kong',
  indo: 'Indonesian',
  american: 'American',
};

/**
 * Conversions leave binary noise (1 + 0.95 = 1.9500000000000002); 12 significant
 * digits is far finer than any book quotes and makes equal prices compare equal.
 */
function clean(value: number): number {
  return Number(value.toPrecision(12));
}

/** Throws OddsRangeError unless `value` is a valid price in `format`. */
export function assertOdds(value: number, format: OddsFormat): void {
  const problem = oddsRangeProblem(format, value);
  if (problem) throw new OddsRangeError(format, value, problem);
}

const TO_DECIMAL: Readonly<Record<OddsFormat, (value: number) => number>> = {
  decimal: (d) => d,
  malay: (m) => (m > 0 ? 1 + m : 1 + 1 / Math.abs(m)),
  hk: (h) => 1 + h,
  indo: (i) => (i > 0 ? 1 + i : 1 + 1 / Math.abs(i)),
  american: (a) => (a > 0 ? 1 + a / 100 : 1 + 100 / Math.abs(a)),
};

/**
 * Even money (decimal 2) is the pivot of the signed formats: at or above it malay
 * is negative and indo and american positive. At exactly 2 the positive form is
 * used (malay +1, indo +1, american +100), as books print it.
 */
const FROM_DECIMAL: Readonly<Record<OddsFormat, (decimal: number) => number>> = {
  decimal: (d) => d,
  malay: (d) => (d <= 2 ? d - 1 : -1 / (d - 1)),
  hk: (d) => d - 1,
  indo: (d) => (d >= 2 ? d - 1 : -1 / (d - 1)),
  american: (d) => (d >= 2 ? (d - 1) * 100 : -100 / (d - 1)),
};

/** Converts a price in `format` to decimal odds; throws OddsRangeError when it is out of range. */
export function toDecimal(value: number, format: OddsFormat): number {
  assertOdds(value, format);
  return clean(TO_DECIMAL[format](value));
}

/** Converts decimal odds (> 1) to `format`; throws OddsRangeError when `decimal` is not > 1. */
export function fromDecimal(decimal: number, format: OddsFormat): number {
  assertOdds(decimal, 'decimal');
  return clean(FROM_DECIMAL[format](decimal));
}

/** Converts a price from one format to another. */
export function convertOdds(value: number, from: OddsFormat, to: OddsFormat): number {
  return from === to ? (assertOdds(value, from), value) : fromDecimal(toDecimal(value, from), to);
}

/** Decimal places each format is shown with by default. */
export const DISPLAY_DIGITS: Readonly<Record<OddsFormat, number>> = {
  decimal: 2,
  malay: 2,
  hk: 2,
  indo: 2,
  american: 0,
};

/** Rounds half away from zero, robust to binary representation (1.005 → 1.01). */
function roundHalfAway(value: number, digits: number): number {
  const factor = 10 ** digits;
  const scaled = Number((Math.abs(value) * factor).toPrecision(12));
  return (Math.sign(value) * Math.round(scaled)) / factor;
}

/**
 * Decimal odds shown in `format`, the way books print them: `1.95`, `-0.53` (malay),
 * `+150` / `-200` (american). `digits` overrides the format's usual precision.
 */
export function formatOdds(decimal: number, format: OddsFormat, digits = DISPLAY_DIGITS[format]): string {
  const value = roundHalfAway(fromDecimal(decimal, format), digits);
  const text = value.toFixed(digits);
  return format === 'american' && value > 0 ? `+${text}` : text;
}
