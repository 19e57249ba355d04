// Which arbitrage is alerted, and what makes two of them the same opportunity.
import type { Arb } from '@arbhub/schema';
import type { Config } from './config.js';

export type Filters = Pick<
  Config,
  'ALERT_MIN_PROFIT' | 'ALERT_SPORTS' | 'ALERT_BOOKS' | 'ALERT_INCLUDE_FLAGGED'
>;

/** Why `arb` is not alerted, or undefined when it is. */
export function skipReason(arb: Arb, filters: Filters): string | undefined {
  if (arb.profitPct < filters.ALERT_MIN_PROFIT)
    return `profit ${arb.profitPct.toFixed(2)}% below ALERT_MIN_PROFIT`;
  if (!filters.ALERT_INCLUDE_FLAGGED && arb.flags.length > 0) return `flagged ${arb.flags.join(', ')}`;
  if (filters.ALERT_SPORTS.length > 0 && !filters.ALERT_SPORTS.includes(arb.event.sport ?? ''))
    return `sport ${arb.event.sport ?? 'unknown'} not in ALERT_SPORTS`;
  if (filters.ALERT_BOOKS.length > 0) {
    const other = arb.legs.find((leg) => !filters.ALERT_BOOKS.includes(leg.book));
    if (other) return `book ${other.book} not in ALERT_BOOKS`;
  }
  return undefined;
}

/**
 * The opportunity an arbitrage is: its period and its legs (each book's own event id,
 * market, line and side), sorted. The hub's arbitrage ids are new at every opening and
 * its canonical ids new at every start, so neither can say "the same one again".
 */
export function legsKey(arb: Arb): string {
  const legs = arb.legs
    .map(
      (leg) =>
        `${leg.book}:${leg.eventId}:${leg.market}:${leg.line === null ? '' : leg.line.toString()}:${leg.side}`,
    )
    .sort();
  return `${arb.period}|${legs.join('|')}`;
}
