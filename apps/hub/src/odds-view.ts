// GET /odds: each canonical event with every book's current listing of it, filtered by
// book, sport and free text.
import type { EventsAnswer, Match, OddsAnswer, OddsQuery } from '@arbhub/schema';

/** What the view needs of a listing the hub holds. */
export interface ListedMatch {
  match: Match;
  updatedAt: number;
  swapped: boolean;
}

export function oddsAnswer(
  events: EventsAnswer,
  listingOf: (book: string, eventId: string) => ListedMatch | undefined,
  { book, sport, q }: OddsQuery,
): OddsAnswer {
  const needle = q?.toLowerCase();
  const answer: OddsAnswer['events'] = [];
  for (const event of events) {
    if (sport && event.sport !== sport) continue;
    const books: OddsAnswer['events'][number]['books'] = {};
    let inPlay = false;
    for (const member of event.members) {
      if (book && member.book !== book) continue;
      const listing = listingOf(member.book, member.eventId);
      if (!listing) continue;
      inPlay ||= listing.match.inPlay;
      books[member.book] = {
        eventId: member.eventId,
        home: listing.match.home,
        away: listing.match.away,
        markets: listing.match.markets,
        updatedAt: listing.updatedAt,
        swapped: listing.swapped,
      };
    }
    if (Object.keys(books).length === 0) continue;
    if (needle) {
      const text = [event.home, event.away, event.league, ...event.members.flatMap((m) => [m.home, m.away])]
        .join(' ')
        .toLowerCase();
      if (!text.includes(needle)) continue;
    }
    answer.push({
      id: event.id,
      sport: event.sport,
      league: event.league,
      home: event.home,
      away: event.away,
      startTime: event.startTime,
      inPlay,
      books,
    });
  }
  return { events: answer };
}
