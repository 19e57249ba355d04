// The last price changes of every quote the hub sees, in memory, so that when an
// arbitrage opens the 10 minutes of prices before it can be written. A fixed ring of
// points (typed arrays, no allocation per point) with each quote's points chained
// newest to oldest; a quote unchanged for longer than the window is forgotten.
import { PRICE_LEAD_MS, quoteKey } from './records.js';
import type { PricePoint } from './records.js';

type Quote = Omit<PricePoint, 'odds' | 'ts'>;

interface QuoteState {
  id: number;
  quote: Quote;
  /** The tape position of its newest point, -1 for none. */
  last: number;
  lastOdds: number;
  lastTs: number;
  /** Positions up to this one are written already (the recorder's), -1 for none. */
  persisted: number;
  /** Open arbitrage with a leg on it. */
  watchers: number;
}

export interface TapePoint extends PricePoint {
  /** Its position on the tape (grows by one per point). */
  seq: number;
}

export class PriceTape {
  private readonly ts: Float64Array;
  private readonly odds: Float64Array;
  private readonly owner: Int32Array;
  private readonly prev: Float64Array;
  private head = 0;
  private nextId = 0;
  private readonly quotes = new Map<string, QuoteState>();

  constructor(
    readonly capacity = 500_000,
    readonly windowMs = PRICE_LEAD_MS,
  ) {
    this.ts = new Float64Array(capacity);
    this.odds = new Float64Array(capacity);
    this.owner = new Int32Array(capacity);
    this.prev = new Float64Array(capacity);
  }

  /** Quotes known. */
  get size(): number {
    return this.quotes.size;
  }

  /**
   * A price of a quote. Returns the quote's state when the price changed (a new point),
   * undefined when it is the price it had.
   */
  record(
    key: string,
    quote: Quote,
    odds: number,
    ts: number,
    /** Its state when the caller has just looked it up (saves a second lookup). */
    known?: QuoteState,
  ): QuoteState | undefined {
    let state = known ?? this.quotes.get(key);
    if (state?.lastOdds === odds) return undefined;
    if (!state) {
      state = { id: this.nextId++, quote, last: -1, lastOdds: odds, lastTs: ts, persisted: -1, watchers: 0 };
      this.quotes.set(key, state);
    }
    const seq = this.head++;
    const slot = seq % this.capacity;
    this.ts[slot] = ts;
    this.odds[slot] = odds;
    this.owner[slot] = state.id;
    this.prev[slot] = state.last;
    state.last = seq;
    state.lastOdds = odds;
    state.lastTs = ts;
    return state;
  }

  state(key: string): QuoteState | undefined {
    return this.quotes.get(key);
  }

  /**
   * A quote's points from `since` on, oldest first, after position `after`. The price in
   * force at `since` (set before it) comes first, at `since`: a chart starts from it.
   */
  points(key: string, since: number, after = -1): TapePoint[] {
    const state = this.quotes.get(key);
    if (!state) return [];
    const out: TapePoint[] = [];
    for (let seq = state.last; seq > after && seq >= 0 && seq >= this.head - this.capacity;) {
      const slot = seq % this.capacity;
      if (this.owner[slot] !== state.id) break;
      const ts = this.ts[slot] ?? 0;
      out.push({ ...state.quote, odds: this.odds[slot] ?? 0, ts: Math.max(ts, since), seq });
      if (ts < since) break;
      seq = this.prev[slot] ?? -1;
    }
    return out.reverse();
  }

  /** Forgets quotes unchanged since `now - windowMs` that no open arbitrage watches. */
  prune(now: number): number {
    let dropped = 0;
    for (const [key, state] of this.quotes)
      if (state.watchers === 0 && state.lastTs < now - this.windowMs) {
        this.quotes.delete(key);
        dropped += 1;
      }
    return dropped;
  }
}

export { quoteKey };
