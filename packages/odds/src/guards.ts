// Guards against false arbitrage (apps/hub/README.md, "Against false arbitrage"): each
// fires a flag on the arbitrage; flagged arbitrage is still shown, marked, and sorted
// below clean ones. Pure functions: the hub passes in what it knows (the quotes of the
// event, the listings' kickoffs, the matcher's confidence, the clock).
import type { Arb, ArbFlag, ArbLeg, Match } from '@arbhub/schema';
import { selectionKey } from './arb-types.js';
import type { EngineQuote, QuoteLookup, SelectionRef as Selection } from './arb-types.js';

export interface GuardSettings {
  /** `high_profit` above this percentage (ARB_SUSPICIOUS_PCT, default 10). */
  suspiciousPct: number;
  /** `kickoff_mismatch` when the legs' listings' kickoffs differ by more than this (5 min). */
  kickoffToleranceMs: number;
  /** `starting_soon` when kickoff is this close (10 min): books suspend markets then. */
  startingSoonMs: number;
  /** `low_confidence_match` when a leg's listing joined its event below this matcher score. */
  minConfidence: number;
  /** The outlier rule: see `outlierLeg`. */
  outlier: OutlierRule;
}

export interface OutlierRule {
  /** Robust deviations (k) a leg's price must undercut the consensus by. */
  k: number;
  /** Books quoting the selection, the leg's own included, for a consensus to exist. */
  minBooks: number;
  /** The smallest deviation used, as a share of the consensus probability (a few books agree closely). */
  minSpread: number;
}

export const DEFAULT_GUARDS: GuardSettings = {
  suspiciousPct: 10,
  kickoffToleranceMs: 5 * 60_000,
  startingSoonMs: 10 * 60_000,
  minConfidence: 0.9,
  outlier: { k: 4, minBooks: 3, minSpread: 0.04 },
};

/** 1.4826 x MAD estimates the standard deviation of normally spread values. */
const MAD_SCALE = 1.4826;

/** A QuoteLookup over a list of quotes (for callers that hold a list, and for tests). */
export function lookupIn(quotes: readonly EngineQuote[]): QuoteLookup {
  const index = new Map<string, EngineQuote[]>();
  for (const quote of quotes) {
    const key = selectionKey(quote);
    const list = index.get(key);
    if (list) list.push(quote);
    else index.set(key, [quote]);
  }
  return (selection) => index.get(selectionKey(selection)) ?? [];
}

/** The selections that make up the market `selection` belongs to, itself included. */
export function marketSides(selection: Selection): Selection[] {
  const { market, period } = selection;
  switch (market) {
    case '1x2':
      return (['home', 'draw', 'away'] as const).map((side) => ({ market, period, side }));
    case 'ml':
      return (['home', 'away'] as const).map((side) => ({ market, period, side }));
    case 'ah': {
      // Lines are the side's own handicap: home -0.25 is one market with away +0.25.
      const line = selection.line ?? 0;
      const home = selection.side === 'home' ? line : -line || 0;
      return [
        { market, period, line: home, side: 'home' },
        { market, period, line: -home || 0, side: 'away' },
      ];
    }
    case 'ou':
      return (['over', 'under'] as const).map((side) => ({ market, period, line: selection.line, side }));
  }
}

/**
 * Each book's no-vig probability of `selection`: its implied probability divided by
 * the sum over its own market's sides. Books that do not quote every side, or whose
 * market sums under 100%, are left out.
 */
export function noVigProbabilities(selection: Selection, quotesOf: QuoteLookup): Map<string, number> {
  const sides = marketSides(selection);
  const wanted = selectionKey(selection);
  const sums = new Map<string, { sum: number; sides: number; own?: number }>();
  for (const side of sides) {
    const own = selectionKey(side) === wanted;
    for (const quote of quotesOf(side)) {
      const entry = sums.get(quote.book) ?? { sum: 0, sides: 0 };
      entry.sum += 1 / quote.odds;
      entry.sides += 1;
      if (own) entry.own = 1 / quote.odds;
      sums.set(quote.book, entry);
    }
  }
  const result = new Map<string, number>();
  // A market under 100% is a data error, not a price (the hub refuses those anyway).
  for (const [book, entry] of sums)
    if (entry.sides === sides.length && entry.own !== undefined && entry.sum >= 1)
      result.set(book, entry.own / entry.sum);
  return result;
}

export interface Consensus {
  /** Median of the other books' no-vig probabilities. */
  probability: number;
  /** The robust deviation used: 1.4826 MAD, at least `minSpread` of the probability. */
  spread: number;
  books: number;
}

/**
 * The consensus of the books other than the leg's on the leg's selection, or nothing
 * when fewer than `minBooks - 1` other books quote the whole market.
 */
