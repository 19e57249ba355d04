// A gateway's copy of the open arbitrage the engines publish: read whole at start, then
// kept by following the change stream; every change it takes is handed on (to /stream,
// the history, the metrics) exactly once per id and kind: an open for an id it holds is
// an update, a close for one it does not hold is dropped. After a read failure (Redis
// restarted, or the gateway fell behind the stream's length) it reads the whole set
// again and hands on the difference.
import type { Arb, Clock, Logger, StreamMessage } from '@arbhub/schema';
import type { Redis } from 'ioredis';
import { ResultsReader } from './results.js';

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
}

export class ResultsMirror {
  private readonly arbs = new Map<string, Arb>();
  private readonly results: ResultsReader;
  private running = false;
  private following: Promise<void> | undefined;
  private after = '0-0';
  private lastSync = 0;
  unreadable = 0;

  constructor(private readonly options: ResultsMirrorOptions) {
    this.results = new ResultsReader(options.redis, { prefix: options.prefix ?? 'arbhub:' });
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
    for (const [id, arb] of this.arbs)
      if (!seen.has(id)) messages.push({ type: 'arb:close', id, reason: 'odds_moved', closedAt: now, arb });
    this.after = after;
    this.lastSync = now;
    this.take(messages);
  }

  private async follow(): Promise<void> {
    let failed = false;
    while (this.running) {
      try {
        const now = (this.options.clock ?? Date).now();
        if (failed || now - this.lastSync > (this.options.resyncMs ?? 30_000)) await this.sync();
        failed = false;
        const { messages, last, unreadable } = await this.results.follow(
          this.options.reader,
          this.after,
          250,
        );
        this.after = last;
        this.unreadable += unreadable;
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
        const held = this.arbs.has(message.arb.id);
        this.arbs.set(message.arb.id, message.arb);
        told.push({ type: held ? 'arb:update' : 'arb:open', arb: message.arb });
      } else if (message.type === 'arb:close') {
        if (!this.arbs.delete(message.id)) continue;
        told.push(message);
      }
    }
    if (told.length > 0) this.options.onMessages(told);
  }
}
