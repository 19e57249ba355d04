// The hub's live book: each book's listings as its workers report them, the matcher
// placing them in canonical events, and the arbitrage engine run on the one event a
// change touches. Reports every arbitrage change to a listener.
import { randomBytes } from 'node:crypto';
import { EventMatcher } from '@arbhub/matcher';
import type { AliasTable, Assignment, ReviewItem } from '@arbhub/matcher';
import { ArbEngine, DEFAULT_GUARDS, arbFlags, quotesFromMatch } from '@arbhub/odds';
import type { ArbChanges, EngineQuote, EventInfo, GuardSettings } from '@arbhub/odds';
import { ARB_FLAGS, marketKey, sameFixture } from '@arbhub/schema';
import type {
  Arb,
  ArbCloseReason,
  ArbFlag,
  Clock,
  EventsAnswer,
  Market,
  Match,
  MatchingDecision,
  OddsAnswer,
  OddsQuery,
  OddsUpdate,
  ReviewAnswer,
} from '@arbhub/schema';
import { ChangeReporter } from './change-reporter.js';
import { Listings } from './listings.js';
import type { BookListing } from './listings.js';
import { oddsAnswer } from './odds-view.js';
import { describeReview } from './review-view.js';

export interface LiveStateOptions {
  staleAfterMs: number;
  clock: Clock;
  onChanges: (changes: ArbChanges) => void;
  /** Allow two legs at one book (ARB_SAME_BOOK=1); default false. */
  sameBook?: boolean;
  /** The guards' thresholds (ARB_SUSPICIOUS_PCT and the fixed ones). */
  guards?: GuardSettings;
  /**
   * An open arbitrage's new figures are told at most this often (ms), at the latest prices;
   * opens and closes at once. 0 (the default) tells every change as it happens.
   */
  updateEveryMs?: number;
  /** The matcher's aliases (built-in, ALIAS_FILES, what was learned before); default the built-in ones. */
  aliases?: AliasTable;
  /** Told of every alias pair the matcher learns, to keep it. */
  onLearn?: (a: string, b: string) => void;
  /** Makes canonical event ids (default `ev-<n>`); a scale-out shard gives its own prefix. */
  newEventId?: () => string;
  /** Every quote given to the engine, before it works arbitrage out of it (the history's price tape). */
  onQuotes?: (quotes: readonly EngineQuote[]) => void;
  /** A market a book quoted under 100% (a data error): counted, warned about, never traded. */
  onUnderround?: (report: {
    book: string;
    workerId: string;
    eventId: string;
    market: Market;
    sum: number;
  }) => void;
}

/**
 * The hub's live state behind one door: the routes and the worker hub ask it, and never
 * reach the matcher, the engine or the listings themselves.
 */
export class LiveState {
  private readonly matcher: EventMatcher;
  private readonly engine: ArbEngine;
  private readonly listings = new Listings();

  /** Tells the listener of changes: per message, deferred, in slices (change-reporter.ts). */
  private readonly reporter: ChangeReporter;

  /** Markets refused as under 100%, per worker (for /workers). */
  private readonly underround = new Map<string, number>();

  constructor(private readonly options: LiveStateOptions) {
    this.matcher = new EventMatcher(options.aliases ? { aliases: options.aliases } : {}, {
      onMove: (book, eventId, placed) => {
        this.relocate(book, eventId, placed);
      },
      onLearn: options.onLearn,
      newId: options.newEventId,
    });
    const guards = options.guards ?? DEFAULT_GUARDS;
    this.engine = new ArbEngine(
      {
        staleAfterMs: options.staleAfterMs,
        distinctBooks: options.sameBook !== true,
        updateEveryMs: options.updateEveryMs ?? 0,
        flags: (arb, quotesOf) =>
          arbFlags(arb, { now: options.clock.now(), quotesOf, listings: this.legListings(arb) }, guards),
      },
      { clock: options.clock, newId: arbIds() },
    );
    this.reporter = new ChangeReporter(this.engine, options.onChanges, options.updateEveryMs ?? 0);
  }

