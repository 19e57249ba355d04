// HUB_ROLE=engine: owns some shards through leases, and for each one runs the hub's
// own live state (matcher and arbitrage engine) on what the shard's stream carries.
// A shard taken over is rebuilt by replaying its retained stream on the entries' own
// clock, telling nothing meanwhile; then what the shard speaks for is reconciled with
// what is published (the same arbitrage keeps its id: no second arb:open), and it
// follows the stream live. Only the shard that owns an event (routing.ts) publishes its
// arbitrage.
import type { ArbChanges } from '@arbhub/odds';
import type { Clock, Logger } from '@arbhub/schema';
import type { Redis } from 'ioredis';
import type { LiveState } from '../state.js';
import { DecisionTaker } from './decisions.js';
import { ShardLeases } from './leases.js';
import { ShardLog } from './log.js';
import type { ReadEntry } from './log.js';
import { ResultsWriter } from './results.js';
import type { Routing } from './routing.js';
import { ShardPublisher } from './shard-publisher.js';
import type { Told } from './shard-publisher.js';
import { SLICE_MS, ShardRun } from './shard-run.js';
import type { ShardStateHooks } from './shard-run.js';
import { writeView } from './views.js';

export type { ShardStateHooks };

export interface EngineOptions {
  /** Commands. */
  redis: Redis;
  /** Blocking reads (XREAD BLOCK holds its connection). */
  reader: Redis;
  engineId: string;
  routing: Routing;
  leaseMs: number;
  retainMs: number;
  /** The live state of one shard, as the single hub makes its own. */
  makeState: (shard: number, hooks: ShardStateHooks) => LiveState;
  log: Logger;
  prefix?: string;
  sweepMs?: number;
  /** How often a shard compares what it has with what is published (ms). */
  reconcileMs?: number;
  /** How often a shard publishes the events it owns, for /events and /odds (ms). */
  viewMs?: number;
  /** Told each publication that took effect (the history's feed). */
  onTold?: (told: Told) => void;
  clock?: Clock;
}

/** Counts for /health and the scale bench. */
export interface EngineStats {
  shards: number[];
  entries: number;
  quotes: number;
  unreadable: number;
  published: number;
  rebuilds: { shard: number; entries: number; ms: number }[];
}

export class Engine {
  private readonly runs = new Map<number, ShardRun>();
  private readonly leases: ShardLeases;
  private readonly log: ShardLog;
  private readonly writer: ResultsWriter;
  private readonly decisions: DecisionTaker;
  private readonly clock: Clock;
  private running = false;
  private timers: NodeJS.Timeout[] = [];
  private following: Promise<void> | undefined;
  /** The last beat renewed the leases: publishing is allowed. */
  private confirmed = true;
  private readonly warnedAt = new Map<string, number>();
  private beating = false;
  /** Rebuilds under way. */
  private readonly taking = new Set<Promise<void>>();
  readonly stats: EngineStats = {
    shards: [],
    entries: 0,
    quotes: 0,
    unreadable: 0,
    published: 0,
    rebuilds: [],
  };

  constructor(private readonly options: EngineOptions) {
    this.clock = options.clock ?? Date;
    const prefix = options.prefix ?? 'arbhub:';
    this.leases = new ShardLeases({
      redis: options.redis,
      engineId: options.engineId,
      shards: options.routing.shards,
      leaseMs: options.leaseMs,
      prefix,
      clock: this.clock,
    });
    this.log = new ShardLog(options.redis, { prefix, retainMs: options.retainMs, clock: this.clock });
    this.writer = new ResultsWriter(options.redis, { prefix });
    this.decisions = new DecisionTaker({
      redis: options.redis,
      log: this.log,
      prefix,
      shards: options.routing.shards,
      clock: this.clock,
      onError: (err) => {
        this.warn('decide', { err: String(err) }, 'engine: cannot answer or pass on a matching decision');
      },
    });
  }

  /** The shards held now. */
  get shards(): number[] {
    return [...this.runs.keys()].sort((a, b) => a - b);
  }

