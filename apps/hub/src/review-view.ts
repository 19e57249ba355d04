// One entry of the review queue as GET /matching/review shows it: the listing, where the
// matcher put it and how sure it is, and the candidates a person may link it to.
import type { ReviewItem } from '@arbhub/matcher';
import type { ReviewAnswer } from '@arbhub/schema';

/** A review item as the answer's row. */
export function describeReview(item: ReviewItem): ReviewAnswer['items'][number] {
  const { listing, placed } = item;
  return {
    reason: item.reason,
    book: listing.book,
    eventId: listing.eventId,
    sport: listing.sport,
    league: listing.league,
    home: listing.home,
    away: listing.away,
    startTime: listing.startTime,
    canonicalId: placed.id,
    confidence: placed.confidence,
    evidence: placed.evidence,
    candidates: item.candidates,
  };
}
