// The sportsbook simulator's admin API (docs/simulator.md): the books it serves, the
// faults POST /admin/faults injects, and what its ground truth (/truth/*) answers.
import { z } from 'zod';
import { marketTypeSchema, periodSchema, sideSchema } from './markets.js';
import { bookIdSchema, decimalOddsSchema, epochMsSchema, nonEmptySchema } from './primitives.js';

/** The books the simulator serves. */
export const SIM_BOOKS = ['csport', 'sbo', 'bmk', 'pin', 'ibc', 'cmd'] as const;
export type SimBook = (typeof SIM_BOOKS)[number];

export const SIM_FAULT_KINDS = [
  'expire_sessions',
  'http_500',
  'malformed',
  'slow',
  'down',
  'drop_stream',
] as const;
export type SimFaultKind = (typeof SIM_FAULT_KINDS)[number];

/** POST /admin/faults: one fault on one book (every book without `book`), for `durationMs`. */
export const simFaultRequestSchema = z.object({
  book: z.enum(SIM_BOOKS).optional(),
  kind: z.enum(SIM_FAULT_KINDS),
  durationMs: z.number().int().positive().max(3_600_000).default(30_000),
});
export type SimFaultRequest = z.output<typeof simFaultRequestSchema>;

/** GET /truth/fixtures: one row per listing a book shows now. */
export const truthFixtureSchema = z.object({
  book: bookIdSchema,
  eventId: nonEmptySchema,
  fixtureId: nonEmptySchema,
});
export type TruthFixture = z.infer<typeof truthFixtureSchema>;

/** A price in the truth's terms: the fixture's sides, decimal odds, an ah line the handicap of the price's side. */
export const truthLegSchema = z.object({
  book: bookIdSchema,
  eventId: nonEmptySchema,
  market: marketTypeSchema,
  period: periodSchema,
  line: z.number().nullable(),
  side: sideSchema,
  odds: decimalOddsSchema,
});
export type TruthLeg = z.infer<typeof truthLegSchema>;

/** How a planted arbitrage came about: one book slow to follow a market move, or a price far off the market. */
export const PLANT_CAUSES = ['lag', 'palpable'] as const;
export type PlantCause = (typeof PLANT_CAUSES)[number];
/** The shape of a planted arbitrage's legs: a half line, a quarter line, two lines, a 1x2 triple, a total. */
export const PLANT_KINDS = ['pair', 'quarter', 'cross', 'triple', 'total'] as const;
export type PlantKind = (typeof PLANT_KINDS)[number];

/** GET /truth/arbs: a planted arbitrage, `closedAt` null while open. */
export const truthArbSchema = z.object({
  id: nonEmptySchema,
  fixtureId: nonEmptySchema,
  legs: z.array(truthLegSchema),
  returnRatio: z.number(),
  openedAt: epochMsSchema,
  closedAt: epochMsSchema.nullable(),
  /** A deliberate palpable error: one price far off the market (the hub must flag it `outlier`). */
  palpable: z.boolean().optional(),
  /** How it came about, and the shape of its legs. */
  cause: z.enum(PLANT_CAUSES).optional(),
  kind: z.enum(PLANT_KINDS).optional(),
  /** The book that was slow (a lag) or that made the error (palpable). */
  book: bookIdSchema.optional(),
});
export type TruthArb = z.infer<typeof truthArbSchema>;

/** GET /truth/prices: every price every book shows now. */
export const truthPriceSchema = truthLegSchema.extend({ fixtureId: nonEmptySchema });
export type TruthPrice = z.infer<typeof truthPriceSchema>;

/**
 * GET /truth/price-log: the books' price changes, every one, in the terms of /truth/prices.
 * `odds` is null when the price went away (its listing finished); `at` is the tick that
 * made the change (the simulator's clock, epoch ms); `seq` counts the log from 1.
 */
export const truthPriceChangeSchema = truthPriceSchema.extend({
  seq: z.number().int().min(1),
  at: epochMsSchema,
  odds: decimalOddsSchema.nullable(),
});
export type TruthPriceChange = z.infer<typeof truthPriceChangeSchema>;

/**
 * The answer: without `since`, `changes` is the state now, one change per price shown (the
 * one that set it, with its time); with `since`, every change after that seq. `next` is the
 * `since` to ask with next time.
 */
export const truthPriceLogSchema = z.object({
  next: z.number().int().min(0),
  changes: z.array(truthPriceChangeSchema),
});
export type TruthPriceLog = z.infer<typeof truthPriceLogSchema>;

/** GET /truth/price-log's query: `since`, the `next` of the last answer. */
export const truthPriceLogQuerySchema = z.object({
  since: z
    .string()
    .regex(/^\d+$/, 'since must be a whole number: the next of the last answer')
    .transform(Number)
    .optional(),
});

const count = z.number().int().min(0);
/** One account's counts at one book: logins, sessions kicked out by a newer login, requests, 429s, errors. */
export const truthAccountStatsSchema = z.object({
  logins: count,
  kicked: count,
  requests: count,
  rateLimited: count,
  errors: count,
});
export type TruthAccountStats = z.infer<typeof truthAccountStatsSchema>;

/** GET /truth/stats */
export const truthStatsSchema = z.object({
  books: z.record(z.string(), z.object({ accounts: z.record(z.string(), truthAccountStatsSchema) })),
});
export type TruthStats = z.infer<typeof truthStatsSchema>;
