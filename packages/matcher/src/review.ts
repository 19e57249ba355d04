// The review queue: what a person should look at. Every listing that joined no event
// while another book lists something in its sport within the window, and every merge
// less sure than `minConfidence`, each with its best candidate events (by how alike
// the names are), soonest first.
import type { Listing, ReviewCandidate } from '@arbhub/schema';
import { assignment } from './matching-state.js';
import type { Assignment, CanonicalEvent, Entry } from './matching-state.js';
import type { ResolvedOptions } from './options.js';
import { orientations, prepare } from './score.js';
import type { Prepared } from './score.js';

export interface ReviewSettings {
  /** A merge less sure than this is listed (default 0.9, the board's low-confidence flag). */
  minConfidence?: number;
  /** At most this many items (default 200). */
  limit?: number;
  /** Candidates per item (default 3). */
  candidates?: number;
}

/** A listing the review queue shows: unplaced while other books list its sport then, or merged with low confidence. */
export interface ReviewItem {
  reason: 'unplaced' | 'low_confidence';
  listing: Listing;
  placed: Assignment;
  candidates: ReviewCandidate[];
}

export function reviewQueue(
  entries: Iterable<Entry>,
  events: Iterable<CanonicalEvent>,
  { aliases, windowMs }: Pick<ResolvedOptions, 'aliases' | 'windowMs'>,
  { minConfidence = 0.9, limit = 200, candidates = 3 }: ReviewSettings = {},
): ReviewItem[] {
  const bySport = new Map<string, { time: number; event: CanonicalEvent }[]>();
  for (const event of events) {
    const list = bySport.get(event.label.sport) ?? [];
    list.push({ time: Date.parse(event.label.startTime), event });
    bySport.set(event.label.sport, list);
  }
  for (const list of bySport.values()) list.sort((a, b) => a.time - b.time);
  const items: ReviewItem[] = [];
  // Each event's first listing, prepared once for every listing it is a candidate of.
  const labels = new Map<CanonicalEvent, Prepared>();
  const labelOf = (event: CanonicalEvent) => {
    let label = labels.get(event);
    if (!label) labels.set(event, (label = prepare(event.label, aliases)));
    return label;
  };
  for (const entry of entries) {
    const alone = entry.event.members.size === 1;
    if (!alone && entry.confidence >= minConfidence) continue;
    const p = entry.prepared;
    const list = bySport.get(p.listing.sport) ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid]?.time ?? 0) < p.time - windowMs) lo = mid + 1;
      else hi = mid;
    }
    const found: ReviewItem['candidates'] = [];
    for (let i = lo; i < list.length && (list[i]?.time ?? Infinity) <= p.time + windowMs; i += 1) {
      const event = (list[i] as { event: CanonicalEvent }).event;
      if (event === entry.event || event.members.has(p.listing.book)) continue;
      const { direct, reversed } = orientations(labelOf(event), p, aliases);
      const best = Math.max(direct, reversed);
      found.push({
        canonicalId: event.id,
        home: event.label.home,
        away: event.label.away,
        startTime: event.label.startTime,
        books: [...event.members.keys()].sort(),
        score: Math.round(best * 1000) / 1000,
        swapped: reversed > direct,
      });
    }
    if (alone && found.length === 0) continue;
    found.sort((a, b) => b.score - a.score || a.canonicalId.localeCompare(b.canonicalId));
    items.push({
      reason: alone ? 'unplaced' : 'low_confidence',
      listing: p.listing,
      placed: assignment(entry),
      candidates: found.slice(0, candidates),
    });
  }
  items.sort(
    (a, b) =>
      Date.parse(a.listing.startTime) - Date.parse(b.listing.startTime) ||
      a.listing.book.localeCompare(b.listing.book) ||
      a.listing.eventId.localeCompare(b.listing.eventId),
  );
  return items.slice(0, limit);
}
