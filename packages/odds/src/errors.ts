import type { OddsFormat } from '@arbhub/schema';

/** Base of every error @arbhub/odds throws. */
export class OddsError extends Error {
  override name = 'OddsError';
}

/** A price outside the valid range of its format (markets.md), or not a finite number. */
export class OddsRangeError extends OddsError {
  override name = 'OddsRangeError';
  readonly format: OddsFormat;
  readonly value: number;

  constructor(format: OddsFormat, value: number, message: string) {
    super(message);
    this.format = format;
    this.value = value;
  }
}
