// One listing for a test: a book's fixture `minutes` after 28 Nov 2026 15:00 UTC.
import type { Listing } from '@arbhub/schema';

export const at = (minutes: number) =>
  new Date(Date.parse('2026-11-28T15:00:00Z') + minutes * 60_000).toISOString();

export const listing = (
  book: string,
  eventId: string,
  home: string,
  away: string,
  minutes = 0,
  sport = 'soccer',
): Listing => ({
  book,
  eventId,
  sport,
  league: 'Test League',
  home,
  away,
  startTime: at(minutes),
});
