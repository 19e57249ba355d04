// Recorded-style traffic for the scale-out tests and bench: fixtures listed by several
// books, many with kickoffs within the matcher's window of a bucket boundary (the case
// routing must get right), each book printing the kickoff a few minutes off and some
// names its own way, then snapshots and a run of price moves that open and close
// arbitrage. Deterministic for a seed.
import { seededRandom } from '@arbhub/odds';
import type { OddsUpdate } from '@arbhub/schema';

export interface TrafficOptions {
  fixtures: number;
  books: readonly string[];
  /** Price-move messages after the snapshots. */
  moves: number;
  seed: number;
  /** First kickoff (ms); fixtures spread from here, bunched around 2-hour boundaries. */
  start: number;
}

const CLUBS = [
  ['Manchester United', 'Man Utd'],
  ['Manchester City', 'Man City'],
  ['Tottenham Hotspur', 'Tottenham'],
  ['Wolverhampton Wanderers', 'Wolves'],
  ['Borussia Dortmund', 'Dortmund'],
  ['Bayern Munich', 'Bayern Munchen'],
  ['Paris Saint-Germain', 'PSG'],
  ['Olympique Lyonnais', 'Lyon'],
  ['Internazionale', 'Inter Milan'],
  ['AC Milan', 'Milan'],
  ['Atletico Madrid', 'Atl. Madrid'],
  ['Real Sociedad', 'Real Sociedad'],
  ['Sporting CP', 'Sporting Lisbon'],
  ['Celtic', 'Celtic FC'],
  ['Rangers', 'Rangers FC'],
  ['Ajax', 'Ajax Amsterdam'],
  ['PSV Eindhoven', 'PSV'],
  ['Feyenoord', 'Feyenoord Rotterdam'],
  ['Galatasaray', 'Galatasaray SK'],
  ['Fenerbahce', 'Fenerbahce SK'],
  ['Club Brugge', 'Club Brugge KV'],
  ['Red Bull Salzburg', 'Salzburg'],
  ['Shakhtar Donetsk', 'Shakhtar'],
  ['Dinamo Zagreb', 'GNK Dinamo'],
  ['Young Boys', 'BSC Young Boys'],
  ['Slavia Prague', 'Slavia Praha'],
  ['Olympiacos', 'Olympiakos'],
  ['Benfica', 'SL Benfica'],
  ['FC Porto', 'Porto'],
  ['Anderlecht', 'RSC Anderlecht'],
  ['Basel', 'FC Basel'],
  ['Copenhagen', 'FC Copenhagen'],
] as const;

interface Listed {
  eventId: string;
  home: string;
  away: string;
  startTime: string;
  prices: { home: number; away: number };
}

/** The messages, in order: each book's snapshot, then `moves` deltas of one price each. */
export function traffic(options: TrafficOptions): OddsUpdate[] {
  const rand = seededRandom(options.seed);
  const messages: OddsUpdate[] = [];
  const twoHours = 2 * 3600_000;
  const listed = new Map<string, Listed[]>(options.books.map((b) => [b, []]));
  for (let i = 0; i < options.fixtures; i += 1) {
    const home = CLUBS[(2 * i) % CLUBS.length] ?? CLUBS[0];
    const away = CLUBS[(2 * i + 1 + Math.floor(i / CLUBS.length)) % CLUBS.length] ?? CLUBS[1];
    // Boundaries every two hours; kickoffs within 40 minutes of one, on a 5-minute grid.
    const boundary = Math.ceil(options.start / twoHours) * twoHours + Math.floor(i / 4) * twoHours;
    const kickoff = boundary + (Math.floor(rand() * 17) - 8) * 5 * 60_000;
    options.books.forEach((book, b) => {
      if (b > 0 && rand() < 0.1) return; // not every book lists every fixture
      const skew = (Math.floor(rand() * 5) - 2) * 5 * 60_000; // up to 10 minutes off
      const variant = b % 2;
      listed.get(book)?.push({
        eventId: `${book}-${i.toString()}`,
        home: home[variant] ?? home[0],
        away: away[variant] ?? away[0],
        startTime: new Date(kickoff + skew).toISOString(),
        prices: { home: price(rand), away: price(rand) },
      });
    });
  }
  const update = (book: string, mode: 'snapshot' | 'delta', matches: Listed[]): OddsUpdate => ({
    type: 'odds:update',
    workerId: `${book}-w1`,
    book,
    ts: options.start,
    mode,
    partition: 'all',
    removed: [],
    matches: matches.map((m) => ({
      eventId: m.eventId,
      sport: 'soccer',
      league: 'Champions League',
      home: m.home,
      away: m.away,
      startTime: m.startTime,
      inPlay: false,
      markets: [
        { market: 'ah', period: 'ft', line: -0.5, prices: { home: m.prices.home, away: m.prices.away } },
      ],
    })),
  });
  for (const book of options.books) messages.push(update(book, 'snapshot', listed.get(book) ?? []));
  for (let n = 0; n < options.moves; n += 1) {
    const book = options.books[Math.floor(rand() * options.books.length)] ?? '';
    const list = listed.get(book) ?? [];
    const listing = list[Math.floor(rand() * list.length)];
    if (!listing) continue;
    listing.prices =
      rand() < 0.5 ? { ...listing.prices, home: price(rand) } : { ...listing.prices, away: price(rand) };
    messages.push(update(book, 'delta', [listing]));
  }
  return messages;
}

/** A two-way price around evens: some pairs across books are arbitrage, most are not. */
function price(rand: () => number): number {
  return Math.round((1.8 + rand() * 0.35) * 100) / 100;
}
