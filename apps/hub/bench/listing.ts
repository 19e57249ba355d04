// The listing both hub benchmarks send: one event as a book reports it.
/** The price book csport plants on an event's ah -0.5 home side: an arbitrage against every other book. */
export const PLANTED_ODDS = 2.3;
/** Its away side at csport: 1/2.3 + 1/1.7 = 1.023, a positive margin. */
export const PLANTED_AWAY = 1.7;

const ahMarket = (line: number, h: number, a: number) => ({
  market: 'ah',
  period: 'ft',
  line,
  prices: { home: h, away: a },
});
/** A match as every book lists it: one event, 5 markets, 11 prices. */
export function matchOf(e: number, book: string, bump = 0, plant = false) {
  const base = 1.85 + ((e * 7 + book.length) % 10) / 100 + bump;
  return {
    eventId: `${book}-${e}`,
    sport: 'soccer',
    league: `League ${e % 20}`,
    home: `Team ${e} Home`,
    away: `Team ${e} Away`,
    // A kickoff every 15 minutes: 8 per 2-hour bucket of the scale-out routing.
    startTime: new Date(Date.UTC(2026, 11, 1) + e * 900_000).toISOString(),
    inPlay: false,
    markets: [
      { market: '1x2', period: 'ft', prices: { home: 2.4 + bump, draw: 3.3, away: 2.9 } },
      // The planted arbitrage: book csport prices home far above the rest (and its away
      // shorter: a book's own market never sums under 100%, and the hub refuses one that does).
      ahMarket(-0.5, plant ? PLANTED_ODDS : base, plant ? PLANTED_AWAY : base),
      ahMarket(-0.25, base + 0.1, base - 0.1),
      { market: 'ou', period: 'ft', line: 2.5, prices: { over: base, under: base } },
      { market: '1x2', period: 'ht', prices: { home: 3.1, draw: 2.1, away: 3.6 } },
    ],
  };
}
