// Building the Arb objects /arbs and /stream show from the engine's candidates.
import type { Arb } from '@arbhub/schema';
import type { Candidate } from './arb-group.js';
import type { EventInfo } from './arb-types.js';

/** Changes in arbitrage state worth telling subscribers about: the figures to 1e-9. */
const SAME = 1e-9;

/** The Arb of a candidate; legs in a stable order (by book and selection). */
export function toArb(
  id: string,
  event: { id: string; info: EventInfo },
  candidate: Candidate,
  openedAt: number,
  updatedAt: number,
): Arb {
  const legs = candidate.members
    .map((member, i) => ({ member, stake: candidate.stakes[i] ?? 0 }))
    .sort((a, b) => (a.member.key < b.member.key ? -1 : 1))
    .map(({ member, stake }) => ({
      book: member.quote.book,
      eventId: member.quote.bookEventId,
      market: member.quote.market,
      line: member.quote.line ?? null,
      side: member.quote.side,
      odds: member.quote.odds,
      stakeFraction: stake,
      maxStake: member.quote.maxStake ?? null,
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
