// EventMatcher: the incremental form the hub runs. Each listing added, updated or
// removed finds its canonical event among the blocked candidates only; canonical ids
// stay while their event exists.
import { listingSchema, parse } from '@arbhub/schema';
import type { EventsAnswer, Listing } from '@arbhub/schema';
import { BlockIndex } from './blocking.js';
import { resolveOptions } from './options.js';
import type { MatcherOptions, ResolvedOptions } from './options.js';
import { prepare, scorePair, teamSimilarity } from './score.js';
import type { Prepared } from './score.js';

/** Where a listing belongs. */
export interface Assignment {
  /** The canonical event id. */
  id: string;
  /** How sure the match is: the weakest score against the event's other listings; 1 alone. */
  confidence: number;
  /** The listing has home and away the other way round from the canonical event: flip sides and handicap signs. */
  swapped: boolean;
}

interface Entry {
  prepared: Prepared;
  event: CanonicalEvent;
  swapped: boolean;
  confidence: number;
}

interface CanonicalEvent {
  id: string;
  /** Names and time as the first listing gave them; the orientation every `swapped` refers to. */
  label: Listing;
  members: Map<string, Entry>;
}

export interface EventMatcherDeps {
  /** Makes canonical ids; default `ev-<n>`. */
  newId?: (() => string) | undefined;
}

export class EventMatcher {
  private readonly options: ResolvedOptions;
  private readonly entries = new Map<string, Entry>();
  private readonly events = new Map<string, CanonicalEvent>();
  private readonly index: BlockIndex<Entry>;
  private readonly newId: () => string;

  constructor(options: MatcherOptions = {}, deps: EventMatcherDeps = {}) {
    this.options = resolveOptions(options);
    this.index = new BlockIndex<Entry>(this.options.windowMs, this.options.aliases);
    let sequence = 0;
    this.newId = deps.newId ?? (() => `ev-${(sequence += 1).toString()}`);
  }

  /** Files a listing (or re-files it, if its book and event id are known) and says where it belongs. */
  add(input: Listing): Assignment {
    const listing = parse(listingSchema, input, 'listing');
    if (this.entries.has(keyOf(listing))) return this.update(listing);
    return this.place(prepare(listing, this.options.aliases));
  }

  /**
   * A listing changed. Unchanged teams, time, sport and league keep it where it is;
   * otherwise it stays in its event if it still matches every other listing there,
   * else it is placed again (keeping its id if it ends up alone).
   */
  update(input: Listing): Assignment {
    const listing = parse(listingSchema, input, 'listing');
    const entry = this.entries.get(keyOf(listing));
    if (!entry) return this.add(listing);
    const old = entry.prepared.listing;
    if (
      old.home === listing.home &&
      old.away === listing.away &&
      old.startTime === listing.startTime &&
      old.sport === listing.sport &&
      old.league === listing.league
    ) {
      entry.prepared.listing = listing;
      return assignment(entry);
    }
    const prepared = prepare(listing, this.options.aliases);
    const others = [...entry.event.members.values()].filter((m) => m !== entry);
    const fit = others.length > 0 ? this.fit(entry.event, prepared, entry) : undefined;
    if (fit) {
      this.index.remove(entry);
      entry.prepared = prepared;
      entry.swapped = fit.swapped;
      this.index.add(entry);
      this.refreshConfidence(entry.event);
      return assignment(entry);
    }
    const previousId = entry.event.id;
    this.removeEntry(entry);
    return this.place(prepared, others.length === 0 ? previousId : undefined);
  }

  /** Forgets a listing; its event keeps its id while other listings remain. */
  remove(book: string, eventId: string): Assignment | undefined {
    const entry = this.entries.get(`${book}|${eventId}`);
    if (!entry) return undefined;
    const result = assignment(entry);
    this.removeEntry(entry);
    return result;
  }

  /** Where a listing is, if it is known. */
  get(book: string, eventId: string): Assignment | undefined {
    const entry = this.entries.get(`${book}|${eventId}`);
    return entry ? assignment(entry) : undefined;
  }

  /** How many aliases were learned from sure merges. */
  get learnedAliases(): number {
    return this.options.aliases.learned;
  }

  /** The canonical events, in the GET /events shape. */
  canonicalEvents(): EventsAnswer {
    return [...this.events.values()].map((event) => this.describe(event));
  }

  /** One canonical event, in the GET /events shape. */
  canonicalEvent(id: string): EventsAnswer[number] | undefined {
    const event = this.events.get(id);
    return event ? this.describe(event) : undefined;
  }

