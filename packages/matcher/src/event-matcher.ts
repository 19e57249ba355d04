// EventMatcher: the incremental form the hub runs. Each listing added, updated or
// removed finds its canonical event among the blocked candidates only; canonical ids
// stay while their event exists.
import { listingSchema, parse } from '@arbhub/schema';
import type { EventsAnswer, Listing, MatchingDecision } from '@arbhub/schema';

export type LinkDecision = Extract<MatchingDecision, { kind: 'link' }>;
export type UnlinkDecision = Extract<MatchingDecision, { kind: 'unlink' }>;
import { anchorIsUnique, anchorPair, plays, secondAnchor, sidesOf } from './anchor.js';
import type { AnchorPair } from './anchor.js';
import { BlockIndex } from './blocking.js';
import { resolveOptions } from './options.js';
import type { MatcherOptions, ResolvedOptions } from './options.js';
import { PERSON_SPORTS, playersSimilarity, prepare, scorePair, teamSimilarity } from './score.js';
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

export type Evidence = 'name' | 'anchor' | 'link' | 'alone';

interface Entry {
  prepared: Prepared;
  event: CanonicalEvent;
  swapped: boolean;
  confidence: number;
  evidence: Evidence;
}

interface Fit {
  score: number;
  swapped: boolean;
  evidence: Evidence;
  /** Anchored pairs (member, pair) when the evidence is an anchor. */
  anchors?: { member: Entry; pair: AnchorPair }[];
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

/** A listing the review queue shows: unplaced while other books list its sport then, or merged with low confidence. */
export interface ReviewItem {
  reason: 'unplaced' | 'low_confidence';
  listing: Listing;
  placed: Assignment;
  candidates: {
    canonicalId: string;
    home: string;
    away: string;
    startTime: string;
    books: string[];
    score: number;
    swapped: boolean;
  }[];
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
  }

  private readonly onLearn: EventMatcherDeps['onLearn'];
  /** Team pairs a person said are not one fixture: canonical "home~away" keys, sorted, joined by '#'. */
  private readonly forbidden: { a: [string, string]; b: [string, string] }[] = [];
  private forbiddenKeys: { version: number; keys: Set<string> } | undefined;
  /** Listings a person linked: book|eventId → the names of the event they belong to. */
  private readonly pins = new Map<string, { sport: string; home: string; away: string }>();

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
      if (this.isForbidden(member.prepared, prepared)) return undefined;
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
        if (this.isForbidden(member.prepared, prepared)) {
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

  private teamsKey(p: Prepared): string {
    const { aliases } = this.options;
    return [aliases.canonical(p.home.team.key), aliases.canonical(p.away.team.key)].sort().join('~');
  }

  /** Whether a person said these two listings' teams are not one fixture. */
  private isForbidden(x: Prepared, y: Prepared): boolean {
    if (this.forbidden.length === 0) return false;
    const { aliases } = this.options;
    if (this.forbiddenKeys?.version !== aliases.version) {
      const key = (t: [string, string]) =>
        t
          .map((k) => aliases.canonical(k))
          .sort()
          .join('~');
      this.forbiddenKeys = {
        version: aliases.version,
        keys: new Set(this.forbidden.map(({ a, b }) => [key(a), key(b)].sort().join('#'))),
      };
    }
    return this.forbiddenKeys.keys.has([this.teamsKey(x), this.teamsKey(y)].sort().join('#'));
  }

  /** A pinned listing joins the event of its pinned names, at any kickoff distance up to a day. */
  private pinnedFit(prepared: Prepared): ({ event: CanonicalEvent } & Fit) | undefined {
    const pin = this.pins.get(keyOf(prepared.listing));
    if (!pin) return undefined;
    const { aliases } = this.options;
    const target = [pin.home, pin.away].map((n) => aliases.canonical(aliases.normalize(n).key));
    let found: CanonicalEvent | undefined;
    for (const event of this.events.values()) {
      if (event.label.sport !== pin.sport || event.members.has(prepared.listing.book)) continue;
      if (Math.abs(Date.parse(event.label.startTime) - prepared.time) > 86_400_000) continue;
      const home = aliases.canonical(aliases.normalize(event.label.home).key);
      const away = aliases.canonical(aliases.normalize(event.label.away).key);
      if ((home === target[0] && away === target[1]) || (home === target[1] && away === target[0])) {
        found = event;
        break;
      }
    }
    if (!found) return undefined;
    return { event: found, score: 1, swapped: this.orientationIn(found, prepared), evidence: 'link' };
  }

  /** Whether `prepared` faces `event` the other way round: its names against the event's first listing's. */
  private orientationIn(event: CanonicalEvent, prepared: Prepared): boolean {
    const { aliases } = this.options;
    const label = prepare(event.label, aliases);
    const side = (a: Prepared['home'], b: Prepared['home']) =>
      prepared.person ? playersSimilarity(a, b) : teamSimilarity(a, b, aliases);
    const direct = side(label.home, prepared.home) + side(label.away, prepared.away);
    const reversed = side(label.home, prepared.away) + side(label.away, prepared.home);
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
    const entry = this.entries.get(`${book}|${eventId}`);
    if (!entry) throw new MatchingError('unknown_listing', `no listing ${book} ${eventId} is known`);
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
      book,
      eventId,
      sport: listing.sport,
      teams: { home: listing.home, away: listing.away },
      with: swapped
        ? { home: event.label.away, away: event.label.home }
        : { home: event.label.home, away: event.label.away },
      at,
    };
    this.applyLink(decision);
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
    const entry = this.entries.get(`${book}|${eventId}`);
    if (!entry) throw new MatchingError('unknown_listing', `no listing ${book} ${eventId} is known`);
    const event = canonicalId === undefined ? entry.event : this.events.get(canonicalId);
    if (!event) throw new MatchingError('unknown_event', `no canonical event ${canonicalId ?? ''} is known`);
    const listing = entry.prepared.listing;
    const others = [...event.members.values()].filter((m) => m !== entry);
    const from = others[0]?.prepared.listing ?? event.label;
    const decision: UnlinkDecision = {
      kind: 'unlink',
      book,
      eventId,
      sport: listing.sport,
      teams: { home: listing.home, away: listing.away },
      from: { home: from.home, away: from.away },
      at,
    };
    this.applyUnlink(decision);
    if (entry.event !== event) return { placed: assignment(entry), decision };
    this.removeEntry(entry);
    return { placed: this.place(entry.prepared), decision };
  }

