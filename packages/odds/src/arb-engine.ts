// Incremental arbitrage detection: each book's latest price per selection for each
// canonical event; a change to one event re-evaluates only the combinations that
// contain a changed quote, never the whole book.
import type { Arb, ArbCloseReason } from '@arbhub/schema';
import { Group, legSetKey } from './arb-group.js';
import type { Candidate, Member } from './arb-group.js';
import { quoteKey, selectionKey } from './arb-types.js';
import type {
  ArbChanges,
  ArbEngineDeps,
  ArbEngineOptions,
  EngineQuote,
  EventInfo,
  QuoteRef,
} from './arb-types.js';
import { sameFigures, sameFlags, toArb } from './arb-output.js';
import { dimensionOf, winReturn } from './settlement.js';

interface OpenArb {
  arb: Arb;
  groupKey: string;
  memberKeys: Set<string>;
  /** `legSetKey` of its members, worked out once when it opened. */
  legKey: string;
  /** When its figures were last reported (opened, or updated). */
  toldAt: number;
  /** With updateEveryMs: the figures prices moved it to since, not yet built into `arb`. */
  pending?: { candidate: Candidate; quotes: EngineQuote[]; at: number } | undefined;
}

type StoredMember = Member & { groupKey: string };

interface EventState {
  id: string;
  info: EventInfo;
  members: Map<string, StoredMember>;
  groups: Map<string, Group>;
  /** No quote of the event can be stale before this moment. */
  nextStaleAt: number;
  arbs: Map<string, OpenArb>;
}

interface Removal {
  key: string;
  reason: ArbCloseReason;
}

export class ArbEngine {
  private readonly events = new Map<string, EventState>();
  private readonly staleAfter: (book: string) => number;
  private readonly distinctBooks: boolean;
  private readonly epsilon: number;
  private readonly clock: ArbEngineDeps['clock'];
  private readonly newId: () => string;
  private readonly flagsOf: NonNullable<ArbEngineOptions['flags']>;
  private readonly updateEveryMs: number;
  /** With updateEveryMs: open arbitrages with figures not yet built, and built ones not yet reported. */
  private readonly pending = new Map<OpenArb, EventState>();
  private readonly unreported = new Set<OpenArb>();
  /** The open arbitrages a reflag pass has still to look at. */
  private reflagQueue: { event: EventState; id: string; open: OpenArb }[] | undefined;

  constructor(options: ArbEngineOptions, deps: ArbEngineDeps) {
    const stale = options.staleAfterMs;
    this.staleAfter = typeof stale === 'number' ? () => stale : stale;
    this.distinctBooks = options.distinctBooks ?? false;
    this.epsilon = options.epsilon ?? 1e-9;
    this.flagsOf = options.flags ?? (() => []);
    this.updateEveryMs = options.updateEveryMs ?? 0;
    this.clock = deps.clock;
    let sequence = 0;
    this.newId = deps.newId ?? (() => `arb-${(sequence += 1).toString(36)}`);
  }

  /** New or changed prices of one event. `info` is needed the first time an event is seen. */
  upsert(eventId: string, quotes: readonly EngineQuote[], info?: EventInfo): ArbChanges {
    const event = this.eventFor(eventId, info);
    const changed = quotes.flatMap((quote) => this.put(event, quote));
    return this.settleEvent(event, changed, []);
  }

  /** Prices one book no longer offers (a null price in a delta): their arbitrages close as odds_moved. */
  withdraw(eventId: string, refs: readonly QuoteRef[]): ArbChanges {
    const event = this.events.get(eventId);
    if (!event) return empty();
    return this.settleEvent(
      event,
      [],
      refs.map((ref) => ({ key: quoteKey(ref), reason: 'odds_moved' })),
    );
  }

