// Building the Arb objects /arbs and /stream show from the engine's candidates.
import type { Arb } from '@arbhub/schema';
import type { Candidate } from './arb-group.js';
import type { EngineQuote, EventInfo } from './arb-types.js';

/** Changes in arbitrage state worth telling subscribers about: the figures to 1e-9. */
const SAME = 1e-9;

/**
 * The Arb of a candidate; legs in a stable order (by book and selection). `quotes` are the
 * members' quotes the candidate was worked out on (their current ones by default: a
 * deferred build passes those it kept, as members move on).
 */
export function toArb(
  id: string,
  event: { id: string; info: EventInfo },
  candidate: Candidate,
  openedAt: number,
  updatedAt: number,
  quotes: readonly EngineQuote[] = candidate.members.map((member) => member.quote),
): Arb {
  const legs = candidate.members
    .map((member, i) => ({
      key: member.key,
      quote: quotes[i] ?? member.quote,
      stake: candidate.stakes[i] ?? 0,
    }))
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .map(({ quote, stake }) => ({
      book: quote.book,
      eventId: quote.bookEventId,
      market: quote.market,
      line: quote.line ?? null,
      side: quote.side,
      odds: quote.odds,
      stakeFraction: stake,
      maxStake: quote.maxStake ?? null,
    }));
  return {
    id,
    eventId: event.id,
    event: event.info,
    period: candidate.members[0]?.quote.period ?? 'ft',
    kind: candidate.kind,
    returnRatio: candidate.z,
    profitPct: (candidate.z - 1) * 100,
    legs,
    openedAt,
    updatedAt,
    flags: [],
  };
}

/** Whether two states of one arbitrage show the same figures (nothing to tell subscribers; flags aside). */
export function sameFigures(a: Arb, b: Arb): boolean {
  if (Math.abs(a.returnRatio - b.returnRatio) > SAME) return false;
  return a.legs.every((leg, i) => {
    const other = b.legs[i];
    return (
      other?.odds === leg.odds &&
      other.maxStake === leg.maxStake &&
      Math.abs(leg.stakeFraction - other.stakeFraction) <= SAME
    );
  });
}

/** Whether two flag lists (each in ARB_FLAGS order) are the same. */
export function sameFlags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((flag, i) => flag === b[i]);
}