  /** Each leg's listing: its kickoff and how sure the matcher is that it belongs to the event. */
  private legListings(arb: Arb): ({ kickoff: number; confidence: number } | undefined)[] {
    return arb.legs.map((leg) => {
      const listing = this.listings.get(leg.book, leg.eventId);
      const placed = this.matcher.get(leg.book, leg.eventId);
      if (!listing || !placed) return undefined;
      return { kickoff: listing.kickoff, confidence: placed.confidence };
    });
  }

  /**
   * Applies one odds:update of one worker. Returns how many quotes it carried. Its
   * arbitrage changes reach the listener once, together, when the whole message is in.
   */
  apply(update: OddsUpdate): number {
    return this.reporter.batch(() => this.applyNow(update));
  }

  private applyNow(update: OddsUpdate): number {
    const { book, workerId, partition } = update;
    let quotes = 0;
    if (update.mode === 'snapshot') {
      const kept = new Set(update.matches.map((m) => m.eventId));
      for (const listing of this.listings.ofWorker(workerId)) {
        if (listing.book === book && listing.partition === partition && !kept.has(listing.match.eventId)) {
          this.remove(book, listing.match.eventId, 'book_gone');
        }
      }
    }
    for (const match of update.matches)
      quotes += this.upsert(book, workerId, partition, match, update.mode === 'snapshot');
    // A removal is of this partition's listing: an event that moved on (to live, say) and
    // was already reported under its new partition stays.
    for (const eventId of update.removed)
      if (this.listings.get(book, eventId)?.partition === partition) this.remove(book, eventId, 'book_gone');
    return quotes;
  }

  private upsert(
    book: string,
    workerId: string,
    partition: string,
    incoming: Match,
    replace: boolean,
  ): number {
    const previous = this.listings.get(book, incoming.eventId);
    // A delta replaces the markets it lists (market + period + line); a snapshot replaces the match.
    const match =
      previous && !replace
        ? { ...incoming, markets: mergeMarkets(previous.match.markets, incoming.markets) }
        : incoming;
    // The matcher runs when a listing is new or its identity changed; price moves skip it.
    const sameIdentity = previous !== undefined && sameFixture(previous.match, match);
    const placed = sameIdentity
      ? { id: previous.canonicalId, swapped: previous.swapped }
      : this.matcher.add({
          book,
          eventId: match.eventId,
          sport: match.sport,
          league: match.league,
          home: match.home,
          away: match.away,
          startTime: match.startTime,
        });
    const now = this.options.clock.now();
    if (previous && previous.canonicalId !== placed.id)
      this.emit(this.engine.removeBook(previous.canonicalId, book));
    const listing: BookListing = {
      book,
      workerId,
      partition,
      match,
      updatedAt: now,
      canonicalId: placed.id,
      swapped: placed.swapped,
      kickoff: sameIdentity ? previous.kickoff : Date.parse(match.startTime),
      info:
        sameIdentity && previous.info.inPlay === match.inPlay
          ? previous.info
          : this.eventInfo(placed.id, match),
    };
    this.listings.set(listing);
    if (previous && !previous.match.inPlay && match.inPlay) {
      // A prematch event going in play: its prematch arbitrages end as event_started.
      this.emit(this.engine.closeEvent(placed.id, 'event_started'));
      for (const other of this.listings.ofEvent(placed.id)) if (other !== listing) this.feed(other, now);
    }
    // A delta on a listing already in its event: only the markets it carries change.
    const sameScore =
      previous?.match.score?.[0] === match.score?.[0] && previous?.match.score?.[1] === match.score?.[1];
    // (Every quote carries the score, so a new score re-feeds them all.)
    if (
      previous &&
      !replace &&
      previous.canonicalId === placed.id &&
      previous.match.inPlay === match.inPlay &&
      sameScore
    ) {
      return this.feedMarkets(listing, incoming, now);
    }
    return this.feed(listing, now);
  }

