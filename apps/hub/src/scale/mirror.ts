// A gateway's copy of the open arbitrage the engines publish: read whole at start, then
// kept by following the change stream; every change it takes is handed on (to /stream,
// the history, the metrics) exactly once per id and kind: an open for an id it holds is
// an update, a close for one it does not hold is dropped. After a read failure (Redis
// restarted, or the gateway fell behind the stream's length) it reads the whole set
// again and hands on the difference.
import type { Arb, Clock, Logger, StreamMessage } from '@arbhub/schema';
import type { Redis } from 'ioredis';
import { idTime } from './log.js';
import { ResultsReader, arbKey } from './results.js';

/** Changes read at most per call. */
const FOLLOW_COUNT = 1000;

export interface ResultsMirrorOptions {
  redis: Redis;
  /** Blocking reads. */
  reader: Redis;
  prefix?: string;
  /** The changes, in order, as this gateway tells them. */
  onMessages: (messages: StreamMessage[]) => void;
  log: Logger;
  clock?: Clock;
  /** How often the whole set is read again to catch what a lost entry hid (ms). */
  resyncMs?: number;
  /** How long an arbitrage may be missing from the whole set before it is told closed (ms). */
  graceMs?: number;
}

export class ResultsMirror {
  private readonly arbs = new Map<string, Arb>();
  /** The id each set of legs is open under. */
  private readonly byKey = new Map<string, string>();
  private readonly results: ResultsReader;
  private running = false;
  private following: Promise<void> | undefined;
  private after = '0-0';
  private lastSync = 0;
  /** Held arbitrage the last read of the whole set did not have, since when. */
  private readonly missing = new Map<string, number>();
  private readonly graceMs: number;
  unreadable = 0;
  /**
   * How far behind the engines' changes this copy is (ms): the age of the last change read
   * when that read was a full page (more waited), else 0.
   */
  lagMs = 0;

  constructor(private readonly options: ResultsMirrorOptions) {
    this.results = new ResultsReader(options.redis, { prefix: options.prefix ?? 'arbhub:' });
    this.graceMs = options.graceMs ?? 10_000;
  }

  get size(): number {
    return this.arbs.size;
  }

  /** Open arbitrage, highest profit first; with `filter`, only those it keeps. */
  openArbs(filter?: (arb: Arb) => boolean): Arb[] {
    const arbs = [...this.arbs.values()];
    return (filter ? arbs.filter(filter) : arbs).sort((a, b) => b.profitPct - a.profitPct);
  }

  /** Reads the set (retrying until Redis answers) and starts following. */
  async start(): Promise<void> {
    this.running = true;
    for (;;) {
      try {
        await this.sync();
        break;
      } catch (err: unknown) {
        this.options.log.warn({ err: String(err) }, 'gateway: cannot read the published arbitrage yet');
        await new Promise((resolve) => setTimeout(resolve, 500));
        if (this.stopped) return;
      }
    }
    this.following = this.follow();
  }

  private get stopped(): boolean {
    return !this.running;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.following;
  }

  /** The whole set again: the difference from what is held is handed on. */
  private async sync(): Promise<void> {
    const { arbs, after } = await this.results.snapshot();
    const now = (this.options.clock ?? Date).now();
    const seen = new Set<string>();
    const messages: StreamMessage[] = [];
    for (const arb of arbs) {
      seen.add(arb.id);
      const held = this.arbs.get(arb.id);
      if (!held) messages.push({ type: 'arb:open', arb });
      else if (held.updatedAt !== arb.updatedAt || held.profitPct !== arb.profitPct)
        messages.push({ type: 'arb:update', arb });
    }
    // Missing from the set: closed only if still missing a grace later (after Redis restarted
    // empty, the engines put back what they hold within their reconcile interval).
    for (const [id, arb] of this.arbs) {
      if (seen.has(id)) {
        this.missing.delete(id);
        continue;
      }
      const since = this.missing.get(id);
      if (since === undefined) this.missing.set(id, now);
      else if (now - since >= this.graceMs) {
        this.missing.delete(id);
        messages.push({ type: 'arb:close', id, reason: 'odds_moved', closedAt: now, arb });
      }
    }
    this.after = after;
    this.lastSync = now;
    this.take(messages);
  }

  private async follow(): Promise<void> {
    let failed = false;
    while (this.running) {
      try {
        const now = (this.options.clock ?? Date).now();
        const due = this.missing.size > 0 ? this.graceMs : (this.options.resyncMs ?? 30_000);
        if (failed || now - this.lastSync >= due) await this.sync();
        failed = false;
        const { messages, last, unreadable } = await this.results.follow(
          this.options.reader,
          this.after,
          250,
          FOLLOW_COUNT,
        );
        this.after = last;
        this.unreadable += unreadable;
        this.lagMs =
          messages.length + unreadable >= FOLLOW_COUNT
            ? Math.max(0, (this.options.clock ?? Date).now() - idTime(last))
            : 0;
        this.take(messages);
      } catch (err: unknown) {
        if (!failed)
          this.options.log.warn({ err: String(err) }, 'gateway: cannot follow the published arbitrage');
        failed = true;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  /** Applies changes to the copy and hands on each that changes it. */
  private take(messages: readonly StreamMessage[]): void {
    const told: StreamMessage[] = [];
    for (const message of messages) {
      if (message.type === 'arb:open' || message.type === 'arb:update') {
        const { arb } = message;
        this.missing.delete(arb.id);
        // One arbitrage (one set of legs) is open under one id at a time: an older id of the
        // same legs (its close lost, as when Redis restarted empty) is closed first.
        const key = arbKey(arb);
        const older = this.byKey.get(key);
        const replaced = older !== undefined && older !== arb.id ? this.arbs.get(older) : undefined;
        if (older !== undefined && replaced) {
          this.forget(older);
          told.push({
            type: 'arb:close',
            id: older,
            reason: 'odds_moved',
            closedAt: arb.updatedAt,
            arb: replaced,
          });
        }
        const held = this.arbs.has(arb.id);
        this.arbs.set(arb.id, arb);
        this.byKey.set(key, arb.id);
        told.push({ type: held ? 'arb:update' : 'arb:open', arb });
      } else if (message.type === 'arb:close') {
        if (!this.arbs.has(message.id)) continue;
        this.forget(message.id);
        told.push(message);
      }
    }
    if (told.length > 0) this.options.onMessages(told);
  }

  private forget(id: string): void {
    const arb = this.arbs.get(id);
    this.arbs.delete(id);
    this.missing.delete(id);
    if (arb && this.byKey.get(arbKey(arb)) === id) this.byKey.delete(arbKey(arb));
  }
}
