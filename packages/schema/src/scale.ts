// What the scale-out hub keeps in Redis between gateways and engines (apps/hub/src/scale):
// every value read back is checked against these.
import { z } from 'zod';
import { eventsAnswerSchema, oddsAnswerSchema, workerInfoSchema } from './http.js';
import { arbCloseReasonSchema } from './stream.js';
import { oddsUpdateSchema } from './worker-protocol.js';

/** One entry of a shard's stream: a worker's update cut to the shard, or a worker's departure. `at`: when the gateway took it. */
export const shardEntrySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('update'), at: z.number(), update: oddsUpdateSchema }),
  z.object({
    kind: z.literal('worker-gone'),
    at: z.number(),
    workerId: z.string().min(1),
    reason: arbCloseReasonSchema,
  }),
]);
export type ShardEntry = z.infer<typeof shardEntrySchema>;

/** The events one shard owns and their listings, as its engine published them (for /events and /odds). */
export const shardViewSchema = z.object({
  shard: z.number().int().min(0),
  at: z.number(),
  events: eventsAnswerSchema,
  odds: oddsAnswerSchema.shape.events,
});
export type ShardView = z.infer<typeof shardViewSchema>;

/** A worker in the gateways' registry: its offer, its gateway, when that gateway last saw it, and its /workers row. */
export const registeredWorkerSchema = z.object({
  workerId: z.string().min(1),
  book: z.string().min(1),
  account: z.string().min(1),
  partitions: z.array(z.string()),
  gateway: z.string().min(1),
  seenAt: z.number(),
  /** The worker as its gateway's GET /workers shows it, so that every gateway lists all. */
  info: workerInfoSchema.optional(),
});
export type RegisteredWorker = z.infer<typeof registeredWorkerSchema>;
