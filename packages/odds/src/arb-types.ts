import type { Arb, ArbCloseReason, ArbFlag, Clock, MarketType, Period, Side } from '@arbhub/schema';

/**
 * One book's latest price for one selection of a canonical event, in decimal odds.
 * For `ah`, `line` is the handicap of the side (away +0.5); for `ou` the total.
 */
export interface EngineQuote {
  book: string;
  /** The book's own event id. */
  bookEventId: string;
  market: MarketType;
  period: Period;
  line?: number | undefined;
  side: Side;
  odds: number;
  commission?: number | undefined;
  maxStake?: number | undefined;
  /** When the price was received (the engine's clock). */
  ts: number;
  inPlay?: boolean | undefined;
  /** [home, away] when the book reported the price; required in play. */
  score?: readonly [number, number] | undefined;
}

/** Identifies one book's selection: what `withdraw` takes. */
export type QuoteRef = Pick<EngineQuote, 'book' | 'market' | 'period' | 'line' | 'side'>;

/** A selection at any book: market, period, line (the side's own for ah) and side. */
export type SelectionRef = Omit<QuoteRef, 'book'>;

/** Every book's live quote of one selection (the engine answers from its index, no scan). */
export type QuoteLookup = (selection: SelectionRef) => readonly EngineQuote[];

/** What an arbitrage shows of its canonical event. */
export type EventInfo = Arb['event'];

export interface ClosedArb {
  arb: Arb;
  reason: ArbCloseReason;
  closedAt: number;
}

/** What one change did to the arbitrages of its event. */
export interface ArbChanges {
  opened: Arb[];
  updated: Arb[];
  closed: ClosedArb[];
}

export interface ArbEngineOptions {
  /** A quote older than this (ms) is ignored; a number, or per book. */
  staleAfterMs: number | ((book: string) => number);
  /** Forbid two legs at one book (default false: allowed). */
  distinctBooks?: boolean | undefined;
  /** The smallest z counted as an arbitrage is 1 + this (default 1e-9). */
  epsilon?: number | undefined;
  /**
   * The guards' flags of an arbitrage (see guards.ts), given a lookup of the live quotes
   * of its event in its period and match state, by selection. Called when it opens or
   * its figures change, and by `reflag()`. Default: no flags.
   */
  flags?: ((arb: Arb, quotesOf: QuoteLookup) => ArbFlag[]) | undefined;
  /**
   * Report an open arbitrage's changed figures at most this often (ms; default 0: every
   * change). A change to one not reported for this long is reported at once; later changes
   * within the interval are built once, at the latest prices, when `takeUpdated()`,
   * `openArbs()` or a close asks. Opens and closes are never deferred. For a listener
   * that wants at most one update per arbitrage per interval (the hub's STREAM_UPDATE_MS).
   */
  updateEveryMs?: number | undefined;
}

export interface ArbEngineDeps {
  clock: Clock;
  /** Makes arbitrage ids; default `arb-<n>` with a per-engine counter. */
  newId?: (() => string) | undefined;
}

/** The selection a quote prices, without the book: `ft|ah|-0.25|home`. */
export function selectionKey(quote: SelectionRef): string {
  return `${quote.period}|${quote.market}|${quote.line ?? ''}|${quote.side}`;
}

/** One book's selection: `csport|ft|ah|-0.25|home`. */
export function quoteKey(quote: QuoteRef): string {
  return `${quote.book}|${selectionKey(quote)}`;
}