  /** One book's whole listing of an event (a snapshot): what it no longer lists is withdrawn. */
  replaceBook(eventId: string, book: string, quotes: readonly EngineQuote[], info?: EventInfo): ArbChanges {
    const event = this.eventFor(eventId, info);
    const keep = new Set(quotes.map(quoteKey));
    const removed = [...event.members.values()]
      .filter((m) => m.quote.book === book && !keep.has(m.key))
      .map((m): Removal => ({ key: m.key, reason: 'odds_moved' }));
    const changed = quotes.flatMap((quote) => this.put(event, quote));
    return this.settleEvent(event, changed, removed);
  }

  /** A book stops listing the event, or its worker is lost: its arbitrages close as `reason` (book_gone). */
  removeBook(eventId: string, book: string, reason: ArbCloseReason = 'book_gone'): ArbChanges {
    const event = this.events.get(eventId);
    if (!event) return empty();
    const removed = [...event.members.values()]
      .filter((m) => m.quote.book === book)
      .map((m): Removal => ({ key: m.key, reason }));
    return this.settleEvent(event, [], removed);
  }

  /** Forgets an event, closing its arbitrages with `reason` (event_started when it goes in play). */
  closeEvent(eventId: string, reason: ArbCloseReason): ArbChanges {
    const event = this.events.get(eventId);
    if (!event) return empty();
    const closed = empty();
    const now = this.clock.now();
    for (const [id, open] of event.arbs) this.close(event, id, open, reason, now, closed);
    this.events.delete(eventId);
    return closed;
  }

  /** Closes arbitrages with a stale leg (and drops stale quotes) across events that have any open. */
  sweep(): ArbChanges {
    const all = empty();
    for (const event of this.events.values()) {
      if (event.arbs.size === 0) continue;
      const changes = this.settleEvent(event, [], []);
      all.opened.push(...changes.opened);
      all.updated.push(...changes.updated);
      all.closed.push(...changes.closed);
    }
    return all;
  }

  /**
   * Works the flags of open arbitrages out again (the clock moves, other books move the
   * consensus): those whose flags changed come back as updated. With `max`, at most that
   * many are looked at per call, resuming where the last call stopped (`reflagging` says
   * a pass is under way), so that a large board never holds the loop for long.
   * Arbitrage whose figures wait for takeUpdated() get their flags when built.
   */
  reflag(max = Infinity): ArbChanges {
    const changes = empty();
    if (!this.reflagQueue) {
      this.reflagQueue = [];
      for (const event of this.events.values())
        for (const [id, open] of event.arbs) this.reflagQueue.push({ event, id, open });
    }
    const now = this.clock.now();
    let looked = 0;
    for (let next = this.reflagQueue.pop(); next; next = looked < max ? this.reflagQueue.pop() : undefined) {
      const { event, id, open } = next;
      looked += 1;
      if (event.arbs.get(id) !== open || open.pending) continue; // closed since, or built later
      const flags = this.flagsFor(event, open.groupKey, open.arb);
      if (sameFlags(flags, open.arb.flags)) continue;
      open.arb = { ...open.arb, flags, updatedAt: now };
      if (this.unreported.has(open)) continue; // told with its new flags by takeUpdated()
      open.toldAt = now;
      changes.updated.push(open.arb);
    }
    if (this.reflagQueue.length === 0) this.reflagQueue = undefined;
    return changes;
  }

  /** Whether a reflag pass is under way (reflag(max) stopped before its end). */
  get reflagging(): boolean {
    return this.reflagQueue !== undefined;
  }

  /**
   * With updateEveryMs: builds the figures prices moved open arbitrages to since the last
   * call, and returns those that changed as `updated` (each once, at its latest). Opens
   * and closes are never deferred; a close carries the latest figures. Without
   * updateEveryMs there is never anything to take.
   */
  takeUpdated(max = Infinity): ArbChanges {
    const changes = empty();
    const now = this.clock.now();
    const tell = (open: OpenArb) => {
      this.unreported.delete(open);
      open.toldAt = now;
      changes.updated.push(open.arb);
    };
    // Oldest first; at most `max`, so that a caller can spread a large batch over turns.
    for (const open of this.unreported) {
      if (changes.updated.length >= max) return changes;
      tell(open);
    }
    for (const [open, event] of this.pending) {
      if (changes.updated.length >= max) return changes;
      if (this.build(event, open)) tell(open);
    }
    return changes;
  }

