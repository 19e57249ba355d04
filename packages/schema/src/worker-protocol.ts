import { z } from 'zod';
import { matchSchema } from './match.js';
import { bookIdSchema, epochMsSchema, nonEmptySchema, unionError } from './primitives.js';

/** What a worker says of itself. */
export const WORKER_STATES = ['ok', 'login', 'degraded'] as const;
export const workerStateSchema = z.enum(WORKER_STATES, { error: 'expected "ok", "login" or "degraded"' });
export type WorkerState = z.infer<typeof workerStateSchema>;

const partitionsSchema = z
  .array(nonEmptySchema, { error: 'expected an array of partition names' })
  .min(1, { error: 'expected at least one partition' });

// ---- worker → hub ----------------------------------------------------------

export const workerRegisterSchema = z.object({
  type: z.literal('worker:register'),
  workerId: nonEmptySchema,
  book: bookIdSchema,
  account: nonEmptySchema,
  version: z.string().optional(),
  /** What this worker can scrape; omitted means ["all"]. */
  partitions: partitionsSchema.default(['all']),
});

export const workerHeartbeatSchema = z.object({
  type: z.literal('worker:heartbeat'),
  workerId: nonEmptySchema,
  ts: epochMsSchema,
});

export const ODDS_UPDATE_MODES = ['snapshot', 'delta'] as const;

export const oddsUpdateSchema = z
  .object({
    type: z.literal('odds:update'),
    workerId: nonEmptySchema,
    book: bookIdSchema,
    ts: epochMsSchema,
    /** snapshot replaces everything this worker reported for the partition; delta upserts and removes. */
    mode: z.enum(ODDS_UPDATE_MODES, { error: 'expected "snapshot" or "delta"' }),
    partition: nonEmptySchema.default('all'),
    matches: z.array(matchSchema, { error: 'expected an array of matches' }).default([]),
    removed: z.array(nonEmptySchema, { error: 'expected an array of event ids' }).default([]),
  })
  .superRefine((update, ctx) => {
    const seen = new Map<string, number>();
    update.matches.forEach((match, index) => {
      const first = seen.get(match.eventId);
      if (first === undefined) seen.set(match.eventId, index);
      else {
        ctx.addIssue({
          code: 'custom',
          path: ['matches', index, 'eventId'],
          message: `duplicate eventId "${match.eventId}" (also matches[${first}])`,
        });
      }
    });
    update.removed.forEach((eventId, index) => {
      if (seen.has(eventId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['removed', index],
          message: `event "${eventId}" is both updated and removed`,
        });
      }
    });
  });

export const workerStatusSchema = z.object({
  type: z.literal('worker:status'),
  workerId: nonEmptySchema,
  state: workerStateSchema,
  detail: z.string().optional(),
});

/** Every message a worker sends to the hub on /ws, discriminated on `type`. */
export const workerMessageSchema = z.discriminatedUnion(
  'type',
  [workerRegisterSchema, workerHeartbeatSchema, oddsUpdateSchema, workerStatusSchema],
  {
    error: unionError(
      'expected type "worker:register", "worker:heartbeat", "odds:update" or "worker:status"',
    ),
  },
);
export type WorkerMessage = z.infer<typeof workerMessageSchema>;
export type WorkerMessageInput = z.input<typeof workerMessageSchema>;
export type WorkerRegister = z.infer<typeof workerRegisterSchema>;
export type WorkerHeartbeat = z.infer<typeof workerHeartbeatSchema>;
export type OddsUpdate = z.infer<typeof oddsUpdateSchema>;
export type WorkerStatus = z.infer<typeof workerStatusSchema>;

// ---- hub → worker ----------------------------------------------------------

export const workerRegisteredSchema = z.object({
  type: z.literal('worker:registered'),
  workerId: nonEmptySchema,
  /** The partitions assigned to this worker (may be empty while others hold them all). */
  partitions: z.array(nonEmptySchema),
});

export const assignSchema = z.object({
  type: z.literal('assign'),
  partitions: z.array(nonEmptySchema),
});

/** Error codes the hub sends a worker. */
export const HUB_ERROR_CODES = ['bad_message', 'not_registered', 'unauthorized', 'wrong_book'] as const;

export const hubErrorSchema = z.object({
  type: z.literal('error'),
  code: nonEmptySchema,
  message: z.string(),
});

/** Every message the hub sends to a worker on /ws, discriminated on `type`. */
export const hubMessageSchema = z.discriminatedUnion(
  'type',
  [workerRegisteredSchema, assignSchema, hubErrorSchema],
  { error: unionError('expected type "worker:registered", "assign" or "error"') },
);
export type HubMessage = z.infer<typeof hubMessageSchema>;
export type WorkerRegistered = z.infer<typeof workerRegisteredSchema>;
export type Assign = z.infer<typeof assignSchema>;
export type HubError = z.infer<typeof hubErrorSchema>;
