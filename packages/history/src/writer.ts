// Writes history off the hot path: the hub hands over arbitrage changes and prices,
// which wait in a bounded buffer and go to the database in one transaction every
// flushMs. A database that is down keeps them buffered (the oldest prices dropped
// first past maxBuffered, counted) and they are written once it is back; the hub never
// waits for it. Retention deletes what is older than HISTORY_DAYS, in batches.
import type { Arb, ArbCloseReason, Clock } from '@arbhub/schema';
import type { Batch, HistorySink } from './store.js';
import type { PricePoint } from './records.js';

export interface WriterOptions {
  /** How often the buffer is written (ms). */
  flushMs?: number;
  /** Most changes and prices held while the database is away; past it the oldest prices go first. */
  maxBuffered?: number;
  /** HISTORY_DAYS: what opened longer ago is deleted. */
  retentionDays?: number;
  /** How often retention runs (ms). */
  retentionEveryMs?: number;
  clock?: Clock;
  /** Told of a failed write or retention pass (once per outage, and when it ends). */
  onError?: (error: unknown) => void;
  onRecover?: (buffered: number) => void;
}

export interface WriterStatus {
  dialect: string;
  where: string;
  /** up: the last write went in; down: it failed and the buffer waits; starting: none yet. */
  state: 'up' | 'down' | 'starting';
  buffered: number;
  dropped: number;
  written: { arbs: number; changes: number; prices: number; batches: number };
  lastError: string | null;
  lastWriteAt: number | null;
  deleted: { arbs: number; prices: number };
}

interface OpenState {
  maxProfitPct: number;
  updates: number;
  lagBook: string | null;
}

function changeOf(
  arb: Arb,
  change: Batch['changes'][number]['change'],
  ts: number,
  reason: ArbCloseReason | null,
): Batch['changes'][number] {
  return { arbId: arb.id, change, profitPct: arb.profitPct, legs: arb.legs, flags: arb.flags, ts, reason };
}

function emptyBatch(): Batch {
  return { arbs: new Map(), changes: [], prices: [] };
}

export class HistoryWriter {
  private pending = emptyBatch();
  private readonly open = new Map<string, OpenState>();
  private readonly flushMs: number;
  private readonly maxBuffered: number;
  private readonly retentionMs: number;
  private readonly retentionEveryMs: number;
  /** The clock rows are stamped and retention is reckoned by (the recorder prunes by it too). */
  readonly clock: Clock;
  private timer: ReturnType<typeof setInterval> | undefined;
  private retentionTimer: ReturnType<typeof setInterval> | undefined;
  private flushing: Promise<void> | undefined;
  /** The rows of the batch being written (still buffered until it is in). */
  private inFlight = 0;
  private readonly status_: WriterStatus;

  constructor(
    /** Where batches go: a HistoryStore, or a write thread (threadSink). */
    public store: HistorySink,
    private readonly options: WriterOptions = {},
  ) {
    this.flushMs = options.flushMs ?? 500;
    this.maxBuffered = options.maxBuffered ?? 200_000;
    this.retentionMs = (options.retentionDays ?? 30) * 86_400_000;
    this.retentionEveryMs = options.retentionEveryMs ?? 3_600_000;
    this.clock = options.clock ?? Date;
    this.status_ = {
      dialect: store.dialect,
      where: store.where,
      state: 'starting',
      buffered: 0,
      dropped: 0,
      written: { arbs: 0, changes: 0, prices: 0, batches: 0 },
      lastError: null,
      lastWriteAt: null,
      deleted: { arbs: 0, prices: 0 },
    };
  }

  /** Starts the flush and retention timers (unref'd: they never keep a process up). */
  start(): this {
    this.timer ??= setInterval(() => void this.flush(), this.flushMs);
    this.timer.unref();
    this.retentionTimer ??= setInterval(() => void this.retain(), this.retentionEveryMs);
    this.retentionTimer.unref();
    void this.retain();
    return this;
  }

  opened(arb: Arb, lagBook: string | null): void {
    const state = { maxProfitPct: arb.profitPct, updates: 0, lagBook };
    this.open.set(arb.id, state);
    this.pending.arbs.set(arb.id, { arb, ...state });
    this.pending.changes.push(changeOf(arb, 'open', arb.openedAt, null));
    this.bound();
  }

