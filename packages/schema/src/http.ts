import { z } from 'zod';
import { marketSchema } from './markets.js';
import {
  bookIdSchema,
  countSchema,
  epochMsSchema,
  isoTimeSchema,
  nonEmptySchema,
  sportSchema,
} from './primitives.js';
import { arbSchema, hubWorkerStateSchema } from './stream.js';

/** Every 4xx/5xx answer: a stable code and a sentence for people. */
export const errorBodySchema = z.object({ error: nonEmptySchema, message: z.string() });
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** GET /health */
export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  uptimeMs: countSchema,
  workers: countSchema,
  books: countSchema,
  redis: z.enum(['up', 'down', 'disabled']),
});
export type Health = z.infer<typeof healthSchema>;

/** One row of GET /workers */
export const workerInfoSchema = z.object({
  workerId: nonEmptySchema,
  book: bookIdSchema,
  account: nonEmptySchema,
  state: hubWorkerStateSchema,
  connectedAt: epochMsSchema,
  lastSeenAt: epochMsSchema,
  partitions: z.array(nonEmptySchema),
  events: countSchema,
  quotes: countSchema,
  messages: countSchema,
  errors: countSchema,
});
export const workersAnswerSchema = z.array(workerInfoSchema);
export type WorkerInfo = z.infer<typeof workerInfoSchema>;

/** One book's listing of a canonical event in GET /odds */
export const bookListingSchema = z.object({
  eventId: nonEmptySchema,
  home: nonEmptySchema,
  away: nonEmptySchema,
  markets: z.array(marketSchema),
  updatedAt: epochMsSchema,
  /**
   * The book lists the event's teams the other way round: its home is the event's away
   * (its prices and ah lines are as the book shows them). Added beside the protocol's fields.
   */
  swapped: z.boolean().optional(),
});

/** GET /odds */
export const oddsAnswerSchema = z.object({
  events: z.array(
    z.object({
      id: nonEmptySchema,
      sport: sportSchema,
      league: z.string(),
      home: nonEmptySchema,
      away: nonEmptySchema,
      startTime: isoTimeSchema,
      inPlay: z.boolean(),
      books: z.record(z.string(), bookListingSchema),
    }),
  ),
});
export type OddsAnswer = z.infer<typeof oddsAnswerSchema>;

/** One member listing of a canonical event in GET /events */
export const eventMemberSchema = z.object({
  book: bookIdSchema,
  eventId: nonEmptySchema,
  home: nonEmptySchema,
  away: nonEmptySchema,
  confidence: z.number().min(0).max(1),
  /** The book lists home and away the other way round (neutral venue). */
  swapped: z.boolean().optional(),
});

/** GET /events */
export const eventsAnswerSchema = z.array(
  z.object({
    id: nonEmptySchema,
    sport: sportSchema,
    league: z.string(),
    home: nonEmptySchema,
    away: nonEmptySchema,
    startTime: isoTimeSchema,
    members: z.array(eventMemberSchema),
  }),
);
export type EventsAnswer = z.infer<typeof eventsAnswerSchema>;

/** GET /arbs: sorted by profitPct, highest first. */
export const arbsAnswerSchema = z.array(arbSchema);

const optionalFilter = z.string().trim().min(1).optional();

/** Query of GET /odds */
export const oddsQuerySchema = z.object({
  book: optionalFilter,
  sport: optionalFilter,
  /** Matches team or league text. */
  q: optionalFilter,
});
export type OddsQuery = z.infer<typeof oddsQuerySchema>;

/** Query of GET /arbs */
export const arbsQuerySchema = z.object({
  minProfit: z.coerce.number({ error: 'expected a number (percent)' }).optional(),
  book: optionalFilter,
  sport: optionalFilter,
});
export type ArbsQuery = z.infer<typeof arbsQuerySchema>;

/** One book's listing of a fixture, as the matcher takes it (clusterListings, EventMatcher). */
export const listingSchema = z.object({
  book: bookIdSchema,
  eventId: nonEmptySchema,
  sport: sportSchema,
  league: z.string(),
  home: nonEmptySchema,
  away: nonEmptySchema,
  startTime: isoTimeSchema,
});
export type Listing = z.infer<typeof listingSchema>;

/** A matcher alias file: token abbreviations, and groups of names for one team. */
export const aliasFileSchema = z.object({
  /** Abbreviations expanded token by token, lower case: { "utd": "united" }. */
  tokens: z.record(z.string().min(1), z.string().min(1)).default({}),
  /** Each group names one team; any spelling of a name in it matches the others. */
  teams: z
    .array(z.array(z.string().min(1)).min(2, { error: 'a group needs at least two names' }))
    .default([]),
});
export type AliasFile = z.input<typeof aliasFileSchema>;
