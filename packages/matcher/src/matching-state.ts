// The EventMatcher's inner records, shared by its parts (placing, the review queue):
// a listing's entry, a canonical event, a fit, and the assignment callers see.
import { listingKey } from '@arbhub/schema';
import type { Listing, MatchEvidence } from '@arbhub/schema';
import type { AnchorPair } from './anchor.js';
import type { Prepared } from './score.js';

/** Where a listing belongs. */
export interface Assignment {
  /** The canonical event id. */
  id: string;
  /** How sure the match is: the weakest score against the event's other listings; 1 alone. */
  confidence: number;
  /** The listing has home and away the other way round from the canonical event: flip sides and handicap signs. */
  swapped: boolean;
  /**
   * Why it is there: `name` (both teams' names agree), `anchor` (one team and the
   * structure agree, see anchor.ts), `link` (a person linked it), `alone`.
   */
  evidence: Evidence;
}

export type Evidence = MatchEvidence;

export interface Entry {
  prepared: Prepared;
  event: CanonicalEvent;
  swapped: boolean;
  confidence: number;
  evidence: Evidence;
}

export interface Fit {
  score: number;
  swapped: boolean;
  evidence: Evidence;
  /** Anchored pairs (member, pair) when the evidence is an anchor. */
  anchors?: { member: Entry; pair: AnchorPair }[];
}

export interface CanonicalEvent {
  id: string;
  /** Names and time as the first listing gave them; the orientation every `swapped` refers to. */
  label: Listing;
  members: Map<string, Entry>;
}

export function keyOf(listing: Listing): string {
  return listingKey(listing.book, listing.eventId);
}

export function assignment(entry: Entry): Assignment {
  return {
    id: entry.event.id,
    confidence: entry.confidence,
    swapped: entry.swapped,
    evidence: evidenceOf(entry),
  };
}

/** An entry's evidence; the event's first listing takes the weakest kind of the others'. */
export function evidenceOf(entry: Entry): Evidence {
  const members = entry.event.members;
  if (members.size <= 1) return 'alone';
  if (entry.evidence !== 'alone') return entry.evidence;
  const kinds = new Set([...members.values()].map((m) => m.evidence));
  return kinds.has('anchor') ? 'anchor' : kinds.has('link') ? 'link' : 'name';
}
