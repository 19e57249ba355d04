import { z } from 'zod';
import { marketSchema, periodSchema } from './markets.js';
import {
  bookIdSchema,
  countSchema,
  epochMsSchema,
  isoTimeSchema,
  nonEmptySchema,
  sportSchema,
} from './primitives.js';
import { ARB_FLAGS, arbSchema, hubWorkerStateSchema } from './stream.js';
import type { ArbFlag } from './stream.js';

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
  /** The history database (absent when the hub keeps none): down means buffering, not losing. */
  history: z
    .object({
      state: z.enum(['up', 'down', 'starting']),
      dialect: z.enum(['sqlite', 'postgres']),
      buffered: countSchema,
      dropped: countSchema,
      /** Rows written since the hub started: arbitrage changes and prices. */
      written: z.object({ changes: countSchema, prices: countSchema }).optional(),
    })
    .optional(),
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
  /**
   * Markets this worker reported whose own prices summed to under 100% (a negative
   * margin: a data error of the book or the parser, never traded as arbitrage). Added field.
   */
  underround: countSchema.optional(),
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

/** Why a listing is in its canonical event: both names agree, one team and the structure agree (`anchor`), a person linked it, or it is alone. */
export const matchEvidenceSchema = z.enum(['name', 'anchor', 'link', 'alone']);
export type MatchEvidence = z.infer<typeof matchEvidenceSchema>;

/** One member listing of a canonical event in GET /events */
export const eventMemberSchema = z.object({
  book: bookIdSchema,
  eventId: nonEmptySchema,
  home: nonEmptySchema,
  away: nonEmptySchema,
  confidence: z.number().min(0).max(1),
  /** The book lists home and away the other way round (neutral venue). */
  swapped: z.boolean().optional(),
  evidence: matchEvidenceSchema.optional(),
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

/** Query of GET /arbs/history: how many closed arbitrages, newest first. */
export const arbsHistoryQuerySchema = z.object({
  limit: z.coerce
    .number({ error: 'expected an integer from 1 to 10000' })
    .int({ error: 'expected an integer from 1 to 10000' })
    .min(1, { error: 'expected an integer from 1 to 10000' })
    .max(10_000, { error: 'expected an integer from 1 to 10000' })
    .default(100),
});
export type ArbsHistoryQuery = z.infer<typeof arbsHistoryQuerySchema>;

/** A moment in a history query: epoch ms or an ISO 8601 time. */
const momentSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = typeof value === 'number' || /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms) || ms < 0) {
    ctx.addIssue({ code: 'custom', message: 'expected epoch ms or an ISO 8601 time' });
    return z.NEVER;
  }
  return ms;
});

/** GET /history/arbs and /history/arbs.csv: arbitrage opened in [from, to). */
export const historyArbsQuerySchema = z.object({
  from: momentSchema.optional(),
  to: momentSchema.optional(),
  book: bookIdSchema.optional(),
  sport: sportSchema.optional(),
  /** The best profit it reached, percent. */
  minProfit: z.coerce.number({ error: 'expected a number (percent)' }).optional(),
  limit: z.coerce
    .number({ error: 'expected an integer from 1 to 1000' })
    .int({ error: 'expected an integer from 1 to 1000' })
    .min(1, { error: 'expected an integer from 1 to 1000' })
    .max(1000, { error: 'expected an integer from 1 to 1000' })
    .default(100),
  cursor: z.string().min(1).max(500).optional(),
});
export type HistoryArbsQuery = z.infer<typeof historyArbsQuerySchema>;

/** GET /history/stats: arbitrage opened in [from, to), by default the last 24 hours. */
export const historyStatsQuerySchema = z.object({
  from: momentSchema.optional(),
  to: momentSchema.optional(),
});

/** What `?flags=` takes: the flags, and `none` for clean arbitrage. */
export const ARB_FLAG_FILTERS = [...ARB_FLAGS, 'none'] as const;
export type ArbFlagFilter = ArbFlag | 'none';

const percent = z.coerce.number({ error: 'expected a number (percent)' }).optional();

/**
 * `?flags=outlier,high_profit`: arbitrage carrying any of them; `none` stands for
 * "no flag at all", so `?flags=none` is the clean board.
 */
