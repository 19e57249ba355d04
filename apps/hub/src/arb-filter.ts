// The filters of GET /arbs: profit range, a book among the legs, the sport, the flags.
import type { Arb, ArbsQuery } from '@arbhub/schema';

/** A predicate for `?minProfit=&maxProfit=&book=&sport=&flags=` (flags: any of them; `none`: clean). */
export function arbFilter(query: ArbsQuery): (arb: Arb) => boolean {
  const { minProfit, maxProfit, book, sport, flags } = query;
  return (arb) =>
    (minProfit === undefined || arb.profitPct >= minProfit) &&
    (maxProfit === undefined || arb.profitPct <= maxProfit) &&
    (!book || arb.legs.some((l) => l.book === book)) &&
    (!sport || arb.event.sport === sport) &&
    (!flags || flags.some((flag) => (flag === 'none' ? arb.flags.length === 0 : arb.flags.includes(flag))));
}
