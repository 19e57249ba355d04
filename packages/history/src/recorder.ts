// What the hub hands the history: every quote it feeds the engine (the tape keeps the
// changes) and every arbitrage change. An opening writes the 10 minutes of its legs'
// prices before it and watches those quotes until it closes: each change of a watched
// quote is written once, however many open arbitrages share it.
import type { Arb, ArbCloseReason } from '@arbhub/schema';
import { PRICE_LEAD_MS, legQuote, quoteKey } from './records.js';
import { PriceTape } from './tape.js';
import type { HistoryWriter } from './writer.js';

/** A quote as the engine takes it (EngineQuote's fields the history reads). */
export interface FedQuote {
  book: string;
  bookEventId: string;
  market: string;
  period: string;
  /** undefined (the engine's) or null for 1x2 and ml. */
  line?: number | null | undefined;
  side: string;
  odds: number;
  ts: number;
}

export interface ChangeSet {
  opened: readonly Arb[];
  updated: readonly Arb[];
  closed: readonly { arb: Arb; reason: ArbCloseReason; closedAt: number }[];
}

export class ArbRecorder {
  private readonly legKeys = new Map<string, string[]>();
  private lastPrune = 0;

  constructor(
    readonly writer: HistoryWriter,
    readonly tape = new PriceTape(),
  ) {}

  /** Quotes fed to the engine (before it works out arbitrage from them). */
  quotes(quotes: readonly FedQuote[]): void {
    for (const q of quotes) {
      const line = q.line ?? null;
      // quoteKey's text, built inline: this runs for every quote the hub takes.
      const key = `${q.book}|${q.bookEventId}|${q.market}|${q.period}|${line === null ? '' : String(line)}|${q.side}`;
      const known = this.tape.state(key);
      if (known?.lastOdds === q.odds) continue; // the price it had: not a point
      const state = this.tape.record(
        key,
        known?.quote ?? {
          book: q.book,
          eventId: q.bookEventId,
          market: q.market,
          period: q.period,
          line,
          side: q.side,
        },
        q.odds,
        q.ts,
        known,
      );
      if (state && state.watchers > 0) {
        this.writer.price({ ...state.quote, odds: q.odds, ts: q.ts });
        state.persisted = state.last;
      }
    }
  }

  changes({ opened, updated, closed }: ChangeSet): void {
    for (const arb of opened) this.opened(arb);
    for (const arb of updated) this.updated(arb);
    for (const { arb, reason, closedAt } of closed) this.closed(arb, reason, closedAt);
    this.prune();
  }

  /** Whether it watches the arbitrage `id` (it saw it open, or adopted it). */
  watching(id: string): boolean {
    return this.legKeys.has(id);
  }

  /**
   * An update. One of an arbitrage this recorder never saw open (a scale-out engine that
   * took its shard over from another: the opening is in the database already) is adopted:
   * its legs are watched from now on, and `updates`, the count in all, is written.
   */
  updated(arb: Arb, updates?: number): void {
    if (!this.legKeys.has(arb.id)) {
      const keys = arb.legs.map((leg) => {
        const quote = legQuote(arb, leg);
        const key = quoteKey(quote);
        const state = this.tape.state(key) ?? this.tape.record(key, quote, leg.odds, arb.updatedAt);
        if (state) {
          state.persisted = state.last;
          state.watchers += 1;
        }
        return key;
      });
      this.legKeys.set(arb.id, keys);
    }
    this.writer.updated(arb, updates);
    this.prune();
  }

  closed(arb: Arb, reason: ArbCloseReason, closedAt: number): void {
    for (const key of this.legKeys.get(arb.id) ?? []) {
      const state = this.tape.state(key);
      if (state) state.watchers = Math.max(0, state.watchers - 1);
    }
    this.legKeys.delete(arb.id);
    this.writer.closed(arb, reason, closedAt);
    this.prune();
  }

  /** The tape forgets what is past its window, once a minute. */
  private prune(): void {
    const now = this.writer.clock.now();
    if (now - this.lastPrune > 60_000) {
      this.lastPrune = now;
      this.tape.prune(now);
    }
  }

  opened(arb: Arb): void {
    const keys: string[] = [];
    let lagBook: string | null = null;
    let oldest = Infinity;
    let tie = false;
    for (const leg of arb.legs) {
      const quote = legQuote(arb, leg);
      const key = quoteKey(quote);
      keys.push(key);
      let state = this.tape.state(key);
      // A quote the tape forgot (unchanged for longer than the window) is known from the leg.
      state ??= this.tape.record(key, quote, leg.odds, arb.openedAt - PRICE_LEAD_MS);
      if (!state) continue;
      for (const point of this.tape.points(key, arb.openedAt - PRICE_LEAD_MS, state.persisted))
        this.writer.price({ ...quote, odds: point.odds, ts: point.ts });
      state.persisted = state.last;
      state.watchers += 1;
      // The lagging leg: the price that had stood longest when the arbitrage opened.
      if (state.lastTs < oldest) {
        oldest = state.lastTs;
        lagBook = leg.book;
        tie = false;
      } else if (state.lastTs === oldest) tie = true;
    }
    this.legKeys.set(arb.id, keys);
    this.writer.opened(arb, tie ? null : lagBook);
    this.prune();
  }
}