  /** Gives the engine the markets one delta carried: new prices in, withdrawn (null) prices out. */
  private feedMarkets(listing: BookListing, delta: Match, now: number): number {
    const { quotes, withdrawn, underround } = quotesFromMatch(listing.book, listing.match, now, {
      swapped: listing.swapped,
      markets: delta.markets,
    });
    this.refused(listing, underround);
    this.options.onQuotes?.(quotes);
    this.emit(this.engine.upsert(listing.canonicalId, quotes, listing.info));
    if (withdrawn.length > 0) this.emit(this.engine.withdraw(listing.canonicalId, withdrawn));
    return quotes.length;
  }

  /** Gives the engine a listing's current prices (and withdrawals), oriented to its canonical event. */
  private feed(listing: BookListing, now: number): number {
    // Prices the listing no longer has (withdrawn with null) drop out with the replacement.
    const { quotes, underround } = quotesFromMatch(listing.book, listing.match, now, {
      swapped: listing.swapped,
    });
    this.refused(listing, underround);
    this.options.onQuotes?.(quotes);
    this.emit(this.engine.replaceBook(listing.canonicalId, listing.book, quotes, listing.info));
    return quotes.length;
  }

  /** Counts and reports the markets of a listing refused as under 100%. */
  private refused(listing: BookListing, markets: readonly { market: Market; sum: number }[]): void {
    if (markets.length === 0) return;
    this.underround.set(listing.workerId, (this.underround.get(listing.workerId) ?? 0) + markets.length);
    for (const { market, sum } of markets) {
      this.options.onUnderround?.({
        book: listing.book,
        workerId: listing.workerId,
        eventId: listing.match.eventId,
        market,
        sum,
      });
    }
  }

  private eventInfo(canonicalId: string, match: Match): EventInfo {
    const event = this.matcher.canonicalEvent(canonicalId);
    return {
      home: event?.home ?? match.home,
      away: event?.away ?? match.away,
      league: event?.league ?? match.league,
      startTime: event?.startTime ?? match.startTime,
      sport: match.sport,
      inPlay: match.inPlay,
    };
  }

  /** A person's decision that a listing is a canonical event (POST /matching/link); throws a MatchingError. */
  link(
    book: string,
    eventId: string,
    canonicalId: string,
  ): { placed: Assignment; decision: MatchingDecision } {
    const result = this.matcher.link(book, eventId, canonicalId, this.options.clock.now());
    this.relocate(book, eventId, result.placed);
    return result;
  }

  /** A person's decision that a listing is not an event (POST /matching/unlink); throws a MatchingError. */
  unlink(
    book: string,
    eventId: string,
    canonicalId?: string,
  ): { placed: Assignment; decision: MatchingDecision } {
    const result = this.matcher.unlink(book, eventId, canonicalId, this.options.clock.now());
    this.relocate(book, eventId, result.placed);
    return result;
  }

  /**
   * The matcher moved a listing it was not asked about (a link, an unlink, an anchored
   * merge a newer listing made ambiguous): its prices leave the old event and join the new one.
   */
  private relocate(book: string, eventId: string, placed: Assignment): void {
    const listing = this.listings.get(book, eventId);
    if (!listing || (listing.canonicalId === placed.id && listing.swapped === placed.swapped)) return;
    this.emit(this.engine.removeBook(listing.canonicalId, book));
    const moved: BookListing = {
      ...listing,
      canonicalId: placed.id,
      swapped: placed.swapped,
      info: this.eventInfo(placed.id, listing.match),
    };
    this.listings.set(moved);
    this.feed(moved, this.options.clock.now());
  }

  /** A book no longer lists an event (or its worker is gone). */
  remove(book: string, eventId: string, reason: ArbCloseReason): void {
    const listing = this.listings.delete(book, eventId);
    if (!listing) return;
    this.matcher.remove(book, eventId);
    this.emit(this.engine.removeBook(listing.canonicalId, book, reason));
  }

  /** Everything a worker reported goes: book_gone when it disconnected, stale when it fell silent. */
  removeWorker(workerId: string, reason: ArbCloseReason): void {
    for (const listing of this.listings.ofWorker(workerId))
      this.remove(listing.book, listing.match.eventId, reason);
  }

  /** Open arbitrage, highest profit first; with `filter`, only those it keeps. */
  openArbs(filter?: (arb: Arb) => boolean): Arb[] {
    const arbs = this.engine.openArbs();
    return filter ? arbs.filter(filter) : arbs;
  }

