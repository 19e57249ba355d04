// What the history keeps and answers, in the API's names (docs/protocol.md, "History").
import type { Arb, ArbCloseReason, ArbLeg } from '@arbhub/schema';

/** One price of one quote at one moment, as an arbitrage leg names the quote. */
export interface PricePoint {
  book: string;
  eventId: string;
  market: string;
  period: string;
  /** As the leg has it: the handicap of the side bet on for ah, the total for ou, null otherwise. */
  line: number | null;
  side: string;
  odds: number;
  ts: number;
}

/** The key of one quote: the same for a price point and for the arbitrage leg it priced. */
export function quoteKey(q: {
  book: string;
  eventId: string;
  market: string;
  period: string;
  line: number | null;
  side: string;
}): string {
  return `${q.book}|${q.eventId}|${q.market}|${q.period}|${q.line === null ? '' : String(q.line)}|${q.side}`;
}

/** The quote a leg of `arb` is. */
export function legQuote(arb: Pick<Arb, 'period'>, leg: ArbLeg): Omit<PricePoint, 'odds' | 'ts'> {
  return {
    book: leg.book,
    eventId: leg.eventId,
    market: leg.market,
    period: arb.period,
    line: leg.line,
    side: leg.side,
  };
}

/** An arbitrage as the history has it: its latest figures, its best, and how it ended. */
export interface HistoryArb {
  id: string;
  eventId: string;
  event: Arb['event'];
  period: Arb['period'];
  kind: Arb['kind'];
  books: string[];
  legs: ArbLeg[];
  flags: Arb['flags'];
  profitPct: number;
  maxProfitPct: number;
  returnRatio: number;
  openedAt: number;
  updatedAt: number;
  closedAt: number | null;
  lifetimeMs: number | null;
  closeReason: ArbCloseReason | null;
  /** How many arb:update it had. */
  updates: number;
  /** The book whose price had stood longest when it opened (the one that lagged the move). */
  lagBook: string | null;
}

export interface HistoryChange {
  change: 'open' | 'update' | 'close';
  ts: number;
  profitPct: number;
  legs: ArbLeg[];
  flags: Arb['flags'];
  reason: ArbCloseReason | null;
}

export interface HistoryArbDetail extends HistoryArb {
  /** Every price of its legs' quotes from 10 minutes before it opened until it closed. */
  prices: PricePoint[];
  /** Its open, every update and its close. */
  changes: HistoryChange[];
}

export interface ArbQuery {
  from?: number | undefined;
  to?: number | undefined;
  book?: string | undefined;
  sport?: string | undefined;
  /** The best profit it reached, percent. */
  minProfit?: number | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

export interface Bucket {
  from: number;
  to: number | null;
  count: number;
}

export interface HistoryStats {
  from: number;
  to: number;
  /** Per pair of books (a triple counts at each of its pairs): lifetimes of the closed ones, nearest rank. */
  pairs: {
    books: [string, string];
    count: number;
    closed: number;
    medianLifetimeMs: number | null;
    p90LifetimeMs: number | null;
    medianProfitPct: number | null;
  }[];
  /** Per book: arbitrage with a leg there, and how often its price was the one lagging. */
  books: { book: string; arbs: number; lagging: number; laggingShare: number }[];
  histograms: { lifetimeMs: Bucket[]; profitPct: Bucket[] };
  /** Arbitrage opened per hour (hour = its start, epoch ms). */
  perHour: { hour: number; count: number }[];
}

/** How many a page holds by default, and at most. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/** Lifetime buckets (ms) and profit buckets (percent) of the histograms. */
export const LIFETIME_EDGES = [0, 1000, 2000, 5000, 10_000, 30_000, 60_000, 120_000, 300_000, 600_000];
export const PROFIT_EDGES = [0, 0.5, 1, 1.5, 2, 3, 5, 10];

/** How far before an arbitrage opened its prices are kept. */
export const PRICE_LEAD_MS = 10 * 60_000;
