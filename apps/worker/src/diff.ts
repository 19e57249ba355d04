// What a worker sends: per partition, a snapshot the first time (and after every
// reconnect), then the difference between consecutive polls: a market whose prices did
// not change is not sent again, a market gone is withdrawn (null prices), an event gone
// is removed.
import { marketKey, sameFixture } from '@arbhub/schema';
import type { Market, Match } from '@arbhub/schema';

const DAY_MS = 24 * 3_600_000;

/** The partition a match belongs to: `<sport>:live` in play, `:today` within 24 h, `:early` after. */
export function partitionOf(match: Match, now: number): string {
  if (match.inPlay) return `${match.sport}:live`;
  return Date.parse(match.startTime) - now < DAY_MS ? `${match.sport}:today` : `${match.sport}:early`;
}

const sameMarket = (a: Market, b: Market) =>
  a.maxStake === b.maxStake && JSON.stringify(a.prices) === JSON.stringify(b.prices);

/** The same fixture (sameFixture) in the same state: in play or not, at the same score. */
const sameIdentity = (a: Match, b: Match) =>
  sameFixture(a, b) &&
  a.inPlay === b.inPlay &&
  a.score?.[0] === b.score?.[0] &&
  a.score?.[1] === b.score?.[1];

/** A market with every price withdrawn. */
function withdrawn(market: Market): Market {
  const prices = Object.fromEntries(Object.keys(market.prices).map((side) => [side, null]));
  return { ...market, prices } as Market;
}

export interface Delta {
  matches: Match[];
  removed: string[];
}

/** The delta from `before` to `after` (event id → match); empty when nothing changed. */
export function diffMatches(before: ReadonlyMap<string, Match>, after: ReadonlyMap<string, Match>): Delta {
  const matches: Match[] = [];
  for (const [id, match] of after) {
    const old = before.get(id);
    if (!old) {
      matches.push(match);
      continue;
    }
    const oldMarkets = new Map(old.markets.map((m) => [marketKey(m), m]));
    const markets: Market[] = [];
    for (const market of match.markets) {
      const key = marketKey(market);
      const previous = oldMarkets.get(key);
      oldMarkets.delete(key);
      if (!previous || !sameMarket(previous, market)) markets.push(market);
    }
    for (const gone of oldMarkets.values()) markets.push(withdrawn(gone));
    if (markets.length > 0 || !sameIdentity(old, match)) matches.push({ ...match, markets });
  }
  const removed = [...before.keys()].filter((id) => !after.has(id));
  return { matches, removed };
}
