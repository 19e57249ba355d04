// EventMatcher: the incremental form the hub runs. Each listing added, updated or
// removed finds its canonical event among the blocked candidates only; canonical ids
// stay while their event exists.
import { listingKey, listingSchema, parse, sameFixture } from '@arbhub/schema';
import type { EventsAnswer, Listing, MatchingDecision } from '@arbhub/schema';
import { MatchingDecisions } from './decisions.js';
import type { LinkDecision, UnlinkDecision } from './decisions.js';
import { anchorIsUnique, anchorPair, plays, secondAnchor, sidesOf } from './anchor.js';
import type { AnchorPair } from './anchor.js';
import { BlockIndex } from './blocking.js';
import { resolveOptions } from './options.js';
import type { MatcherOptions, ResolvedOptions } from './options.js';
import { orientations, prepare, scorePair, teamSimilarity } from './score.js';
import type { Prepared } from './score.js';
import { assignment, evidenceOf, keyOf } from './matching-state.js';
import type { Assignment, CanonicalEvent, Entry, Fit } from './matching-state.js';
import { reviewQueue } from './review.js';
import type { ReviewItem, ReviewSettings } from './review.js';

export interface EventMatcherDeps {
  /** Makes canonical ids; default `ev-<n>`. */
  newId?: (() => string) | undefined;
  /**
   * Told when a listing OTHER than the one being added, updated or removed changes
   * event or orientation: an anchored merge a newer listing made ambiguous, a link
   * or an unlink by a person.
   */
  onMove?: ((book: string, eventId: string, placed: Assignment) => void) | undefined;
  /** Told of every alias pair learned (normalized keys), so a caller can keep them across restarts. */
  onLearn?: ((a: string, b: string) => void) | undefined;
}

/** Why a person's link cannot be made: `code` for the API, the message for people. */
export class MatchingError extends Error {
  constructor(
    readonly code: 'unknown_listing' | 'unknown_event' | 'book_taken' | 'sport_differs',
    message: string,
  ) {
    super(message);
    this.name = 'MatchingError';
  }
}

export class EventMatcher {
  private readonly options: ResolvedOptions;
  private readonly entries = new Map<string, Entry>();
  private readonly events = new Map<string, CanonicalEvent>();
  private readonly index: BlockIndex<Entry>;
  private readonly newId: () => string;
  /** Anchored spellings seen so far, by pair, with the events they held in. */
  private readonly held = new Map<string, Set<string>>();
  /** Every pair this matcher taught the alias table, oldest first (for a caller to keep). */
  readonly learnedPairs: [string, string][] = [];

  constructor(options: MatcherOptions = {}, deps: EventMatcherDeps = {}) {
    this.options = resolveOptions(options);
    this.index = new BlockIndex<Entry>(this.options.windowMs, this.options.aliases);
    let sequence = 0;
    this.newId = deps.newId ?? (() => `ev-${(sequence += 1).toString()}`);
    this.onMove = deps.onMove;
    this.onLearn = deps.onLearn;
    this.decisions = new MatchingDecisions(this.options.aliases, (a, b) => {
      this.teach(a, b);
    });
  }

  private readonly onLearn: EventMatcherDeps['onLearn'];
  /** People's pins and bans. */
  private readonly decisions: MatchingDecisions;

  private readonly onMove: EventMatcherDeps['onMove'];
  /** Set while anchored merges are checked again, so that re-placing them checks nothing more. */
  private rechecking = false;

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
    if (sameFixture(old, listing)) {
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
      if (entry.evidence !== 'alone') entry.evidence = fit.evidence;
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
    const entry = this.entries.get(listingKey(book, eventId));
    if (!entry) return undefined;
    const result = assignment(entry);
    this.removeEntry(entry);
    return result;
  }