  /** The live state of a shard held here (tests and /health). */
  stateOf(shard: number): LiveState | undefined {
    return this.runs.get(shard)?.state;
  }

  async start(): Promise<void> {
    this.running = true;
    await this.beat();
    await Promise.all(this.taking); // the first shards rebuilt before start() resolves
    const every = (ms: number, work: () => Promise<void> | void) => {
      const timer = setInterval(() => {
        void Promise.resolve(work()).catch((err: unknown) => {
          this.warn('timer', { err: String(err) }, 'engine: a periodic job failed');
        });
      }, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(Math.max(100, Math.floor(this.options.leaseMs / 3)), () => this.beat());
    every(this.options.sweepMs ?? 1000, () => {
      for (const run of this.runs.values()) if (!run.replaying) run.state.sweep();
    });
    every(this.options.reconcileMs ?? 2000, () => {
      for (const run of this.runs.values())
        if (!run.replaying) run.publisher.reconcile(() => run.state.openArbs());
    });
    const viewMs = this.options.viewMs ?? 1000;
    every(viewMs, () => this.publishViews(5 * viewMs));
    this.following = this.follow();
  }

  /** Each live shard's owned events and their listings, for the gateways' /events and /odds. */
  private async publishViews(ttlMs: number): Promise<void> {
    const prefix = this.options.prefix ?? 'arbhub:';
    for (const run of [...this.runs.values()])
      if (!run.replaying)
        await writeView(this.options.redis, prefix, run.view(this.options.routing, this.clock.now()), ttlMs);
  }

  /** Stops, gives the leases back (the others take the shards at their next beat) and lets publications finish. */
  async stop(): Promise<void> {
    this.running = false;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.following;
    await Promise.all(this.taking);
    await Promise.all([...this.runs.values()].map((run) => run.publisher.idle()));
    for (const run of this.runs.values()) this.drop(run);
    await this.leases.releaseAll().catch(() => undefined); // Redis gone: the leases lapse on their own.
  }

  /**
   * One lease beat at a time (a slow one is not overlapped by the next: two beats would
   * each take the other's renewal for a loss). Shards gained are rebuilt in the background,
   * so a long replay never holds up the beats that keep the other leases.
   */
  private async beat(): Promise<void> {
    if (this.beating) return;
    this.beating = true;
    try {
      await this.beatOnce();
    } finally {
      this.beating = false;
    }
  }

  private async beatOnce(): Promise<void> {
    let changes;
    try {
      changes = await this.leases.tick();
    } catch (err: unknown) {
      // Redis does not answer: nothing is published until a beat says which leases are still
      // this engine's (another may have taken them meanwhile). The states are kept: if the
      // leases are, nothing needs rebuilding.
      this.confirmed = false;
      this.warn('beat', { err: String(err) }, 'engine: cannot renew shard leases');
      return;
    }
    this.confirmed = true;
    for (const shard of changes.lost) {
      const run = this.runs.get(shard);
      if (run) this.drop(run);
    }
    if (changes.lost.length > 0 || changes.gained.length > 0)
      this.options.log.info(
        {
          engine: this.options.engineId,
          gained: changes.gained,
          lost: changes.lost,
          engines: changes.engines,
        },
        'engine: shards changed hands',
      );
    // Shards gained, and any held whose rebuild failed before (Redis went away meanwhile).
    for (const shard of this.leases.shards)
      if (!this.runs.has(shard)) {
        const taking = this.take(shard);
        this.taking.add(taking);
        void taking.finally(() => this.taking.delete(taking));
      }
    this.stats.shards = this.shards;
  }

  private drop(run: ShardRun): void {
    run.dropped = true;
    run.state.close();
    this.runs.delete(run.shard);
    this.stats.shards = this.shards;
  }

  /** Takes a shard: its state rebuilt from the retained stream, then reconciled with what is published. */
  private async take(shard: number): Promise<void> {
    const started = this.clock.now();
    const run = new ShardRun(
      shard,
      (hooks) => this.options.makeState(shard, hooks),
      () => this.clock.now(),
      (r, changes) => {
        this.changed(r, changes);
      },
    );
    this.runs.set(shard, run);
    run.publisher = new ShardPublisher({
      shard,
      writer: this.writer,
      owns: (arb) => run.owns(arb, this.options.routing),
      allowed: () => !run.dropped && this.confirmed,
      clock: this.clock,
      onPublished: (count) => {
        this.stats.published += count;
      },
      onError: (err) => {
        this.warn(`publish:${shard.toString()}`, { shard, err: String(err) }, 'engine: cannot publish');
      },
      ...(this.options.onTold ? { onTold: this.options.onTold } : {}),
    });
    let entries = 0;
    try {
      for await (const page of this.log.replay(shard)) {
        if (!(await this.applyAll(run, page))) return;
        entries += page.length;
      }
    } catch (err: unknown) {
      // Tried again at the next beat, from the start, while the lease is held.
      this.drop(run);
      this.warn(`replay:${shard.toString()}`, { shard, err: String(err) }, 'engine: cannot replay a shard');
      return;
    }
    run.replaying = false;
    this.stats.rebuilds.push({ shard, entries, ms: this.clock.now() - started });
    // Rebuilt: everything it speaks for is put, the figures of what the last owner published too.
    run.publisher.reconcile(() => run.state.openArbs(), true);
  }

  private apply(run: ShardRun, read: ReadEntry): void {
    run.last = read.id;
    this.stats.entries += 1;
    if (!read.ok) {
      this.stats.unreadable += 1;
      this.warn(
        `unreadable:${run.shard.toString()}`,
        { shard: run.shard, id: read.id, error: read.error },
        'engine: an unreadable log entry was skipped',
      );
      return;
    }
    const { entry } = read;
    run.at = run.replaying ? entry.at : undefined;
    try {
      if (entry.kind === 'update') this.stats.quotes += run.state.apply(entry.update);
      else if (entry.kind === 'worker-gone') run.state.removeWorker(entry.workerId, entry.reason);
      else if (entry.kind === 'decide')
        this.decisions.take(run.state, run.shard, entry.request, run.replaying);
      else run.state.applyDecision(entry.decision);
    } finally {
      run.at = undefined;
    }
  }

  /**
   * Applies entries to a shard, giving the event loop a turn every SLICE_MS of work (lease
   * beats, publications, /health must not wait behind a long read). False when the shard
   * was dropped meanwhile.
   */
  private async applyAll(run: ShardRun, entries: readonly ReadEntry[]): Promise<boolean> {
    let sliceStart = performance.now();
    for (const entry of entries) {
      if (run.dropped) return false;
      this.apply(run, entry);
      if (performance.now() - sliceStart > SLICE_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
    return !run.dropped;
  }

  /** Follows the live shards' streams until stopped. */
  private async follow(): Promise<void> {
    while (this.running) {
      const from = new Map<number, string>();
      for (const run of this.runs.values()) if (!run.replaying) from.set(run.shard, run.last);
      if (from.size === 0) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      try {
        const read = await this.log.follow(this.options.reader, from, 250);
        for (const [shard, entries] of read) {
          const run = this.runs.get(shard);
          if (run && !run.replaying) await this.applyAll(run, entries);
        }
      } catch (err: unknown) {
        this.warn('follow', { err: String(err) }, 'engine: cannot read the log');
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  private changed(run: ShardRun, changes: ArbChanges): void {
    if (!run.replaying && !run.dropped) run.publisher.changed(changes);
  }

  /** One warning per kind a minute. */
  private warn(kind: string, fields: object, message: string): void {
    const now = this.clock.now();
    if (now - (this.warnedAt.get(kind) ?? -Infinity) < 60_000) return;
    this.warnedAt.set(kind, now);
    this.options.log.warn({ engine: this.options.engineId, ...fields }, message);
  }
}
