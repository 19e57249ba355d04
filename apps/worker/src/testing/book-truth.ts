// What a book shows of a listing, from the simulator's own world: every price in the
// book's orientation (a swapped listing's home is the fixture's away; an ah line is the
// book's home team's handicap) and in decimal, as the truth records it. A parser is right
// when the matches it produces carry exactly these prices.
import type { Match } from '@arbhub/schema';
import type { Listing } from '@arbhub/simbook';

/** `period market line side = decimal`, one per price, sorted. */
export function listingPrices(listing: Listing): string[] {
  const flip = (side: string) =>
    listing.swapped && (side === 'home' || side === 'away') ? (side === 'home' ? 'away' : 'home') : side;
  return listing.prices
    .map((p) => {
      const line =
        p.market.line === undefined
          ? ''
          : String(p.market.market === 'ah' && listing.swapped ? -p.market.line || 0 : p.market.line);
      return `${p.market.period} ${p.market.market} ${line} ${flip(p.side)} = ${p.quote.decimal}`;
    })
    .sort();
}

/** The same for a parsed match: what the worker will tell the hub. */
export function matchPrices(match: Match): string[] {
  return match.markets
    .flatMap((m) =>
      Object.entries(m.prices).flatMap(([side, odds]) =>
        odds === null
          ? []
          : [`${m.period} ${m.market} ${m.line === undefined ? '' : String(m.line)} ${side} = ${odds}`],
      ),
    )
    .sort();
}