  /** Whether deferred figures wait for takeUpdated(). */
  get hasDeferred(): boolean {
    return this.pending.size + this.unreported.size > 0;
  }

  /** Builds every deferred arbitrage's figures (they stay to be reported). */
  private buildPending(): void {
    for (const [open, event] of this.pending) if (this.build(event, open)) this.unreported.add(open);
  }

  /** Builds one open arbitrage's deferred figures; true when they changed. */
  private build(event: EventState, open: OpenArb): boolean {
    const pending = open.pending;
    this.pending.delete(open);
    if (!pending) return false;
    open.pending = undefined;
    return this.apply(event, open, pending.candidate, pending.at, pending.quotes);
  }

  /** Gives an open arbitrage the figures of `candidate`; true when they changed (flags worked out again). */
  private apply(
    event: EventState,
    open: OpenArb,
    candidate: Candidate,
    at: number,
    quotes?: readonly EngineQuote[],
  ): boolean {
    const next = toArb(open.arb.id, event, candidate, open.arb.openedAt, at, quotes);
    // Figures unchanged: nothing to tell, and the flags stand (reflag() follows the clock).
    if (sameFigures(open.arb, next)) return false;
    next.flags = this.flagsFor(event, open.groupKey, next);
    open.arb = next;
    return true;
  }

  /** Ends an open arbitrage with `reason`, at its latest figures. */
  private close(
    event: EventState,
    id: string,
    open: OpenArb,
    reason: ArbCloseReason,
    now: number,
    out: ArbChanges,
  ): void {
    this.build(event, open);
    this.unreported.delete(open);
    event.arbs.delete(id);
    out.closed.push({ arb: open.arb, reason, closedAt: now });
  }

  private flagsFor(event: EventState, groupKey: string, arb: Arb): Arb['flags'] {
    const group = event.groups.get(groupKey);
    return this.flagsOf(arb, (selection) =>
      (group?.bySelection.get(selectionKey(selection)) ?? []).map((m) => m.quote),
    );
  }

  /** Every open arbitrage, highest profit first. */
  openArbs(): Arb[] {
    this.buildPending();
    const arbs = [...this.events.values()].flatMap((event) =>
      [...event.arbs.values()].map((open) => open.arb),
    );
    return arbs.sort((a, b) => b.profitPct - a.profitPct);
  }

  /** Counts for metrics. */
  stats(): { events: number; quotes: number; openArbs: number } {
    let quotes = 0;
    let openArbs = 0;
    for (const event of this.events.values()) {
      quotes += event.members.size;
      openArbs += event.arbs.size;
    }
    return { events: this.events.size, quotes, openArbs };
  }

  private eventFor(eventId: string, info: EventInfo | undefined): EventState {
    let event = this.events.get(eventId);
    if (!event) {
      if (!info) throw new Error(`event ${eventId} is new: its info (teams, league, start) is needed`);
      event = {
        id: eventId,
        info,
        members: new Map(),
        groups: new Map(),
        nextStaleAt: Infinity,
        arbs: new Map(),
      };
      this.events.set(eventId, event);
    } else if (info) {
      event.info = info;
    }
    return event;
  }

