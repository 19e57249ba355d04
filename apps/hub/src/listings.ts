// Each book's listings as its workers report them, keyed `book|eventId`, and filed by
// canonical event and by worker so that one event or one worker never scans them all.
import type { EventInfo } from '@arbhub/odds';
import { listingKey } from '@arbhub/schema';
import type { Match } from '@arbhub/schema';

export interface BookListing {
  book: string;
  workerId: string;
  partition: string;
  match: Match;
  updatedAt: number;
  canonicalId: string;
  swapped: boolean;
  /** What the engine shows of the canonical event, worked out when the listing was placed. */
  info: EventInfo;
  /** The book's kickoff of it, epoch ms (the guards compare them). */
  kickoff: number;
}

export class Listings {
  private readonly all = new Map<string, BookListing>();
  private readonly byEvent = new Map<string, Set<string>>();
  private readonly byWorker = new Map<string, Set<string>>();

  get size(): number {
    return this.all.size;
  }

  get(book: string, eventId: string): BookListing | undefined {
    return this.all.get(listingKey(book, eventId));
  }

  keys(): string[] {
    return [...this.all.keys()];
  }

  /** Keeps a listing in place of the one it replaces, filed under its event and worker. */
  set(listing: BookListing): void {
    const key = listingKey(listing.book, listing.match.eventId);
    const previous = this.all.get(key);
    if (previous) this.unfile(key, previous);
    this.all.set(key, listing);
    file(this.byEvent, listing.canonicalId, key);
    file(this.byWorker, listing.workerId, key);
  }

  delete(book: string, eventId: string): BookListing | undefined {
    const key = listingKey(book, eventId);
    const listing = this.all.get(key);
    if (!listing) return undefined;
    this.all.delete(key);
    this.unfile(key, listing);
    return listing;
  }

  /** The listings of one canonical event, copied so the caller may change them. */
  ofEvent(canonicalId: string): BookListing[] {
    return this.filed(this.byEvent, canonicalId);
  }

  /** The listings one worker reported, copied so the caller may remove them. */
  ofWorker(workerId: string): BookListing[] {
    return this.filed(this.byWorker, workerId);
  }

  private filed(index: Map<string, Set<string>>, id: string): BookListing[] {
    return [...(index.get(id) ?? [])].flatMap((key) => this.all.get(key) ?? []);
  }

  private unfile(key: string, listing: BookListing): void {
    unfile(this.byEvent, listing.canonicalId, key);
    unfile(this.byWorker, listing.workerId, key);
  }
}

function file(index: Map<string, Set<string>>, id: string, key: string): void {
  let keys = index.get(id);
  if (!keys) index.set(id, (keys = new Set()));
  keys.add(key);
}

function unfile(index: Map<string, Set<string>>, id: string, key: string): void {
  const keys = index.get(id);
  if (!keys) return;
  keys.delete(key);
  if (keys.size === 0) index.delete(id);
}
