import { z } from 'zod';
import { marketTypeSchema, periodSchema, sideSchema } from './markets.js';
import {
  bookIdSchema,
  decimalOddsSchema,
  epochMsSchema,
  isoTimeSchema,
  moneySchema,
  nonEmptySchema,
  sportSchema,
  unionError,
} from './primitives.js';
import { WORKER_STATES } from './worker-protocol.js';

/** One leg of an arbitrage: a price at one book and the share of the bankroll it takes. */
export const arbLegSchema = z.object({
  book: bookIdSchema,
  eventId: nonEmptySchema,
  market: marketTypeSchema,
  /** ah: the handicap of the side bet on (away +0.5), as /calc takes it; ou: the total; null for 1x2 and ml. */
  line: z.number().nullable(),
  side: sideSchema,
  odds: decimalOddsSchema,
  stakeFraction: z.number().min(0).max(1),
  maxStake: moneySchema.nullable(),
});
export type ArbLeg = z.infer<typeof arbLegSchema>;

export const ARB_KINDS = ['pair', 'triple', 'multi'] as const;

/**
 * Why an arbitrage may be false (docs/protocol.md, "Wave 2 names"): a leg far off the
 * other books' consensus, a profit too good to be true, listings whose kickoffs
 * disagree, a kickoff within minutes (books suspend then), a merge the matcher was
 * not sure of. Flagged arbitrage is still shown, marked and sorted below clean ones.
 */
export const ARB_FLAGS = [
  'outlier',
  'high_profit',
  'kickoff_mismatch',
  'starting_soon',
  'low_confidence_match',
] as const;
export const arbFlagSchema = z.enum(ARB_FLAGS);
export type ArbFlag = z.infer<typeof arbFlagSchema>;

/** An open arbitrage, as /arbs and /stream show it. */
export const arbSchema = z.object({
  id: nonEmptySchema,
  /** The canonical event id. */
  eventId: nonEmptySchema,
  event: z.object({
    home: nonEmptySchema,
    away: nonEmptySchema,
    league: z.string(),
    startTime: isoTimeSchema,
    sport: sportSchema.optional(),
    inPlay: z.boolean().optional(),
  }),
  period: periodSchema,
  kind: z.enum(ARB_KINDS),
  /** Guaranteed payout per unit staked. */
  returnRatio: z.number().positive(),
  profitPct: z.number(),
  legs: z.array(arbLegSchema).min(2),
  openedAt: epochMsSchema,
  updatedAt: epochMsSchema,
  /** The guards that fired; [] when clean (an arbitrage recorded before flags existed reads as []). */
  flags: z.array(arbFlagSchema).default([]),
});
export type Arb = z.infer<typeof arbSchema>;

export const ARB_CLOSE_REASONS = ['odds_moved', 'stale', 'book_gone', 'event_started'] as const;
export const arbCloseReasonSchema = z.enum(ARB_CLOSE_REASONS);
export type ArbCloseReason = z.infer<typeof arbCloseReasonSchema>;

/** A worker's state as the hub sees it: its own word, or stale/disconnected. */
export const HUB_WORKER_STATES = [...WORKER_STATES, 'stale', 'disconnected'] as const;
export const hubWorkerStateSchema = z.enum(HUB_WORKER_STATES);
export type HubWorkerState = z.infer<typeof hubWorkerStateSchema>;

export const arbSnapshotMessageSchema = z.object({
  type: z.literal('arb:snapshot'),
  arbs: z.array(arbSchema),
});
export const arbOpenMessageSchema = z.object({ type: z.literal('arb:open'), arb: arbSchema });
export const arbUpdateMessageSchema = z.object({ type: z.literal('arb:update'), arb: arbSchema });
export const arbCloseMessageSchema = z.object({
  type: z.literal('arb:close'),
  id: nonEmptySchema,
  reason: arbCloseReasonSchema,
  closedAt: epochMsSchema,
  /** The arbitrage as it last stood. */
  arb: arbSchema,
});
export const streamWorkerStatusSchema = z.object({
  type: z.literal('worker:status'),
  workerId: nonEmptySchema,
  book: bookIdSchema,
  state: hubWorkerStateSchema,
  detail: z.string().optional(),
  ts: epochMsSchema,
});

/** Every message the hub sends a /stream subscriber, discriminated on `type`. */
export const streamMessageSchema = z.discriminatedUnion(
  'type',
  [
    arbSnapshotMessageSchema,
    arbOpenMessageSchema,
    arbUpdateMessageSchema,
    arbCloseMessageSchema,
    streamWorkerStatusSchema,
  ],
  {
    error: unionError(
      'expected type "arb:snapshot", "arb:open", "arb:update", "arb:close" or "worker:status"',
    ),
  },
);
export type StreamMessage = z.infer<typeof streamMessageSchema>;