  private describe(event: CanonicalEvent): EventsAnswer[number] {
    return {
      id: event.id,
      sport: event.label.sport,
      league: event.label.league,
      home: event.label.home,
      away: event.label.away,
      startTime: event.label.startTime,
      members: [...event.members.values()].map((m) => ({
        book: m.prepared.listing.book,
        eventId: m.prepared.listing.eventId,
        home: m.prepared.listing.home,
        away: m.prepared.listing.away,
        confidence: m.confidence,
        swapped: m.swapped,
      })),
    };
  }

  private place(prepared: Prepared, preferredId?: string): Assignment {
    let best: { event: CanonicalEvent; score: number; swapped: boolean } | undefined;
    const seen = new Set<CanonicalEvent>();
    for (const candidate of this.index.candidates(prepared)) {
      const event = candidate.event;
      if (seen.has(event)) continue;
      seen.add(event);
      const fit = this.fit(event, prepared);
      if (
        fit &&
        (!best || fit.score > best.score || (fit.score === best.score && event.id < best.event.id))
      ) {
        best = { event, ...fit };
      }
    }
    const event: CanonicalEvent = best?.event ?? {
      id: preferredId ?? this.newId(),
      label: prepared.listing,
      members: new Map(),
    };
    if (!best) this.events.set(event.id, event);
    const entry: Entry = { prepared, event, swapped: best?.swapped ?? false, confidence: best?.score ?? 1 };
    if (best && best.score >= this.options.learnThreshold) this.learn(event, entry);
    event.members.set(prepared.listing.book, entry);
    this.entries.set(keyOf(prepared.listing), entry);
    this.index.add(entry);
    this.refreshConfidence(event);
    return assignment(entry);
  }

  /**
   * Whether `prepared` can join `event`: no listing of its book there yet (other than
   * `self`), at least the threshold against every member, one consistent orientation.
   * The score is the weakest against any member.
   */
  private fit(
    event: CanonicalEvent,
    prepared: Prepared,
    self?: Entry,
  ): { score: number; swapped: boolean } | undefined {
    const sameBook = event.members.get(prepared.listing.book);
    if (sameBook && sameBook !== self) return undefined;
    let score = Infinity;
    let swapped: boolean | undefined;
    for (const member of event.members.values()) {
      if (member === self) continue;
      const pair = scorePair(member.prepared, prepared, this.options);
      if (pair.score < this.options.threshold) return undefined;
      const orientation = member.swapped !== pair.swapped;
      if (swapped !== undefined && swapped !== orientation) return undefined;
      swapped = orientation;
      score = Math.min(score, pair.score);
    }
    return swapped === undefined ? undefined : { score, swapped };
  }

  /**
   * A sure merge teaches the alias table: where one team matched exactly (the same
   * name or alias group), the other team's two spellings are recorded as one team.
   * Club sports only; never across identity markers.
   */
  private learn(event: CanonicalEvent, entry: Entry): void {
    if (entry.prepared.person) return;
    const { aliases } = this.options;
    for (const member of event.members.values()) {
      const flipped = member.swapped !== entry.swapped;
      const home = flipped ? entry.prepared.away : entry.prepared.home;
      const away = flipped ? entry.prepared.home : entry.prepared.away;
      const homeSimilarity = teamSimilarity(member.prepared.home, home, aliases);
      const awaySimilarity = teamSimilarity(member.prepared.away, away, aliases);
      if (homeSimilarity === 1 && awaySimilarity >= this.options.threshold) {
        aliases.learn(member.prepared.away.team.key, away.team.key);
      } else if (awaySimilarity === 1 && homeSimilarity >= this.options.threshold) {
        aliases.learn(member.prepared.home.team.key, home.team.key);
      }
    }
  }

  /** Each member's confidence: its weakest score against the others (1 alone). */
  private refreshConfidence(event: CanonicalEvent): void {
    const members = [...event.members.values()];
    for (const member of members) {
      let weakest = 1;
      for (const other of members) {
        if (other !== member)
          weakest = Math.min(weakest, scorePair(other.prepared, member.prepared, this.options).score);
      }
      member.confidence = weakest;
    }
  }

  private removeEntry(entry: Entry): void {
    this.index.remove(entry);
    this.entries.delete(keyOf(entry.prepared.listing));
    const event = entry.event;
    event.members.delete(entry.prepared.listing.book);
    if (event.members.size === 0) this.events.delete(event.id);
    else this.refreshConfidence(event);
  }
}

function keyOf(listing: Listing): string {
  return `${listing.book}|${listing.eventId}`;
}

function assignment(entry: Entry): Assignment {
  return { id: entry.event.id, confidence: entry.confidence, swapped: entry.swapped };
}
