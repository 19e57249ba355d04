// The odds formats and their valid ranges, free of zod so that a browser bundle (the
// dashboard) can use them without the schema library.
/** The odds formats books quote in. On the wire every price is decimal. */
export const ODDS_FORMATS = ['decimal', 'malay', 'hk', 'indo', 'american'] as const;
export type OddsFormat = (typeof ODDS_FORMATS)[number];

/** The valid range of each format, as markets.md defines it, in words for error messages. */
export const ODDS_RANGES: Readonly<Record<OddsFormat, string>> = {
  decimal: 'D > 1',
  malay: '-1 <= m <= 1 and m != 0',
  hk: 'h > 0',
  indo: 'i <= -1 or i >= 1',
  american: 'a <= -100 or a >= 100',
};

const IN_RANGE: Readonly<Record<OddsFormat, (value: number) => boolean>> = {
  decimal: (d) => d > 1,
  malay: (m) => m >= -1 && m <= 1 && m !== 0,
  hk: (h) => h > 0,
  indo: (i) => Math.abs(i) >= 1,
  american: (a) => Math.abs(a) >= 100,
};

/** The longest price the API takes, in decimal: no real market is priced beyond it. */
export const MAX_DECIMAL_ODDS = 1000;

/** The same bound in each format's own terms (decimal 1000 = hk 999 = american +99900 ...). */
export const ODDS_BOUNDS: Readonly<Record<OddsFormat, string>> = {
  decimal: `D <= ${MAX_DECIMAL_ODDS.toString()}`,
  malay: 'm > 0 or m <= -1/999 (-0.001001...)',
  hk: 'h <= 999',
  indo: 'i <= 999',
  american: 'a <= 99900',
};

const IN_BOUNDS: Readonly<Record<OddsFormat, (value: number) => boolean>> = {
  decimal: (d) => d <= MAX_DECIMAL_ODDS,
  malay: (m) => m > 0 || -m * (MAX_DECIMAL_ODDS - 1) >= 1,
  hk: (h) => h <= MAX_DECIMAL_ODDS - 1,
  indo: (i) => i <= MAX_DECIMAL_ODDS - 1,
  american: (a) => a <= (MAX_DECIMAL_ODDS - 1) * 100,
};

/**
 * Why `value` is not a price the API takes in `format` (POST /calc): out of the format's
 * range, or longer than decimal 1000. Undefined when it is fine.
 */
export function oddsInputProblem(format: OddsFormat, value: number): string | undefined {
  const problem = oddsRangeProblem(format, value);
  if (problem) return problem;
  return IN_BOUNDS[format](value)
    ? undefined
    : `${format} odds must be ${ODDS_BOUNDS[format]} (decimal ${MAX_DECIMAL_ODDS.toString()} at most), got ${value}`;
}

/**
 * Why `value` is not a valid price in `format`, or undefined when it is.
 * Non-finite numbers are never valid.
 */
export function oddsRangeProblem(format: OddsFormat, value: number): string | undefined {
  if (!Number.isFinite(value)) return `${format} odds must be a finite number`;
  return IN_RANGE[format](value) ? undefined : `${format} odds must be ${ODDS_RANGES[format]}, got ${value}`;
}
