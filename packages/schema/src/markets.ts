import { z } from 'zod';
import { decimalOddsSchema, moneySchema, quarterLineSchema, unionError } from './primitives.js';

export const MARKETS = ['1x2', 'ml', 'ah', 'ou'] as const;
export type MarketType = (typeof MARKETS)[number];
export const marketTypeSchema = z.enum(MARKETS, { error: 'expected "1x2", "ml", "ah" or "ou"' });

export const PERIODS = ['ft', 'ht'] as const;
export const periodSchema = z.enum(PERIODS, { error: 'expected "ft" or "ht"' });
export type Period = z.infer<typeof periodSchema>;

export const SIDES = ['home', 'draw', 'away', 'over', 'under'] as const;
export const sideSchema = z.enum(SIDES, { error: `expected one of ${SIDES.join(', ')}` });
export type Side = z.infer<typeof sideSchema>;

/** The sides each market prices. */
export const MARKET_SIDES = {
  '1x2': ['home', 'draw', 'away'],
  ml: ['home', 'away'],
  ah: ['home', 'away'],
  ou: ['over', 'under'],
} as const satisfies Record<MarketType, readonly Side[]>;

/** Whether a market carries a line (handicap or total). */
export const MARKET_HAS_LINE: Readonly<Record<MarketType, boolean>> = {
  '1x2': false,
  ml: false,
  ah: true,
  ou: true,
};

/** What a market settles on (markets.md): the goal margin or the total. */
export const MARKET_DIMENSION = {
  '1x2': 'margin',
  ml: 'margin',
  ah: 'margin',
  ou: 'total',
} as const satisfies Record<MarketType, 'margin' | 'total'>;
export type Dimension = (typeof MARKET_DIMENSION)[MarketType];

/** A price on the wire: decimal odds, or null to withdraw it (in a delta). */
const priceSchema = decimalOddsSchema.nullable();

const noLine = (market: MarketType) => z.never({ error: `${market} has no line` }).optional();

const common = {
  period: periodSchema,
  /** The most the book takes on this market, in the account's currency. */
  maxStake: moneySchema.optional(),
};

export const market1x2Schema = z.object({
  market: z.literal('1x2'),
  ...common,
  line: noLine('1x2'),
  prices: z.strictObject({ home: priceSchema, draw: priceSchema, away: priceSchema }),
});

export const marketMlSchema = z.object({
  market: z.literal('ml'),
  ...common,
  line: noLine('ml'),
  prices: z.strictObject({ home: priceSchema, away: priceSchema }),
});

export const marketAhSchema = z.object({
  market: z.literal('ah'),
  ...common,
  /** The handicap of the HOME team. */
  line: quarterLineSchema,
  prices: z.strictObject({ home: priceSchema, away: priceSchema }),
});

export const marketOuSchema = z.object({
  market: z.literal('ou'),
  ...common,
  /** The total (goals or points). */
  line: quarterLineSchema.refine((line) => line >= 0, { error: 'expected a total >= 0' }),
  prices: z.strictObject({ over: priceSchema, under: priceSchema }),
});

/** One market of a match: type, period, line where it has one, and the price of each side. */
export const marketSchema = z.discriminatedUnion(
  'market',
  [market1x2Schema, marketMlSchema, marketAhSchema, marketOuSchema],
  { error: unionError('expected market "1x2", "ml", "ah" or "ou"') },
);
export type Market = z.infer<typeof marketSchema>;

/** The identity of a market within a match: one market+period+line has one set of prices. */
export function marketKey(market: Pick<Market, 'market' | 'period' | 'line'>): string {
  return market.line === undefined
    ? `${market.market}:${market.period}`
    : `${market.market}:${market.period}:${market.line}`;
}