  /** The canonical events and the listings in each (GET /events). */
  events(): EventsAnswer {
    return this.matcher.canonicalEvents();
  }

  /** Each canonical event with every book's current listing of it (GET /odds). */
  odds(query: OddsQuery): OddsAnswer {
    return oddsAnswer(
      this.matcher.canonicalEvents(),
      (book, eventId) => this.listings.get(book, eventId),
      query,
    );
  }

  /** An event's sport and its listings' kickoffs (which scale-out shard speaks for it). */
  eventKickoffs(canonicalId: string): { sport: string; kickoffs: number[] } | undefined {
    const listings = this.listings.ofEvent(canonicalId);
    const first = listings[0];
    if (!first) return undefined;
    return { sport: first.match.sport, kickoffs: listings.map((l) => l.kickoff) };
  }

  /** Counts for /metrics: events, live quotes and open arbitrage (and how many carry each flag). */
  stats(): {
    events: number;
    quotes: number;
    openArbs: number;
    listings: number;
    flagged: Map<ArbFlag, number>;
  } {
    return {
      ...this.engine.stats(),
      listings: this.listings.size,
      flagged: flagCounts(this.engine.openArbs()),
    };
  }

  /** Where the matcher placed a listing: its event, orientation and confidence. */
  placement(book: string, eventId: string): Assignment | undefined {
    return this.matcher.get(book, eventId);
  }

  /** The listings held, as `book|eventId` keys. */
  listingKeys(): string[] {
    return this.listings.keys();
  }

  /** Listings that need a person's eye (GET /matching/review). */
  review(): ReviewItem[] {
    return this.matcher.review();
  }

  /** The review queue as GET /matching/review shows it. */
  reviewAnswer(): ReviewAnswer['items'] {
    return this.review().map(describeReview);
  }

  /** A matching decision kept from before a restart, applied again before any worker connects. */
  applyDecision(decision: MatchingDecision): void {
    this.matcher.apply(decision);
  }

  /** Counts for /workers. */
  countsFor(workerId: string): { events: number; quotes: number; underround: number } {
    let events = 0;
    let quotes = 0;
    for (const listing of this.listings.ofWorker(workerId)) {
      events += 1;
      quotes += listing.match.markets.reduce(
        (sum, m) => sum + Object.values(m.prices).filter((p) => p !== null).length,
        0,
      );
    }
    return { events, quotes, underround: this.underround.get(workerId) ?? 0 };
  }

  /** Closes arbitrages whose quotes went stale, and works their flags out again (the clock moved). */
  sweep(): void {
    this.emit(this.engine.sweep());
    this.reporter.reflag();
  }

  /** Stops the timers of deferred work (the hub is closing). */
  close(): void {
    this.reporter.close();
  }

  private emit(changes: ArbChanges): void {
    this.reporter.tell(changes);
  }
}

/**
 * Arbitrage ids unique across restarts (the history keeps them): `arb-<a tag of this
 * run>-<a sequence>`, the tag random, so that a restarted hub never reuses an id.
 */
export function arbIds(): () => string {
  const run = randomBytes(3).toString('hex');
  let sequence = 0;
  return () => `arb-${run}-${(sequence += 1).toString(36)}`;
}

/** How many of `arbs` carry each flag (every flag listed, 0 if none), for /metrics. */
export function flagCounts(arbs: readonly Arb[]): Map<ArbFlag, number> {
  const flagged = new Map<ArbFlag, number>(ARB_FLAGS.map((flag) => [flag, 0]));
  for (const arb of arbs) for (const flag of arb.flags) flagged.set(flag, (flagged.get(flag) ?? 0) + 1);
  return flagged;
}

/** A delta's markets replace the same market + period + line; a price of null withdraws that side. */
function mergeMarkets(previous: readonly Market[], incoming: readonly Market[]): Market[] {
  const byKey = new Map(previous.map((m) => [marketKey(m), m]));
  for (const market of incoming) byKey.set(marketKey(market), market);
  return [...byKey.values()];
}