const flagsFilter = z
  .string()
  .transform((text, ctx) => {
    const names = text
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name.length > 0);
    const unknown = names.filter((name) => !(ARB_FLAG_FILTERS as readonly string[]).includes(name));
    if (unknown.length > 0 || names.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a comma-separated list of ${ARB_FLAG_FILTERS.join(', ')}${unknown.length > 0 ? ` (not ${unknown.join(', ')})` : ''}`,
      });
      return z.NEVER;
    }
    return names as ArbFlagFilter[];
  })
  .optional();

/** Query of GET /arbs */
export const arbsQuerySchema = z.object({
  minProfit: percent,
  maxProfit: percent,
  book: optionalFilter,
  sport: optionalFilter,
  flags: flagsFilter,
  /** `event`: one entry per canonical event and period, its best arbitrage and the alternatives. */
  group: z.enum(['event'], { error: 'expected "event"' }).optional(),
});
export type ArbsQuery = z.output<typeof arbsQuerySchema>;

/** One opportunity: the arbitrage of one canonical event and period, best first. */
export const arbGroupSchema = z.object({
  eventId: nonEmptySchema,
  period: periodSchema,
  best: arbSchema,
  alternatives: z.array(arbSchema),
});
export type ArbGroup = z.infer<typeof arbGroupSchema>;

/** GET /arbs?group=event: clean groups first, then by the best arbitrage's profit. */
export const arbGroupsAnswerSchema = z.array(arbGroupSchema);

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

/** One book's listing of an event as one key, `book|eventId`: the hub, the matcher and the worker use this one. */
export function listingKey(book: string, eventId: string): string {
  return `${book}|${eventId}`;
}

/**
 * Whether two reports of a listing name the same fixture: sport, league, teams and
 * kickoff. Prices, the in-play state and the score change under one fixture; when this
 * does, the listing is matched again.
 */
export function sameFixture(
  a: Pick<Listing, 'sport' | 'league' | 'home' | 'away' | 'startTime'>,
  b: Pick<Listing, 'sport' | 'league' | 'home' | 'away' | 'startTime'>,
): boolean {
  return (
    a.home === b.home &&
    a.away === b.away &&
    a.startTime === b.startTime &&
    a.sport === b.sport &&
    a.league === b.league
  );
}

/** A matcher alias file: token abbreviations, and groups of names for one team. */
export const aliasFileSchema = z.object({
  /** Abbreviations expanded token by token, lower case: { "utd": "united" }. */
  tokens: z.record(z.string().min(1), z.string().min(1)).default({}),
  /** Each group names one team; any spelling of a name in it matches the others. */
  teams: z
    .array(z.array(z.string().min(1)).min(2, { error: 'a group needs at least two names' }))
    .default([]),
  /** Names whose last word looks like a marker but is part of the name ("SSV Jeddeloh II": Jeddeloh II is a village). */
  names: z.array(z.string().min(1)).default([]),
});
export type AliasFile = z.input<typeof aliasFileSchema>;

/** A listing's two names, as its book printed them. */
const teamsSchema = z.object({ home: nonEmptySchema, away: nonEmptySchema });

/**
 * A person's matching decision, kept across restarts. `link`: the listing is the
 * event whose names are `with` (its names are taught as aliases of those, oriented).
 * `unlink`: the listing is not the event named `from`, nor any later fixture of
 * those two teams against these two.
 */
export const matchingDecisionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('link'),
    book: bookIdSchema,
    eventId: nonEmptySchema,
    sport: sportSchema,
    teams: teamsSchema,
    with: teamsSchema,
    at: z.number().int(),
  }),
  z.object({
    kind: z.literal('unlink'),
    book: bookIdSchema,
    eventId: nonEmptySchema,
    sport: sportSchema,
    teams: teamsSchema,
    from: teamsSchema,
    at: z.number().int(),
  }),
]);
export type MatchingDecision = z.infer<typeof matchingDecisionSchema>;

/** POST /matching/link */
export const matchingLinkBodySchema = z.object({
  book: bookIdSchema,
  eventId: nonEmptySchema,
  canonicalId: nonEmptySchema,
});
/** POST /matching/unlink: out of its event, or (with `canonicalId`) never into that candidate. */
export const matchingUnlinkBodySchema = z.object({
  book: bookIdSchema,
  eventId: nonEmptySchema,
  canonicalId: nonEmptySchema.optional(),
});

/** One candidate event for a listing in the review queue. */
export const reviewCandidateSchema = z.object({
  canonicalId: nonEmptySchema,
  home: nonEmptySchema,
  away: nonEmptySchema,
  startTime: isoTimeSchema,
  books: z.array(bookIdSchema),
  /** How alike the names are, 0..1: the mean of the two sides' similarities in the better orientation. */
  score: z.number().min(0).max(1),
  /** The listing would join it with home and away the other way round. */
  swapped: z.boolean(),
});

export type ReviewCandidate = z.infer<typeof reviewCandidateSchema>;

/** GET /matching/review: listings that joined no event while other books list its sport at its time, and merges the matcher is unsure of. */
export const reviewAnswerSchema = z.object({
  items: z.array(
    listingSchema.extend({
      reason: z.enum(['unplaced', 'low_confidence']),
      /** Its event now (itself alone when unplaced). */
      canonicalId: nonEmptySchema,
      confidence: z.number().min(0).max(1),
      evidence: matchEvidenceSchema,
      candidates: z.array(reviewCandidateSchema),
    }),
  ),
});
export type ReviewAnswer = z.infer<typeof reviewAnswerSchema>;
