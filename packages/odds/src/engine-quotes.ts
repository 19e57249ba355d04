// From the wire to the engine: a normalized match (docs/protocol.md) as engine quotes.
import type { Market, Match } from '@arbhub/schema';
import type { EngineQuote, QuoteRef } from './arb-types.js';
import { underround } from './guards.js';

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
): { quotes: EngineQuote[]; withdrawn: QuoteRef[]; underround: { market: Market; sum: number }[] } {
  const quotes: EngineQuote[] = [];
  const withdrawn: QuoteRef[] = [];
  const rejected: { market: Market; sum: number }[] = [];
  const score = match.inPlay ? match.score : undefined;
  for (const market of match.markets) {
    const prices = market.prices as Partial<Record<EngineQuote['side'], number | null>>;
    const sum = underround(market);
    const refused = sum !== undefined;
    if (refused) rejected.push({ market, sum });
    for (const side in prices) {
      const odds = prices[side as EngineQuote['side']];
      if (odds === undefined) continue;
      const raw = market.market === 'ah' && side === 'away' ? -market.line : market.line;
      const line = raw === 0 ? 0 : raw; // never -0
      if (odds === null || refused) {
        withdrawn.push({
          book,
          market: market.market,
          period: market.period,
          line,
          side: side as EngineQuote['side'],
        });
        continue;
      }
      // Built in one literal: this runs for every price of every update the hub receives.
      quotes.push({
        book,
        market: market.market,
        period: market.period,
        line,
        side: side as EngineQuote['side'],
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
