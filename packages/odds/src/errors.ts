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

/** One rule a /calc request breaks: where (`selections[1].odds`) and what. */
export interface CalcProblem {
  path: string;
  message: string;
}

/** An invalid calculate() request; the message names each bad selection and the rule it breaks. */
export class CalcError extends OddsError {
  override name = 'CalcError';
  readonly problems: CalcProblem[];

  constructor(message: string, problems: CalcProblem[]) {
    super(message);
    this.problems = problems;
  }
}
