// The delivery queue: one job per alert and channel, 3 attempts with exponential back-off
// from 2 s (2 s, then 4 s), at most 5 sends at a time, a channel's own pace (Telegram: one
// a second), and failed jobs kept as the dead-letter list. With REDIS_URL it is BullMQ
// (a queue per channel, shared by every alerter on that Redis; a job of an alerter that
// died mid-send is taken up again by the stalled-job check, under the same delivery id).
// Without it, the same policy in this process (memory-queue.ts), no second library.
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { PermanentError, RetryableError } from './delivery.js';
import type { Channel, Delivery, DeliveryRecord } from './delivery.js';

export const ATTEMPTS = 3;
export const BACKOFF_MS = 2000;
export const CONCURRENCY = 5;
/** Kept per channel: the last deliveries (GET /alerts) and every failed one (the dead-letter list). */
export const KEEP = 200;

/** What the queue reports as deliveries go (for metrics and logs). */
export interface QueueEvents {
  delivered?(delivery: Delivery, attempts: number): void;
  retrying?(delivery: Delivery, attempts: number, error: Error): void;
  failed?(delivery: Delivery, attempts: number, error: Error): void;
}

export interface AlertQueue {
  readonly kind: 'bullmq' | 'memory';
  add(delivery: Delivery): Promise<void>;
  /** Whether a delivery of this id is queued, under way, delivered or failed (kept as long as its dedup key). */
  has(id: string): Promise<boolean>;
  /** The last deliveries of every channel, newest first. */
  deliveries(limit?: number): Promise<DeliveryRecord[]>;
  /** Alerts that failed for good (a 4xx, or every attempt used), newest first. */
  deadLetters(limit?: number): Promise<DeliveryRecord[]>;
  close(): Promise<void>;
}

/** The delay before attempt `n + 1` after `n` failed ones: 2 s, 4 s, 8 s, ... */
export const backoffMs = (attemptsMade: number) => BACKOFF_MS * 2 ** (attemptsMade - 1);

export const newest = (records: DeliveryRecord[], limit: number) =>
  records.sort((a, b) => b.updatedAt - a.updatedAt).slice(0, limit);

// ---- BullMQ ----

export interface BullOptions {
  /** A client made with maxRetriesPerRequest: null (BullMQ's workers block on it). */
  connection: Redis;
  /** How long a delivered job is kept (s): as long as its dedup key, so has() can tell. */
  keepS: number;
  channels: readonly Channel[];
  events?: QueueEvents;
  /** How long a job's lock lasts without renewal: an alerter killed mid-send frees its job after it. */
  lockMs?: number;
}

function record(job: Job<Delivery>, state: string): DeliveryRecord {
  const status: DeliveryRecord['status'] =
    state === 'completed'
      ? 'delivered'
      : state === 'failed'
        ? 'failed'
        : job.attemptsMade > 0
          ? 'retrying'
          : 'queued';
  return {
    id: job.data.id,
    channel: job.data.channel,
    type: job.data.type,
    arbId: job.data.arb.id,
    event: `${job.data.arb.event.home} v ${job.data.arb.event.away}`,
    profitPct: job.data.arb.profitPct,
    attempts: job.attemptsMade,
    status,
    ...(job.failedReason ? { lastError: job.failedReason } : {}),
    seenAt: job.data.seenAt,
    updatedAt: job.finishedOn ?? job.processedOn ?? job.timestamp,
  };
}

export function bullQueue({
  connection,
  keepS,
  channels,
  events = {},
  lockMs = 30_000,
}: BullOptions): AlertQueue {
  const queues = new Map<string, Queue<Delivery>>();
  const workers: Worker<Delivery>[] = [];
  for (const channel of channels) {
    const name = `arbhub-alert-${channel.name}`;
    const queue = new Queue<Delivery>(name, {
      connection,
      defaultJobOptions: {
        attempts: ATTEMPTS,
        backoff: { type: 'exponential', delay: BACKOFF_MS },
        removeOnComplete: { age: keepS },
        removeOnFail: false,
      },
    });
    queues.set(channel.name, queue);
    const worker: Worker<Delivery> = new Worker<Delivery>(
      name,
      async (job) => {
        try {
          await channel.send(job.data);
        } catch (error) {
          if (error instanceof PermanentError) throw new UnrecoverableError(error.message);
          if (error instanceof RetryableError && error.retryAfterMs !== undefined) {
            // The channel asked to wait (Telegram's retry_after): the whole channel waits, and this try does not count.
            await queue.rateLimit(error.retryAfterMs);
            events.retrying?.(job.data, job.attemptsMade, error);
            throw Worker.RateLimitError();
          }
          throw error;
        }
      },
      {
        connection: connection.duplicate(),
        concurrency: CONCURRENCY,
        lockDuration: lockMs,
        stalledInterval: Math.max(1000, Math.floor(lockMs / 2)),
        ...(channel.perSecond ? { limiter: { max: channel.perSecond, duration: 1000 } } : {}),
      },
    );
    worker.on('completed', (job) => events.delivered?.(job.data, job.attemptsMade));
    worker.on('failed', (job, error) => {
      if (!job) return;
      const final = error instanceof UnrecoverableError || job.attemptsMade >= ATTEMPTS;
      if (final) events.failed?.(job.data, job.attemptsMade, error);
      else events.retrying?.(job.data, job.attemptsMade, error);
    });
    // A Redis outage is reported by /health; ioredis reconnects by itself.
    worker.on('error', () => undefined);
    queue.on('error', () => undefined);
    workers.push(worker);
  }
  const collect = async (
    states: ('active' | 'waiting' | 'delayed' | 'completed' | 'failed')[],
    limit: number,
  ) => {
    const records: DeliveryRecord[] = [];
    for (const queue of queues.values())
      for (const state of states) {
        const jobs = (await queue.getJobs(state, 0, limit - 1)) as Job<Delivery>[];
        for (const job of jobs) records.push(record(job, state));
      }
    return newest(records, limit);
  };
  return {
    kind: 'bullmq',
    async add(delivery) {
      const queue = queues.get(delivery.channel);
      if (!queue) throw new Error(`no channel ${delivery.channel}`);
      // The delivery id is the job id: the same alert queued twice is one job.
      await queue.add(delivery.type, delivery, { jobId: delivery.id });
    },
    async has(id) {
      for (const queue of queues.values()) if (await queue.getJob(id)) return true;
      return false;
    },
    deliveries: (limit = KEEP) => collect(['active', 'waiting', 'delayed', 'completed', 'failed'], limit),
    deadLetters: (limit = KEEP) => collect(['failed'], limit),
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
      await Promise.all([...queues.values()].map((queue) => queue.close()));
    },
  };
}