  /** Stores one quote; returns it as a changed member, or nothing when its price is unchanged. */
  private put(event: EventState, quote: EngineQuote): StoredMember[] {
    const key = quoteKey(quote);
    const previous = event.members.get(key);
    const groupKey = groupKeyOf(quote);
    event.nextStaleAt = Math.min(event.nextStaleAt, quote.ts + this.staleAfter(quote.book));
    if (previous?.groupKey === groupKey) {
      const unchanged = samePrice(previous.quote, quote);
      previous.quote = quote;
      if (unchanged) return []; // a fresher timestamp, the same price: nothing to re-evaluate
      previous.settle.odds = quote.odds;
      previous.settle.commission = quote.commission;
      previous.win = winReturn(quote.odds, quote.commission);
      event.groups.get(groupKey)?.reprice(previous);
      return [previous];
    }
    if (previous) event.groups.get(previous.groupKey)?.remove(key);
    const member: StoredMember = {
      key,
      selKey: selectionKey(quote),
      quote,
      settle: {
        market: quote.market,
        side: quote.side,
        line: quote.line,
        odds: quote.odds,
        commission: quote.commission,
      },
      win: winReturn(quote.odds, quote.commission),
      payoff: [],
      groupKey,
    };
    event.members.set(key, member);
    let group = event.groups.get(groupKey);
    if (!group) {
      group = new Group(groupKey, dimensionOf(quote.market), quote.score ?? [0, 0]);
      event.groups.set(groupKey, group);
    }
    group.put(member);
    return [member];
  }

  /** Applies removals, drops stale quotes, and re-evaluates the groups the changes touch. */
  private settleEvent(event: EventState, changed: StoredMember[], removals: Removal[]): ArbChanges {
    const now = this.clock.now();
    const gone = new Map<string, ArbCloseReason>();
    const touched = new Set(changed.map((m) => m.groupKey));
    const drop = (member: StoredMember, reason: ArbCloseReason): void => {
      event.members.delete(member.key);
      event.groups.get(member.groupKey)?.remove(member.key);
      gone.set(member.key, reason);
      touched.add(member.groupKey);
    };
    for (const { key, reason } of removals) {
      const member = event.members.get(key);
      if (member) drop(member, reason);
    }
    if (now > event.nextStaleAt) {
      // Only when some quote may have gone stale: then drop those and find the next moment.
      let next = Infinity;
      for (const member of event.members.values()) {
        const until = member.quote.ts + this.staleAfter(member.quote.book);
        if (now > until) drop(member, 'stale');
        else next = Math.min(next, until);
      }
      event.nextStaleAt = next;
    }
    const changes = empty();
    const moved = new Map(changed.map((m) => [m.key, m.groupKey]));
    for (const [id, open] of event.arbs) {
      // A leg gone, or re-priced into another group (its score changed), ends the arbitrage.
      let reason: ArbCloseReason | undefined;
      for (const key of open.memberKeys) reason ??= gone.get(key);
      if (!reason)
        for (const key of open.memberKeys) {
          const group = moved.get(key);
          if (group !== undefined && group !== open.groupKey) reason = 'odds_moved';
        }
      if (reason) this.close(event, id, open, reason, now, changes);
    }
    for (const groupKey of touched) {
      const group = event.groups.get(groupKey);
      if (!group) continue;
      if (group.members.length === 0) {
        event.groups.delete(groupKey);
        continue;
      }
      const changedHere = changed.filter((m) => m.groupKey === groupKey && event.members.get(m.key) === m);
      this.evaluateGroup(event, group, changedHere, now, changes);
    }
    return changes;
  }

  private evaluateGroup(
    event: EventState,
    group: Group,
    changed: Member[],
    now: number,
    out: ArbChanges,
  ): void {
    // Stale quotes were dropped before this: every member is live.
    if (!group.mayBeat(1 + this.epsilon - CEILING_MARGIN)) {
      // Proof that no combination of the group is an arbitrage: the group's open ones end
      // (each holds a quote that changed or left, or it would still be one).
      for (const [id, open] of event.arbs) {
        if (open.groupKey !== group.key) continue;
        this.close(event, id, open, 'odds_moved', now, out);
      }
      return;
    }
    const found = new Map<string, Candidate>();
    for (const member of changed) {
      for (const candidate of [
        ...group.pairsWith(member, this.distinctBooks, this.epsilon),
        ...group.triplesWith(member, this.distinctBooks, this.epsilon),
      ]) {
        // pairsWith and triplesWith already keep to distinct books when asked.
        found.set(legSetKey(candidate.members), candidate);
      }
    }
    const changedKeys = new Set(changed.map((m) => m.key));
    for (const [id, open] of event.arbs) {
      if (open.groupKey !== group.key || open.arb.kind === 'multi') continue;
      const key = open.legKey;
      const candidate = found.get(key);
      if (candidate) {
        found.delete(key);
        this.refresh(event, open, candidate, now, out);
      } else if (hasAny(open.memberKeys, changedKeys)) {
        this.close(event, id, open, 'odds_moved', now, out);
      }
    }
    for (const candidate of found.values()) this.open(event, group, candidate, now, out);
    this.evaluateMulti(event, group, now, out);
  }