  /**
   * `updates`: how many updates it has had in all, when the caller may know more than this
   * writer (a scale-out engine that took the arbitrage over from another).
   */
  updated(arb: Arb, updates?: number): void {
    const state = this.open.get(arb.id) ?? { maxProfitPct: arb.profitPct, updates: 0, lagBook: null };
    state.updates = Math.max(state.updates + 1, updates ?? 0);
    state.maxProfitPct = Math.max(state.maxProfitPct, arb.profitPct);
    this.open.set(arb.id, state);
    this.pending.arbs.set(arb.id, { arb, ...state });
    this.pending.changes.push(changeOf(arb, 'update', arb.updatedAt, null));
    this.bound();
  }

  closed(arb: Arb, reason: ArbCloseReason, closedAt: number): void {
    const state = this.open.get(arb.id) ?? { maxProfitPct: arb.profitPct, updates: 0, lagBook: null };
    this.open.delete(arb.id);
    state.maxProfitPct = Math.max(state.maxProfitPct, arb.profitPct);
    this.pending.arbs.set(arb.id, { arb, ...state, closedAt, reason });
    this.pending.changes.push(changeOf(arb, 'close', closedAt, reason));
    this.bound();
  }

  price(point: PricePoint): void {
    this.pending.prices.push(point);
    this.bound();
  }

  /** What waits to be written, the batch being written included. */
  get buffered(): number {
    return this.queued() + this.inFlight;
  }

  private queued(): number {
    return this.pending.changes.length + this.pending.prices.length;
  }

  status(): WriterStatus {
    return { ...this.status_, buffered: this.buffered };
  }

  /** Writes what is buffered now; on failure it stays buffered for the next try. */
  flush(): Promise<void> {
    this.flushing ??= this.writeOnce().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  /** Stops the timers and writes what is left (as far as the database lets it). */
  async close(): Promise<void> {
    clearInterval(this.timer);
    clearInterval(this.retentionTimer);
    this.timer = undefined;
    this.retentionTimer = undefined;
    await this.flushing;
    await this.flush();
  }

  private async writeOnce(): Promise<void> {
    if (this.pending.arbs.size === 0 && this.queued() === 0) return;
    const batch = this.pending;
    this.pending = emptyBatch();
    this.inFlight = batch.changes.length + batch.prices.length;
    try {
      await this.store.migrate();
      await this.store.write(batch);
      const wasDown = this.status_.state === 'down';
      this.status_.state = 'up';
      this.status_.lastWriteAt = this.clock.now();
      const w = this.status_.written;
      w.arbs += batch.arbs.size;
      w.changes += batch.changes.length;
      w.prices += batch.prices.length;
      w.batches += 1;
      if (wasDown) this.options.onRecover?.(batch.changes.length + batch.prices.length);
    } catch (error) {
      // Put it back in front of what came meanwhile; a newer state of an arbitrage wins.
      for (const [id, row] of batch.arbs) if (!this.pending.arbs.has(id)) this.pending.arbs.set(id, row);
      this.pending.changes = batch.changes.concat(this.pending.changes);
      this.pending.prices = batch.prices.concat(this.pending.prices);
      this.bound();
      if (this.status_.state !== 'down') this.options.onError?.(error);
      this.status_.state = 'down';
      this.status_.lastError = error instanceof Error ? error.message : String(error);
    } finally {
      this.inFlight = 0;
    }
  }

  /** Keeps the buffer within maxBuffered: the oldest prices go first, then updates. */
  private bound(): void {
    let over = this.queued() - this.maxBuffered;
    if (over <= 0) return;
    const prices = Math.min(over, this.pending.prices.length);
    this.pending.prices.splice(0, prices);
    over -= prices;
    let dropped = prices;
    if (over > 0) {
      const kept = [];
      for (const change of this.pending.changes) {
        if (over > 0 && change.change === 'update') {
          over -= 1;
          dropped += 1;
        } else kept.push(change);
      }
      this.pending.changes = kept;
    }
    this.status_.dropped += dropped;
  }

  /** Deletes what is older than the retention (HISTORY_DAYS), in batches. */
  async retain(): Promise<void> {
    try {
      await this.store.migrate();
      const gone = await this.store.deleteBefore(this.clock.now() - this.retentionMs);
      this.status_.deleted.arbs += gone.arbs;
      this.status_.deleted.prices += gone.prices;
    } catch {
      // The database is away: the next pass deletes it.
    }
  }
}
