// An arbitrage as the stake calculator takes it: its legs as /calc selections.
import type { Arb, CalcRequestInput } from '@arbhub/schema';

/** An arbitrage's legs as `calculate()` / `POST /calc` selections (decimal odds, the arbitrage's period, each leg's book). */
export function arbSelections(arb: Pick<Arb, 'period' | 'legs'>): CalcRequestInput['selections'] {
  return arb.legs.map((leg) => ({
    market: leg.market,
    period: arb.period,
    line: leg.line,
    side: leg.side,
    odds: leg.odds,
    book: leg.book,
  }));
}