  /** A kept decision, applied again (at start-up): its aliases, pin or ban. Listings already placed stay where they are. */
  apply(decision: LinkDecision | UnlinkDecision): void {
    if (decision.kind === 'link') this.applyLink(decision);
    else this.applyUnlink(decision);
  }

  private applyLink(decision: LinkDecision): void {
    const { aliases } = this.options;
    const key = (name: string) => aliases.normalize(name, PERSON_SPORTS.has(decision.sport)).key;
    if (!PERSON_SPORTS.has(decision.sport)) {
      this.teach(key(decision.with.home), key(decision.teams.home));
      this.teach(key(decision.with.away), key(decision.teams.away));
    }
    this.pins.set(`${decision.book}|${decision.eventId}`, { sport: decision.sport, ...decision.with });
    // A link undoes an earlier ban of the same teams.
    const teams: [string, string] = [key(decision.teams.home), key(decision.teams.away)];
    const target: [string, string] = [key(decision.with.home), key(decision.with.away)];
    const same = (x: [string, string], y: [string, string]) =>
      [...x].sort().join('~') === [...y].sort().join('~');
    for (let i = this.forbidden.length - 1; i >= 0; i -= 1) {
      const ban = this.forbidden[i];
      if (
        ban &&
        ((same(ban.a, teams) && same(ban.b, target)) || (same(ban.a, target) && same(ban.b, teams)))
      ) {
        this.forbidden.splice(i, 1);
        this.forbiddenKeys = undefined;
      }
    }
  }

  private applyUnlink(decision: UnlinkDecision): void {
    const { aliases } = this.options;
    const key = (name: string) => aliases.normalize(name, PERSON_SPORTS.has(decision.sport)).key;
    this.pins.delete(`${decision.book}|${decision.eventId}`);
    this.forbidden.push({
      a: [key(decision.teams.home), key(decision.teams.away)],
      b: [key(decision.from.home), key(decision.from.away)],
    });
    this.forbiddenKeys = undefined;
  }

  /**
   * The review queue: every listing alone while another book lists something in its
   * sport within the window, and every merge less sure than `minConfidence`, each
   * with its best candidate events (by the weaker team's similarity), soonest first.
   */
  review({ minConfidence = 0.9, limit = 200, candidates = 3 } = {}): ReviewItem[] {
    const { aliases, windowMs } = this.options;
    const bySport = new Map<string, { time: number; event: CanonicalEvent }[]>();
    for (const event of this.events.values()) {
      const list = bySport.get(event.label.sport) ?? [];
      list.push({ time: Date.parse(event.label.startTime), event });
      bySport.set(event.label.sport, list);
    }
    for (const list of bySport.values()) list.sort((a, b) => a.time - b.time);
    const items: ReviewItem[] = [];
    for (const entry of this.entries.values()) {
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
        const label = prepare(event.label, aliases);
        const side = (a: Prepared['home'], b: Prepared['home']) =>
          p.person ? playersSimilarity(a, b) : teamSimilarity(a, b, aliases);
        const direct = Math.min(side(label.home, p.home), side(label.away, p.away));
        const reversed = Math.min(side(label.home, p.away), side(label.away, p.home));
        const best = Math.max(
          direct,
          reversed,
          Math.max(
            side(label.home, p.home),
            side(label.away, p.away),
            side(label.home, p.away),
            side(label.away, p.home),
          ) / 2,
        );
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
  return {
    id: entry.event.id,
    confidence: entry.confidence,
    swapped: entry.swapped,
    evidence: evidenceOf(entry),
  };
}

/** An entry's evidence; the event's first listing takes the weakest kind of the others'. */
function evidenceOf(entry: Entry): Evidence {
  const members = entry.event.members;
  if (members.size <= 1) return 'alone';
  if (entry.evidence !== 'alone') return entry.evidence;
  const kinds = new Set([...members.values()].map((m) => m.evidence));
  return kinds.has('anchor') ? 'anchor' : kinds.has('link') ? 'link' : 'name';
}
