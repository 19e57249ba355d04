// What the scale-out hub keeps in Redis between gateways and engines (apps/hub/src/scale):
// every value read back is checked against these.
import { z } from 'zod';
import {
  eventsAnswerSchema,
  matchEvidenceSchema,
  matchingDecisionSchema,
  oddsAnswerSchema,
  reviewAnswerSchema,
  workerInfoSchema,
} from './http.js';
import { arbCloseReasonSchema } from './stream.js';
import { oddsUpdateSchema } from './worker-protocol.js';

/** A person's matching decision, taken at a gateway, for the shard whose event it is about. */
export const decideRequestSchema = z.object({
  /** Where the answer goes: `decide-reply:<id>`. */
  id: z.string().min(1),
  op: z.enum(['link', 'unlink']),
  book: z.string().min(1),
  eventId: z.string().min(1),
  canonicalId: z.string().min(1).optional(),
});
export type DecideRequest = z.infer<typeof decideRequestSchema>;

/** The engine's answer to a decision: where the listing is now, or why it could not be done. */
export const decideReplySchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    placed: z.object({
      id: z.string().min(1),
      confidence: z.number(),
      swapped: z.boolean(),
      evidence: matchEvidenceSchema,
    }),
    decision: matchingDecisionSchema,
  }),
  z.object({
    ok: z.literal(false),
    code: z.enum(['unknown_listing', 'unknown_event', 'book_taken', 'sport_differs']),
    message: z.string(),
  }),
]);
export type DecideReply = z.infer<typeof decideReplySchema>;

/**
 * One entry of a shard's stream: a worker's update cut to the shard, a worker's departure,
 * a person's decision for this shard to take (`decide`), or one another shard took, for
 * the matcher to remember (`decision`). `at`: when the gateway (or engine) wrote it.
 */
export const shardEntrySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('update'), at: z.number(), update: oddsUpdateSchema }),
  z.object({
    kind: z.literal('worker-gone'),
    at: z.number(),
    workerId: z.string().min(1),
    reason: arbCloseReasonSchema,
  }),
  z.object({ kind: z.literal('decide'), at: z.number(), request: decideRequestSchema }),
  z.object({ kind: z.literal('decision'), at: z.number(), decision: matchingDecisionSchema }),
]);
export type ShardEntry = z.infer<typeof shardEntrySchema>;

/** The events one shard owns, their listings and review entries, as its engine published them. */
export const shardViewSchema = z.object({
  shard: z.number().int().min(0),
  at: z.number(),
  events: eventsAnswerSchema,
  odds: oddsAnswerSchema.shape.events,
  /** The review queue's entries for those events (GET /matching/review); absent from an older engine. */
  review: reviewAnswerSchema.shape.items.optional(),
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
