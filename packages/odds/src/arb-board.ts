// One row per opportunity: the engine reports every combination with z > 1 (one
// mispriced leg pairs with every other book's price and line), so the board groups
// them by canonical event and period and shows the best, the rest as alternatives.
// Zod-free: the dashboard bundles it.
import type { Arb, ArbGroup } from '@arbhub/schema';

/** Clean before flagged, then the higher profit, then the older, then by id (a stable order). */
export function compareArbs(a: Arb, b: Arb): number {
  const flagged = Number(a.flags.length > 0) - Number(b.flags.length > 0);
  if (flagged !== 0) return flagged;
  if (b.profitPct !== a.profitPct) return b.profitPct - a.profitPct;
  if (a.openedAt !== b.openedAt) return a.openedAt - b.openedAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The key of an arbitrage's group: its canonical event and period. */
export const arbGroupKey = (arb: Pick<Arb, 'eventId' | 'period'>): string => `${arb.eventId}|${arb.period}`;

/**
 * Groups arbitrage by canonical event and period. Each group's `best` is its first
 * arbitrage by `compareArbs` (a clean one when there is any); groups come in the order
 * of their best arbitrage.
 */
export function groupArbs(arbs: readonly Arb[]): ArbGroup[] {
  const groups = new Map<string, Arb[]>();
  for (const arb of arbs) {
    const key = arbGroupKey(arb);
    const members = groups.get(key);
    if (members) members.push(arb);
    else groups.set(key, [arb]);
  }
  const result: ArbGroup[] = [];
  for (const members of groups.values()) {
    const [best, ...alternatives] = members.sort(compareArbs);
    if (best) result.push({ eventId: best.eventId, period: best.period, best, alternatives });
  }
  return result.sort((a, b) => compareArbs(a.best, b.best));
}