  /** Where a listing is, if it is known. */
  get(book: string, eventId: string): Assignment | undefined {
    const entry = this.entries.get(listingKey(book, eventId));
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
        evidence: evidenceOf(m),
      })),
    };
  }

  private place(prepared: Prepared, preferredId?: string): Assignment {
    let best: ({ event: CanonicalEvent } & Fit) | undefined;
    const seen = new Set<CanonicalEvent>();
    const candidates = this.index.candidates(prepared);
    for (const candidate of candidates) {
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
    best ??= this.pinnedFit(prepared) ?? this.anchorFit(prepared, seen, candidates);
    const event: CanonicalEvent = best?.event ?? {
      id: preferredId ?? this.newId(),
      label: prepared.listing,
      members: new Map(),
    };
    if (!best) this.events.set(event.id, event);
    const entry: Entry = {
      prepared,
      event,
      swapped: best?.swapped ?? false,
      confidence: best?.score ?? 1,
      evidence: best?.evidence ?? 'alone',
    };
    if (best?.evidence === 'anchor') this.learnHeld(event, entry, best.anchors ?? []);
    else if (best && best.score >= this.options.learnThreshold) this.learn(event, entry);
    event.members.set(prepared.listing.book, entry);
    this.entries.set(keyOf(prepared.listing), entry);
    this.index.add(entry);
    this.refreshConfidence(event);
    if (!this.rechecking) this.recheckAnchors(entry, candidates);
    return assignment(entry);
  }

  /**
   * A new listing may make an anchored merge near it ambiguous (another listing at
   * its book against the anchor team, its other team playing elsewhere): each such
   * merge is placed again, and a move is reported.
   */
  private recheckAnchors(added: Entry, nearby: ReadonlySet<Entry>): void {
    const anchored = [...nearby].filter(
      (e) => e !== added && e.evidence === 'anchor' && this.entries.has(keyOf(e.prepared.listing)),
    );
    if (anchored.length === 0) return;
    this.rechecking = true;
    try {
      for (const entry of anchored) {
        const before = assignment(entry);
        const others = entry.event.members.size - 1;
        const previousId = entry.event.id;
        this.removeEntry(entry);
        const after = this.place(entry.prepared, others === 0 ? previousId : undefined);
        if (after.id !== before.id || after.swapped !== before.swapped)
          this.onMove?.(entry.prepared.listing.book, entry.prepared.listing.eventId, after);
      }
    } finally {
      this.rechecking = false;
    }
  }

  /**
   * Whether `prepared` can join `event`: no listing of its book there yet (other than
   * `self`), at least the threshold against every member, one consistent orientation.
   * The score is the weakest against any member.
   */
  private fit(event: CanonicalEvent, prepared: Prepared, self?: Entry): Fit | undefined {
    const sameBook = event.members.get(prepared.listing.book);
    if (sameBook && sameBook !== self) return undefined;
    let score = Infinity;
    let swapped: boolean | undefined;
    for (const member of event.members.values()) {
      if (member === self) continue;
      if (this.decisions.isBanned(member.prepared, prepared)) return undefined;
      const pair = scorePair(member.prepared, prepared, this.options);
      if (pair.score < this.options.threshold) return undefined;
      const orientation = member.swapped !== pair.swapped;
      if (swapped !== undefined && swapped !== orientation) return undefined;
      swapped = orientation;
      score = Math.min(score, pair.score);
    }
    return swapped === undefined ? undefined : { score, swapped, evidence: 'name' };
  }

  /**
   * The one event `prepared` fits by anchor evidence (anchor.ts), when names alone
   * placed it nowhere: every member agrees by name or by anchor in one orientation,
   * at least one by anchor, each anchor unique in its window, and no other event fits
   * that way. Undefined when none or more than one does.
   */
  private anchorFit(
    prepared: Prepared,
    events: ReadonlySet<CanonicalEvent>,
    nearby: ReadonlySet<Entry>,
  ): ({ event: CanonicalEvent } & Fit) | undefined {
    if (prepared.person) return undefined;
    const { aliases, threshold } = this.options;
    let found: ({ event: CanonicalEvent } & Fit) | undefined;
    for (const event of events) {
      if (event.members.has(prepared.listing.book)) continue;
      let score = Infinity;
      let swapped: boolean | undefined;
      const anchors: { member: Entry; pair: AnchorPair }[] = [];
      let fits = true;
      for (const member of event.members.values()) {
        if (this.decisions.isBanned(member.prepared, prepared)) {
          fits = false;
          break;
        }
        const named = scorePair(member.prepared, prepared, this.options);
        let pairSwapped = named.swapped;
        let pairScore = named.score;
        if (named.score < threshold) {
          const anchored = anchorPair(member.prepared, prepared, aliases, threshold, threshold);
          if (!anchored) {
            fits = false;
            break;
          }
          anchors.push({ member, pair: anchored });
          pairSwapped = anchored.swapped;
          pairScore = anchored.score;
        }
        const orientation = member.swapped !== pairSwapped;
        if (swapped !== undefined && swapped !== orientation) {
          fits = false;
          break;
        }
        swapped = orientation;
        score = Math.min(score, pairScore);
      }
      const first = anchors[0];
      if (!fits || swapped === undefined || !first) continue;
      // The anchor team must match at least one member strongly (by name or by anchor).
      const anchored = sidesOf(prepared, secondAnchor(first.pair)).anchored;
      if (![...event.members.values()].some((m) => plays(m.prepared, anchored, aliases))) continue;
      const around = new Set<Prepared>([...nearby].map((e) => e.prepared));
      for (const { member } of anchors)
        for (const e of this.index.candidates(member.prepared)) around.add(e.prepared);
      const inEvent = (p: Prepared) => event.members.get(p.listing.book)?.prepared === p;
      const unique = anchors.every(({ member, pair }) =>
        anchorIsUnique(member.prepared, prepared, pair, around, inEvent, aliases),
      );
      if (!unique) continue;
      if (found) return undefined; // two events fit: the names cannot say which
      found = { event, score, swapped, evidence: 'anchor', anchors };
    }
    return found;
  }

  /**
   * An anchored merge teaches the other team's two spellings only once it has held
   * twice: in two different events.
   */
  private learnHeld(
    event: CanonicalEvent,
    entry: Entry,
    anchors: { member: Entry; pair: AnchorPair }[],
  ): void {
    const { aliases } = this.options;
    for (const { member, pair } of anchors) {
      const theirs = sidesOf(member.prepared, pair.anchor).other.team.key;
      const ours = sidesOf(entry.prepared, secondAnchor(pair)).other.team.key;
      const key = [aliases.canonical(theirs), ours].sort().join('\u0000');
      const seen = this.held.get(key) ?? new Set<string>();
      seen.add(event.id);
      this.held.set(key, seen);
      if (seen.size >= 2) {
        this.teach(theirs, ours);
        this.held.delete(key);
      }
    }
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
        this.teach(member.prepared.away.team.key, away.team.key);
      } else if (awaySimilarity === 1 && homeSimilarity >= this.options.threshold) {
        this.teach(member.prepared.home.team.key, home.team.key);
      }
    }
  }

  /** Each member's confidence: its weakest score against the others (1 alone). */
  private refreshConfidence(event: CanonicalEvent): void {
    const members = [...event.members.values()];
    for (const member of members) {
      let weakest = 1;
      for (const other of members) {
        if (other !== member) weakest = Math.min(weakest, this.pairScore(other, member));
      }
      member.confidence = weakest;
    }
  }

  /** How sure two members of one event are: by name, else by anchor; a person's link is sure. */
  private pairScore(a: Entry, b: Entry): number {
    if (a.evidence === 'link' || b.evidence === 'link') return 1;
    const named = scorePair(a.prepared, b.prepared, this.options).score;
    if (named >= this.options.threshold) return named;
    return anchorPair(a.prepared, b.prepared, this.options.aliases, this.options.threshold)?.score ?? named;
  }

  /** Teaches the alias table a pair and tells the caller. */
  private teach(a: string, b: string): void {
    if (!this.options.aliases.learn(a, b)) return;
    this.learnedPairs.push([a, b]);
    this.onLearn?.(a, b);
  }

  /** A pinned listing joins the event (within the window) whose names it was linked to. */
  private pinnedFit(prepared: Prepared): ({ event: CanonicalEvent } & Fit) | undefined {
    const pin = this.decisions.pinOf(prepared.listing.book, prepared.listing.eventId);
    if (!pin) return undefined;
    const { aliases } = this.options;
    const target = prepare({ ...prepared.listing, ...pin }, aliases);
    const groups = (p: Prepared) =>
      [p.home, p.away]
        .map((side) => aliases.canonical(side.team.key))
        .sort()
        .join('~');
    const wanted = groups(target);
    for (const candidate of this.index.candidates(target)) {
      const event = candidate.event;
      if (event.members.has(prepared.listing.book) || groups(candidate.prepared) !== wanted) continue;
      return { event, score: 1, swapped: this.orientationIn(event, prepared), evidence: 'link' };
    }
    return undefined;
  }

  /** Whether `prepared` faces `event` the other way round: its names against the event's first listing's. */
  private orientationIn(event: CanonicalEvent, prepared: Prepared): boolean {
    const { direct, reversed } = orientations(
      prepare(event.label, this.options.aliases),
      prepared,
      this.options.aliases,
    );
    return reversed > direct;
  }

  /**
   * A person's decision that a listing is one canonical event: it moves there (its
   * book must not be there yet), its names are taught as aliases of the event's
   * (oriented), and it is pinned so it joins that event again after a restart.
   * Returns where it is now and the decision to keep.
   */
  link(
    book: string,
    eventId: string,
    canonicalId: string,
    at = Date.now(),
  ): { placed: Assignment; decision: LinkDecision } {
    const entry = this.known(book, eventId);
    const event = this.events.get(canonicalId);
    if (!event) throw new MatchingError('unknown_event', `no canonical event ${canonicalId} is known`);
    if (event.label.sport !== entry.prepared.listing.sport)
      throw new MatchingError(
        'sport_differs',
        `${canonicalId} is ${event.label.sport}, the listing ${entry.prepared.listing.sport}`,
      );
    const there = event.members.get(book);
    if (there && there !== entry)
      throw new MatchingError(
        'book_taken',
        `${canonicalId} already has ${book}'s listing ${there.prepared.listing.eventId}`,
      );
    const listing = entry.prepared.listing;
    const swapped = this.orientationIn(event, entry.prepared);
    const decision: LinkDecision = {
      kind: 'link',
      ...decided(listing, at),
      with: swapped
        ? { home: event.label.away, away: event.label.home }
        : { home: event.label.home, away: event.label.away },
    };
    this.decisions.apply(decision);
    if (entry.event !== event) {
      this.removeEntry(entry);
      entry.event = event;
      entry.swapped = swapped;
      event.members.set(book, entry);
      this.entries.set(keyOf(listing), entry);
      this.index.add(entry);
    }
    entry.evidence = 'link';
    this.refreshConfidence(event);
    return { placed: assignment(entry), decision };
  }

  /**
   * A person's decision that a listing is not an event: with `canonicalId` a
   * candidate it must never join, else the event it is in (it leaves and is placed
   * again). Later fixtures of the same teams stay apart too.
   */
  unlink(
    book: string,
    eventId: string,
    canonicalId?: string,
    at = Date.now(),
  ): { placed: Assignment; decision: UnlinkDecision } {
    const entry = this.known(book, eventId);
    const event = canonicalId === undefined ? entry.event : this.events.get(canonicalId);
    if (!event) throw new MatchingError('unknown_event', `no canonical event ${canonicalId ?? ''} is known`);
    const listing = entry.prepared.listing;
    const others = [...event.members.values()].filter((m) => m !== entry);
    const from = others[0]?.prepared.listing ?? event.label;
    const decision: UnlinkDecision = {
      kind: 'unlink',
      ...decided(listing, at),
      from: { home: from.home, away: from.away },
    };
    this.decisions.apply(decision);
    if (entry.event !== event) return { placed: assignment(entry), decision };
    this.removeEntry(entry);
    return { placed: this.place(entry.prepared), decision };
  }

  /** A listing's entry, or the MatchingError a person's decision about an unknown one gets. */
  private known(book: string, eventId: string): Entry {
    const entry = this.entries.get(listingKey(book, eventId));
    if (!entry) throw new MatchingError('unknown_listing', `no listing ${book} ${eventId} is known`);
    return entry;
  }

  /** A kept decision, applied again (at start-up): its aliases, pin or ban. Listings already placed stay where they are. */
  apply(decision: MatchingDecision): void {
    this.decisions.apply(decision);
  }

  /**
   * The review queue (review.ts): listings alone while another book lists their sport
   * then, and merges less sure than `minConfidence`, with their best candidates.
   */
  review(settings: ReviewSettings = {}): ReviewItem[] {
    return reviewQueue(this.entries.values(), this.events.values(), this.options, settings);
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

/** What every decision about a listing records of it. */
function decided(listing: Listing, at: number) {
  const { book, eventId, sport, home, away } = listing;
  return { book, eventId, sport, teams: { home, away }, at };
}