  /** The best multi-leg combination of the group, kept only while it beats every pair and triple. */
  private evaluateMulti(event: EventState, group: Group, now: number, out: ArbChanges): void {
    let best = 1 + this.epsilon;
    let current: [string, OpenArb] | undefined;
    for (const entry of event.arbs) {
      const [, open] = entry;
      if (open.groupKey !== group.key) continue;
      if (open.arb.kind === 'multi') current = entry;
      else best = Math.max(best, (open.pending?.candidate.z ?? open.arb.returnRatio) + 1e-7);
    }
    const candidate = group.bestMulti(best, this.distinctBooks);
    if (current) {
      const [id, open] = current;
      if (candidate && legSetKey(candidate.members) === open.legKey) {
        this.refresh(event, open, candidate, now, out);
        return;
      }
      this.close(event, id, open, 'odds_moved', now, out);
    }
    if (candidate) this.open(event, group, candidate, now, out);
  }

  private open(event: EventState, group: Group, candidate: Candidate, now: number, out: ArbChanges): void {
    const id = this.newId();
    const arb = toArb(id, event, candidate, now, now);
    arb.flags = this.flagsFor(event, group.key, arb);
    event.arbs.set(id, {
      arb,
      toldAt: now,
      groupKey: group.key,
      memberKeys: new Set(candidate.members.map((m) => m.key)),
      legKey: legSetKey(candidate.members),
    });
    out.opened.push(arb);
  }

  private refresh(
    event: EventState,
    open: OpenArb,
    candidate: Candidate,
    now: number,
    out: ArbChanges,
  ): void {
    if (this.updateEveryMs > 0 && now - open.toldAt < this.updateEveryMs) {
      // Told not long ago: built when asked for (takeUpdated, openArbs, a close), once, at
      // the latest prices. The quotes are kept as they are now: members move on, the figures must not.
      open.pending = { candidate, quotes: candidate.members.map((m) => m.quote), at: now };
      this.pending.set(open, event);
      return;
    }
    // Not told for a while (or every change told): at once.
    open.pending = undefined;
    this.pending.delete(open);
    this.unreported.delete(open);
    if (this.apply(event, open, candidate, now)) {
      open.toldAt = now;
      out.updated.push(open.arb);
    }
  }
}

/**
 * How far under 1 + epsilon the group's ceiling must be to skip it: the ceiling is exact
 * arithmetic on the same payoffs, this only keeps rounding from hiding a borderline case.
 */
const CEILING_MARGIN = 1e-9;

/** Whether two sets share a member. */
function hasAny(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const key of a) if (b.has(key)) return true;
  return false;
}

function empty(): ArbChanges {
  return { opened: [], updated: [], closed: [] };
}

/** Quotes combine only within one period, dimension and match state (prematch, or one score). */
function groupKeyOf(quote: EngineQuote): string {
  const state = quote.inPlay
    ? quote.score
      ? `live:${quote.score[0]}-${quote.score[1]}`
      : `live:?${quote.book}`
    : 'pre';
  return `${quote.period}|${dimensionOf(quote.market)}|${state}`;
}

function samePrice(a: EngineQuote, b: EngineQuote): boolean {
  return (
    a.odds === b.odds &&
    a.commission === b.commission &&
    a.maxStake === b.maxStake &&
    a.bookEventId === b.bookEventId
  );
}
