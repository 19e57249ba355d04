// The history API's answers (docs/protocol.md, "History"): GET /history/arbs, one
// arbitrage with its prices, and the statistics. One definition for the hub, the
// history package and the dashboard.
import { z } from 'zod';
import { arbCloseReasonSchema, arbLegSchema, arbSchema } from './stream.js';

/** One price of one quote at one moment, as an arbitrage leg names the quote. */
export const pricePointSchema = z.object({
  book: z.string(),
  eventId: z.string(),
  market: z.string(),
  period: z.string(),
  /** As the leg has it: the handicap of the side bet on for ah, the total for ou, null otherwise. */
  line: z.number().nullable(),
  side: z.string(),
  odds: z.number(),
  ts: z.number(),
});
export type PricePoint = z.infer<typeof pricePointSchema>;

/** An arbitrage as the history has it: its latest figures, its best, and how it ended. */
export const historyArbSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  event: arbSchema.shape.event,
  period: arbSchema.shape.period,
  kind: arbSchema.shape.kind,
  books: z.array(z.string()),
  legs: z.array(arbLegSchema),
  flags: arbSchema.shape.flags,
  profitPct: z.number(),
  maxProfitPct: z.number(),
  returnRatio: z.number(),
  openedAt: z.number(),
  updatedAt: z.number(),
  closedAt: z.number().nullable(),
  lifetimeMs: z.number().nullable(),
  closeReason: arbCloseReasonSchema.nullable(),
  /** How many arb:update it had. */
  updates: z.number(),
  /** The book whose price had stood longest when it opened (the one that lagged the move). */
  lagBook: z.string().nullable(),
});
export type HistoryArb = z.infer<typeof historyArbSchema>;

export const historyChangeSchema = z.object({
  change: z.enum(['open', 'update', 'close']),
  ts: z.number(),
  profitPct: z.number(),
  legs: z.array(arbLegSchema),
  flags: arbSchema.shape.flags,
  reason: arbCloseReasonSchema.nullable(),
});
export type HistoryChange = z.infer<typeof historyChangeSchema>;

/** GET /history/arbs/:id */
export const historyArbDetailSchema = historyArbSchema.extend({
  /** Every price of its legs' quotes from 10 minutes before it opened until it closed. */
  prices: z.array(pricePointSchema),
  /** Its open, every update and its close. */
  changes: z.array(historyChangeSchema),
});
export type HistoryArbDetail = z.infer<typeof historyArbDetailSchema>;

/** GET /history/arbs */
export const historyArbsAnswerSchema = z.object({
  items: z.array(historyArbSchema),
  nextCursor: z.string().nullable(),
});
export type HistoryArbsAnswer = z.infer<typeof historyArbsAnswerSchema>;

export const bucketSchema = z.object({ from: z.number(), to: z.number().nullable(), count: z.number() });
export type Bucket = z.infer<typeof bucketSchema>;

/** GET /history/stats */
export const historyStatsSchema = z.object({
  from: z.number(),
  to: z.number(),
  /** Per pair of books (a triple counts at each of its pairs): lifetimes of the closed ones, nearest rank. */
  pairs: z.array(
    z.object({
      books: z.tuple([z.string(), z.string()]),
      count: z.number(),
      closed: z.number(),
      medianLifetimeMs: z.number().nullable(),
      p90LifetimeMs: z.number().nullable(),
      medianProfitPct: z.number().nullable(),
    }),
  ),
  /** Per book: arbitrage with a leg there, and how often its price was the one lagging. */
  books: z.array(
    z.object({ book: z.string(), arbs: z.number(), lagging: z.number(), laggingShare: z.number() }),
  ),
  histograms: z.object({ lifetimeMs: z.array(bucketSchema), profitPct: z.array(bucketSchema) }),
  /** Arbitrage opened per hour (hour = its start, epoch ms). */
  perHour: z.array(z.object({ hour: z.number(), count: z.number() })),
});
export type HistoryStats = z.infer<typeof historyStatsSchema>;
