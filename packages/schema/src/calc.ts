import { z } from 'zod';
import {
  MARKET_DIMENSION,
  MARKET_HAS_LINE,
  MARKET_SIDES,
  marketTypeSchema,
  periodSchema,
  sideSchema,
} from './markets.js';
import type { Side } from './markets.js';
import { oddsFormatSchema, oddsInputProblem } from './odds-formats.js';
import { moneySchema, requiredOr } from './primitives.js';

/** The most money /calc works with: a bankroll or a stake limit beyond it is a typing error. */
export const MAX_CALC_MONEY = 1e9;
/** The largest handicap or total /calc takes. */
export const MAX_CALC_LINE = 500;
/** The most selections one /calc request combines. */
export const MAX_CALC_SELECTIONS = 50;

const calcMoneySchema = moneySchema.max(MAX_CALC_MONEY, {
  error: `expected at most ${MAX_CALC_MONEY.toExponential()}`,
});

/** One selection of a POST /calc request, in any odds format. */
export const calcSelectionSchema = z
  .object({
    market: marketTypeSchema,
    period: periodSchema.default('ft'),
    /** ah: the handicap of the side bet on ("away +0.25"), so home -0.25 and away +0.25 are one market's two sides; ou: the total. */
    line: z
      .number({ error: requiredOr('expected a number') })
      .min(-MAX_CALC_LINE, {
        error: `expected a line from -${MAX_CALC_LINE.toString()} to ${MAX_CALC_LINE.toString()}`,
      })
      .max(MAX_CALC_LINE, {
        error: `expected a line from -${MAX_CALC_LINE.toString()} to ${MAX_CALC_LINE.toString()}`,
      })
      .nullish(),
    side: sideSchema,
    odds: z.number({ error: requiredOr('expected a number') }),
    format: oddsFormatSchema.default('decimal'),
    /** Fraction of net winnings the book or exchange keeps. */
    commission: z
      .number({ error: requiredOr('expected a number') })
      .min(0, { error: 'expected a fraction from 0 (inclusive) to 1 (exclusive)' })
      .lt(1, { error: 'expected a fraction from 0 (inclusive) to 1 (exclusive)' })
      .default(0),
    book: z.string().optional(),
    /** The most this book takes on this selection. */
    maxStake: calcMoneySchema.optional(),
  })
  .superRefine((selection, ctx) => {
    const sides: readonly Side[] = MARKET_SIDES[selection.market];
    if (!sides.includes(selection.side)) {
      ctx.addIssue({
        code: 'custom',
        path: ['side'],
        message: `${selection.market} has no side "${selection.side}" (its sides: ${sides.join(', ')})`,
      });
    }
    const line = selection.line ?? undefined;
    if (!MARKET_HAS_LINE[selection.market]) {
      if (line !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['line'], message: `${selection.market} has no line` });
      }
    } else if (line === undefined) {
      ctx.addIssue({ code: 'custom', path: ['line'], message: `required for ${selection.market}` });
    } else if (!Number.isInteger(line * 4)) {
      ctx.addIssue({ code: 'custom', path: ['line'], message: `expected a multiple of 0.25, got ${line}` });
    } else if (selection.market === 'ou' && line < 0) {
      ctx.addIssue({ code: 'custom', path: ['line'], message: `expected a total >= 0, got ${line}` });
    }
    const problem = oddsInputProblem(selection.format, selection.odds);
    if (problem) ctx.addIssue({ code: 'custom', path: ['odds'], message: problem });
  })
  .transform(({ line, ...rest }) => (line === null || line === undefined ? rest : { ...rest, line }));
export type CalcSelection = z.infer<typeof calcSelectionSchema>;

/** POST /calc request: selections that together may form an arbitrage, and optionally money to stake. */
export const calcRequestSchema = z
  .object({
    selections: z
      .array(calcSelectionSchema, { error: requiredOr('expected an array of selections') })
      .min(1, { error: 'expected at least one selection' })
      .max(MAX_CALC_SELECTIONS, { error: `expected at most ${MAX_CALC_SELECTIONS.toString()} selections` }),
    bankroll: calcMoneySchema.optional(),
    /** Rounding unit for stakes in money (books take whole units); default 1. */
    round: calcMoneySchema.optional(),
  })
  .superRefine((request, ctx) => {
    const [first, ...rest] = request.selections;
    if (!first) return;
    rest.forEach((selection, offset) => {
      const index = offset + 1;
      if (selection.period !== first.period) {
        ctx.addIssue({
          code: 'custom',
          path: ['selections', index, 'period'],
          message: `period "${selection.period}" differs from selections[0] ("${first.period}"): mixed periods`,
        });
      }
      const dimension = MARKET_DIMENSION[selection.market];
      if (dimension !== MARKET_DIMENSION[first.market]) {
        ctx.addIssue({
          code: 'custom',
          path: ['selections', index, 'market'],
          message: `${selection.market} settles on the ${dimension} but selections[0] (${first.market}) on the ${MARKET_DIMENSION[first.market]}: they share no outcome dimension`,
        });
      }
    });
    const markets = new Set(request.selections.map((s) => s.market));
    if (markets.has('ml') && markets.has('1x2')) {
      const index = request.selections.findIndex((s) => s.market === 'ml');
      ctx.addIssue({
        code: 'custom',
        path: ['selections', index, 'market'],
        message: 'ml (a sport without draws) cannot be combined with 1x2 (a sport with draws)',
      });
    }
    if (request.round !== undefined && request.bankroll === undefined) {
      ctx.addIssue({ code: 'custom', path: ['round'], message: 'needs a bankroll to round' });
    } else if (
      request.round !== undefined &&
      request.bankroll !== undefined &&
      request.round > request.bankroll
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['round'],
        message: 'expected a rounding unit no larger than the bankroll',
      });
    }
  });
export type CalcRequest = z.infer<typeof calcRequestSchema>;
export type CalcRequestInput = z.input<typeof calcRequestSchema>;

/** POST /calc answer. */
export const calcAnswerSchema = z.object({
  arbitrage: z.boolean(),
  /** Guaranteed payout per unit staked: the maximin over outcomes. */
  returnRatio: z.number(),
  profitPct: z.number(),
  /** Stake fractions achieving returnRatio, in the order of the selections. */
  stakes: z.array(z.number().min(0).max(1)),
  decimalOdds: z.array(z.number().gt(1)),
  outcomes: z.array(z.object({ label: z.string(), payout: z.number() })),
  rounded: z
    .object({
      stakes: z.array(z.number().min(0)),
      minPayout: z.number(),
      profit: z.number(),
      /** Sum of the stakes (at most the bankroll). */
      total: z.number().optional(),
      /** The bankroll sized for: less than asked where a leg's maxStake bound it. */
      bankroll: z.number().optional(),
    })
    .optional(),
});
export type CalcAnswer = z.infer<typeof calcAnswerSchema>;
