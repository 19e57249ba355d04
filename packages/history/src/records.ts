// What the history keeps and answers, in the API's names (docs/protocol.md, "History").
import type { Arb, ArbLeg, PricePoint } from '@arbhub/schema';

// The answers' shapes are @arbhub/schema's (history.ts); re-exported for this package's users.
export type {
  Bucket,
  HistoryArb,
  HistoryArbDetail,
  HistoryChange,
  HistoryStats,
  PricePoint,
} from '@arbhub/schema';

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

/** How many a page holds by default, and at most. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/** Lifetime buckets (ms) and profit buckets (percent) of the histograms. */
export const LIFETIME_EDGES = [0, 1000, 2000, 5000, 10_000, 30_000, 60_000, 120_000, 300_000, 600_000];
export const PROFIT_EDGES = [0, 0.5, 1, 1.5, 2, 3, 5, 10];

/** How far before an arbitrage opened its prices are kept. */
export const PRICE_LEAD_MS = 10 * 60_000;