export function consensusFor(
  leg: Selection & { book: string },
  quotesOf: QuoteLookup,
  rule: OutlierRule,
): Consensus | undefined {
  const others = [...noVigProbabilities(leg, quotesOf)]
    .filter(([book]) => book !== leg.book)
    .map(([, p]) => p);
  if (others.length + 1 < rule.minBooks) return undefined;
  const probability = median(others);
  const mad = median(others.map((p) => Math.abs(p - probability)));
  return {
    probability,
    spread: Math.max(MAD_SCALE * mad, rule.minSpread * probability),
    books: others.length,
  };
}

/**
 * `outlier`: the leg's implied probability (1/odds) lies more than k robust deviations
 * below the no-vig consensus of the other books on the same selection, with at least
 * `minBooks` books quoting it. With the defaults (k 4, spread at least 4% of the
 * consensus) a leg must promise about 19% more than the consensus fair price: a
 * book that lags a market move by a few seconds stays well inside that, a price
 * typed wrong does not.
 */
export function outlierLeg(
  leg: Selection & { book: string; odds: number },
  quotesOf: QuoteLookup,
  rule: OutlierRule = DEFAULT_GUARDS.outlier,
): boolean {
  // A quick exact bound first (it settles almost every leg): each counted book's no-vig
  // probability is at most its 1/odds (its market sums to 100% or more), so the consensus
  // is at most 1/(the shortest other price). A leg within 1 - k x minSpread of that
  // cannot be k deviations below it, and fewer quoting books than needed cannot judge.
  let others = 0;
  let shortest = Infinity;
  for (const quote of quotesOf(leg)) {
    if (quote.book === leg.book) continue;
    others += 1;
    if (quote.odds < shortest) shortest = quote.odds;
  }
  if (others + 1 < rule.minBooks) return false;
  const reach = 1 - rule.k * rule.minSpread;
  if (reach > 0 && leg.odds <= shortest / reach) return false;
  const consensus = consensusFor(leg, quotesOf, rule);
  if (!consensus) return false;
  return consensus.probability - 1 / leg.odds > rule.k * consensus.spread;
}

/** What the guards need to know of an arbitrage beyond its legs. */
export interface GuardContext {
  now: number;
  /** The live quotes of the arbitrage's event in its period and match state, by selection (the consensus). */
  quotesOf: QuoteLookup;
  /** Each leg's listing's kickoff (epoch ms) and matcher confidence, in leg order; undefined if unknown. */
  listings: readonly ({ kickoff: number; confidence: number } | undefined)[];
}

/**
 * The flags an arbitrage carries, in the order of ARB_FLAGS. It runs whenever an
 * arbitrage opens or its figures change, so it is written as plain loops.
 */
export function arbFlags(
  arb: Pick<Arb, 'period' | 'legs' | 'profitPct' | 'event'>,
  context: GuardContext,
  settings: GuardSettings = DEFAULT_GUARDS,
): ArbFlag[] {
  const flags: ArbFlag[] = [];
  const outlier = arb.legs.some((leg: ArbLeg) =>
    outlierLeg(
      {
        book: leg.book,
        market: leg.market,
        period: arb.period,
        line: leg.line ?? undefined,
        side: leg.side,
        odds: leg.odds,
      },
      context.quotesOf,
      settings.outlier,
    ),
  );
  if (outlier) flags.push('outlier');
  if (arb.profitPct > settings.suspiciousPct) flags.push('high_profit');
  let earliest = Infinity;
  let latest = -Infinity;
  let unsure = false;
  for (const listing of context.listings) {
    if (!listing) continue;
    earliest = Math.min(earliest, listing.kickoff);
    latest = Math.max(latest, listing.kickoff);
    unsure ||= listing.confidence < settings.minConfidence;
  }
  if (latest - earliest > settings.kickoffToleranceMs) flags.push('kickoff_mismatch');
  if (arb.event.inPlay !== true && Date.parse(arb.event.startTime) - context.now < settings.startingSoonMs)
    flags.push('starting_soon');
  if (unsure) flags.push('low_confidence_match');
  return flags;
}

/**
 * A market whose own prices sum to under 100% (every side quoted): a book never
 * offers that on purpose, so it is a data error, not an opportunity. Returns the
 * sum of implied probabilities, or undefined when the market is incomplete or fine.
 */
export function underround(market: Match['markets'][number]): number | undefined {
  const prices = market.prices as Record<string, number | null | undefined>;
  let sum = 0;
  // for..in, not Object.values: this runs for every market of every update the hub gets.
  for (const side in prices) {
    const price = prices[side];
    if (typeof price !== 'number') return undefined;
    sum += 1 / price;
  }
  return sum < 1 ? sum : undefined;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}
