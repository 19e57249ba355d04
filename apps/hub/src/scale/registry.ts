// The workers of every gateway, in Redis (`workers`: workerId -> its offer, the gateway it
// is connected to, when that gateway last saw it and its /workers row), so that the workers of one (book,
// account) split their partitions evenly across gateways. Each gateway writes its own
// workers every beat, reads everyone's, forgets entries not refreshed for three beats
// (their gateway died), and works the assignment out with the same deterministic
// function as the single hub (partitions.ts): every gateway reaches the same answer, and
// every gateway's GET /workers lists them all.
import { check, registeredWorkerSchema } from '@arbhub/schema';
import type { Clock, WorkerInfo } from '@arbhub/schema';
import type { Redis } from 'ioredis';
import type { Offer } from '../partitions.js';

export interface WorkerRegistryOptions {
  redis: Redis;
  /** This gateway's id (unique per process). */
  gatewayId: string;
  /** How often each gateway writes its workers (ms); three missed beats and an entry is gone. */
  beatMs: number;
  prefix?: string;
  clock?: Clock;
}

export class WorkerRegistry {
  private readonly key: string;
  private readonly clock: Clock;
  /** Workers connected to other gateways, as last read. */
  private remote: Offer[] = [];
  /** Their /workers rows, as last read. */
  private remoteInfos: WorkerInfo[] = [];
  unreadable = 0;

  constructor(private readonly options: WorkerRegistryOptions) {
    this.key = `${options.prefix ?? 'arbhub:'}workers`;
    this.clock = options.clock ?? Date;
  }

  /** Every live worker's offer: this gateway's `local` ones and the others' as last read. */
  /** The workers connected to other gateways, as their gateways last wrote them (GET /workers). */
  workers(): WorkerInfo[] {
    return this.remoteInfos;
  }

  offers(local: readonly Offer[]): Offer[] {
    const here = new Set(local.map((o) => o.workerId));
    return [...local, ...this.remote.filter((o) => !here.has(o.workerId))];
  }

  /**
   * Writes this gateway's workers, reads everyone's, forgets the stale; true when the
   * others' offers changed (the assignment must be worked out again).
   */
  async sync(local: readonly Offer[], infos: readonly WorkerInfo[] = []): Promise<boolean> {
    const infoOf = new Map(infos.map((info) => [info.workerId, info]));
    const now = this.clock.now();
    const { redis, gatewayId, beatMs } = this.options;
    const pipeline = redis.pipeline();
    for (const offer of local)
      pipeline.hset(
        this.key,
        offer.workerId,
        JSON.stringify({
          workerId: offer.workerId,
          book: offer.book,
          account: offer.account,
          partitions: offer.partitions,
          gateway: gatewayId,
          seenAt: now,
          info: infoOf.get(offer.workerId),
        }),
      );
    pipeline.hgetall(this.key);
    const results = await pipeline.exec();
    const failed = results?.find(([error]) => error !== null);
    if (failed?.[0]) throw failed[0];
    const all = (results?.[results.length - 1]?.[1] ?? {}) as Record<string, string>;
    const here = new Set(local.map((o) => o.workerId));
    const remote: Offer[] = [];
    const remoteInfos: WorkerInfo[] = [];
    const stale: string[] = [];
    for (const [workerId, text] of Object.entries(all)) {
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        data = undefined;
      }
      const entry = check(registeredWorkerSchema, data);
      if (!entry.ok) {
        this.unreadable += 1;
        stale.push(workerId);
        continue;
      }
      if (now - entry.value.seenAt > 3 * beatMs) stale.push(workerId);
      else if (!here.has(workerId)) {
        const { workerId: id, book, account, partitions } = entry.value;
        remote.push({ workerId: id, book, account, partitions });
        if (entry.value.info) remoteInfos.push(entry.value.info);
      }
    }
    if (stale.length > 0) await redis.hdel(this.key, ...stale);
    const before = JSON.stringify(sorted(this.remote));
    this.remote = remote;
    this.remoteInfos = remoteInfos.sort((a, b) => a.workerId.localeCompare(b.workerId));
    return JSON.stringify(sorted(remote)) !== before;
  }

  /** A worker left this gateway: it goes from the registry at once (if it is still this gateway's). */
  async remove(workerId: string): Promise<void> {
    const text = await this.options.redis.hget(this.key, workerId);
    if (text === null) return;
    try {
      const entry = JSON.parse(text) as { gateway?: string };
      if (entry.gateway !== this.options.gatewayId) return; // it moved to another gateway
    } catch {
      // unreadable: removed below
    }
    await this.options.redis.hdel(this.key, workerId);
  }
}

function sorted(offers: readonly Offer[]): Offer[] {
  return [...offers].sort((a, b) => a.workerId.localeCompare(b.workerId));
}
