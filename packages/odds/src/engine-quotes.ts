// From the wire to the engine: a normalized match (docs/protocol.md) as engine quotes.
import type { Match } from '@arbhub/schema';
import type { EngineQuote, QuoteRef } from './arb-types.js';

/**
 * The quotes one book's normalized match carries, and the prices it withdraws
 * (`null`). A match's `ah` line is the home team's handicap; an engine quote's is
 * the handicap of its side, so the away price of line L is quoted at -L.
 */
export function quotesFromMatch(
  book: string,
  match: Match,
  ts: number,
): { quotes: EngineQuote[]; withdrawn: QuoteRef[] } {
  const quotes: EngineQuote[] = [];
  const withdrawn: QuoteRef[] = [];
  for (const market of match.markets) {
    for (const [side, odds] of Object.entries(market.prices) as [EngineQuote['side'], number | null][]) {
      const line = market.market === 'ah' && side === 'away' ? -market.line : market.line;
      const ref = { book, market: market.market, period: market.period, line: line === 0 ? 0 : line, side };
      if (odds === null) {
        withdrawn.push(ref);
        continue;
      }
      quotes.push({
        ...ref,
        bookEventId: match.eventId,
        odds,
        maxStake: market.maxStake,
        ts,
        inPlay: match.inPlay,
        score: match.inPlay ? match.score : undefined,
      });
    }
  }
  return { quotes, withdrawn };
}
