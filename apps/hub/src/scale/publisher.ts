// A gateway's side of the log: each checked odds:update of its workers cut into one entry
// per shard (routing.ts), appended in order and in batches. A snapshot goes to every
// shard (each its own listings, most of them none), so that a shard forgets what a
// partition no longer lists even when this gateway never saw it there (a worker that
// moved here from a gateway that died). A delta goes to the shards of its listings, and
// a removal to the shards its listing was sent to, or to all when that is not known
// here. While Redis does not answer, entries wait (at most `maxPending`, the oldest dropped
// and counted) and are appended in order when it is back. While it answers but more waits
// than `highWater` (workers send faster than the appends go), `onPressure(true)` asks the
// gateway to stop reading its workers until half of that is left: nothing is dropped.
import { marketKey } from '@arbhub/schema';
import type { ArbCloseReason, Match, OddsUpdate } from '@arbhub/schema';
import type { ShardEntry, ShardLog } from './log.js';
import { shardsOf } from './routing.js';
import type { Routing } from './routing.js';

interface Routed {
  partition: string;
  shards: number[];
  /** Live prices per market (for /workers). */
  quotes: Map<string, number>;
}

export interface LogPublisherOptions {
  log: Pick<ShardLog, 'append'>;
  routing: Routing;
  clock?: { now(): number };
  /** Entries held while Redis does not answer, at most. */
  maxPending?: number;
  onError?: (error: unknown) => void;
  /** Entries waiting, while Redis answers, above which the workers are held back (default 20,000). */
  highWater?: number;
  /** Hold the workers back (true) or let them go on (false). */
  onPressure?: (hold: boolean) => void;
}

export class LogPublisher {
  /** Where each worker's listings went: workerId -> eventId -> routing. */
  private readonly routed = new Map<string, Map<string, Routed>>();
  private pending: { shard: number; entry: ShardEntry }[] = [];
  private flushing: Promise<void> | undefined;
  private readonly clock: { now(): number };
  private readonly maxPending: number;
  private readonly all: number[];
  private readonly highWater: number;
  /** The last append failed (Redis away): entries wait, the workers are not held. */
  private failing = false;
  private holding = false;
  private inFlight = 0;
  dropped = 0;
  appended = 0;
  failures = 0;
  /** Times the workers were held back. */
  holds = 0;

  constructor(private readonly options: LogPublisherOptions) {
    this.clock = options.clock ?? Date;
    this.maxPending = options.maxPending ?? 200_000;
    this.highWater = options.highWater ?? 20_000;
    this.all = Array.from({ length: options.routing.shards }, (_, i) => i);
  }

  /** Routes one checked update; returns the prices it carried. */
  apply(update: OddsUpdate): number {
    const at = this.clock.now();
    const { workerId, partition } = update;
    let listings = this.routed.get(workerId);
    if (!listings) this.routed.set(workerId, (listings = new Map<string, Routed>()));
    const perShard = new Map<number, Match[]>();
    const removedPerShard = new Map<number, string[]>();
    const leave = (eventId: string, shards: readonly number[]) => {
      for (const shard of shards) {
        let list = removedPerShard.get(shard);
        if (!list) removedPerShard.set(shard, (list = []));
        list.push(eventId);
      }
    };
    let quotes = 0;
    if (update.mode === 'snapshot')
      for (const [eventId, routed] of listings) if (routed.partition === partition) listings.delete(eventId);
    for (const match of update.matches) {
      const shards = shardsOf(match.sport, Date.parse(match.startTime), this.options.routing);
      const before = listings.get(match.eventId);
      // A delta that moves a listing's kickoff to other shards takes it out of the old ones.
      if (before && update.mode === 'delta' && before.partition === partition) {
        const gone = before.shards.filter((s) => !shards.includes(s));
        if (gone.length > 0) leave(match.eventId, gone);
      }
      for (const shard of shards) {
        let list = perShard.get(shard);
        if (!list) perShard.set(shard, (list = []));
        list.push(match);
      }
      const counts = update.mode === 'delta' && before ? before.quotes : new Map<string, number>();
      for (const market of match.markets) {
        const live = Object.values(market.prices).filter((p) => p !== null).length;
        counts.set(marketKey(market), live);
        quotes += live;
      }
      listings.set(match.eventId, { partition, shards, quotes: counts });
    }
    for (const eventId of update.removed) {
      const before = listings.get(eventId);
      leave(eventId, before?.shards ?? this.all);
      if (before?.partition === partition) listings.delete(eventId);
    }
    const targets =
      update.mode === 'snapshot' ? this.all : [...new Set([...perShard.keys(), ...removedPerShard.keys()])];
    for (const shard of targets) {
      this.push(shard, {
        kind: 'update',
        at,
        update: { ...update, matches: perShard.get(shard) ?? [], removed: removedPerShard.get(shard) ?? [] },
      });
    }
    return quotes;
  }

  /** A person's matching decision for one shard's engine to take, after everything routed before it. */
  decide(shard: number, entry: Extract<ShardEntry, { kind: 'decide' }>): void {
    this.push(shard, entry);
  }

  /** A worker is gone (disconnected, or silent): every shard forgets its listings. */
  removeWorker(workerId: string, reason: ArbCloseReason): void {
    this.routed.delete(workerId);
    const at = this.clock.now();
    for (const shard of this.all) this.push(shard, { kind: 'worker-gone', at, workerId, reason });
  }

  /** What /workers shows of a worker here (the engines count under-100% markets; not known here). */
  countsFor(workerId: string): { events: number; quotes: number; underround: number } {
    const listings = this.routed.get(workerId);
    let quotes = 0;
    for (const routed of listings?.values() ?? []) for (const n of routed.quotes.values()) quotes += n;
    return { events: listings?.size ?? 0, quotes, underround: 0 };
  }

  /** Entries not appended yet: waiting, and on their way to Redis. */
  get waiting(): number {
    return this.pending.length + this.inFlight;
  }

  /** Resolves when everything routed so far is appended (or the attempt failed). */
  async flushed(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private push(shard: number, entry: ShardEntry): void {
    this.pending.push({ shard, entry });
    if (this.pending.length > this.maxPending) {
      const over = this.pending.length - this.maxPending;
      this.pending.splice(0, over);
      this.dropped += over;
    }
    this.flushing ??= this.flush();
    if (!this.holding && !this.failing && this.pending.length >= this.highWater) this.hold(true);
  }

  private hold(on: boolean): void {
    this.holding = on;
    if (on) this.holds += 1;
    this.options.onPressure?.(on);
  }

  /** Appends what is pending, batch after batch, one at a time (order kept); retries after a failure. */
  private async flush(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      this.inFlight = batch.length;
      try {
        await this.options.log.append(batch);
        this.inFlight = 0;
        this.appended += batch.length;
        this.failing = false;
        if (this.holding && this.pending.length < this.highWater / 2) this.hold(false);
      } catch (error: unknown) {
        this.inFlight = 0;
        this.failures += 1;
        this.failing = true;
        if (this.holding) this.hold(false); // Redis away: they are not held for an outage
        this.options.onError?.(error);
        this.pending = [...batch, ...this.pending];
        this.flushing = undefined;
        setTimeout(() => {
          this.flushing ??= this.flush();
        }, 500).unref();
        return;
      }
    }
    this.flushing = undefined;
  }
}
