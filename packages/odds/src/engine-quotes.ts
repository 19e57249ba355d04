// From the wire to the engine: a normalized match (docs/protocol.md) as engine quotes.
import type { Market, Match, Side } from '@arbhub/schema';
import type { EngineQuote, QuoteRef } from './arb-types.js';
import { underround } from './guards.js';

/** How a listing's quotes are read: as its canonical event sees them, and which markets. */
export interface QuoteOptions {
  /**
   * The canonical event lists the teams the other way round: the listing's home side is
   * the event's away side. Sides turn round (draw, over, under stay) and so does the score;
   * lines stay, as each engine line is the handicap of its own side.
   */
  swapped?: boolean | undefined;
  /** Read these markets instead of the match's own (a delta's, on the match it updates). */
  markets?: readonly Market[] | undefined;
}

const TURNED: Partial<Record<Side, Side>> = { home: 'away', away: 'home' };

/**
 * The quotes one book's normalized match carries, and the prices it withdraws
 * (`null`). A match's `ah` line is the home team's handicap; an engine quote's is
 * the handicap of its side, so the away price of line L is quoted at -L.
 *
 * A market whose own prices sum to under 100% is a data error, not an opportunity
 * (a book never offers one): its prices are withdrawn, and it is returned in `underround` with
 * its implied sum.
 */
export function quotesFromMatch(
  book: string,
  match: Match,
  ts: number,
  { swapped = false, markets = match.markets }: QuoteOptions = {},
): { quotes: EngineQuote[]; withdrawn: QuoteRef[]; underround: { market: Market; sum: number }[] } {
  const quotes: EngineQuote[] = [];
  const withdrawn: QuoteRef[] = [];
  const rejected: { market: Market; sum: number }[] = [];
  const reported = match.inPlay ? match.score : undefined;
  const score: readonly [number, number] | undefined =
    reported && swapped ? [reported[1], reported[0]] : reported;
  for (const market of markets) {
    const prices = market.prices as Partial<Record<Side, number | null>>;
    const sum = underround(market);
    const refused = sum !== undefined;
    if (refused) rejected.push({ market, sum });
    for (const key in prices) {
      const odds = prices[key as Side];
      if (odds === undefined) continue;
      const raw = market.market === 'ah' && key === 'away' ? -market.line : market.line;
      const line = raw === 0 ? 0 : raw; // never -0
      const side = swapped ? (TURNED[key as Side] ?? (key as Side)) : (key as Side);
      if (odds === null || refused) {
        withdrawn.push({ book, market: market.market, period: market.period, line, side });
        continue;
      }
      // Built in one literal: this runs for every price of every update the hub receives.
      quotes.push({
        book,
        market: market.market,
        period: market.period,
        line,
        side,
        bookEventId: match.eventId,
        odds,
        maxStake: market.maxStake,
        ts,
        inPlay: match.inPlay,
        score,
      });
    }
  }
  return { quotes, withdrawn, underround: rejected };
}
