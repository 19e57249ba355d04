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

/**
 * Why `value` is not a valid price in `format`, or undefined when it is.
 * Non-finite numbers are never valid.
 */
export function oddsRangeProblem(format: OddsFormat, value: number): string | undefined {
  if (!Number.isFinite(value)) return `${format} odds must be a finite number`;
  return IN_RANGE[format](value) ? undefined : `${format} odds must be ${ODDS_RANGES[format]}, got ${value}`;
}
