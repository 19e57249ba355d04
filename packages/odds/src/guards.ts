// Guards against false arbitrage (issue "an arbitrage board a bettor can act on"): each
// fires a flag on the arbitrage; flagged arbitrage is still shown, marked, and sorted
// below clean ones. Pure functions: the hub passes in what it knows (the quotes of the
// event, the listings' kickoffs, the matcher's confidence, the clock).
import type { Arb, ArbFlag, ArbLeg, Match } from '@arbhub/schema';
import { ARB_FLAGS } from '@arbhub/schema';
import type { EngineQuote } from './arb-types.js';

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

type Selection = Pick<EngineQuote, 'market' | 'period' | 'line' | 'side'>;

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

const selectionId = (s: Selection) => `${s.period}|${s.market}|${s.line ?? ''}|${s.side}`;

/**
 * Each book's no-vig probability of `selection`: its implied probability divided by
 * the sum over its own market's sides. Books that do not quote every side are left out.
 */
export function noVigProbabilities(
  selection: Selection,
  quotes: readonly EngineQuote[],
): Map<string, number> {
  const sides = marketSides(selection).map(selectionId);
  const wanted = selectionId(selection);
  const byBook = new Map<string, Map<string, number>>();
  for (const quote of quotes) {
    const id = selectionId(quote);
    if (!sides.includes(id)) continue;
    let book = byBook.get(quote.book);
    if (!book) byBook.set(quote.book, (book = new Map<string, number>()));
    book.set(id, 1 / quote.odds);
  }
  const result = new Map<string, number>();
  for (const [book, implied] of byBook) {
    if (implied.size !== sides.length) continue;
    const own = implied.get(wanted);
    if (own === undefined) continue;
    let sum = 0;
    for (const p of implied.values()) sum += p;
    result.set(book, own / sum);
  }
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
  quotes: readonly EngineQuote[],
  rule: OutlierRule,
): Consensus | undefined {
  const others = [...noVigProbabilities(leg, quotes)].filter(([book]) => book !== leg.book).map(([, p]) => p);
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
  quotes: readonly EngineQuote[],
  rule: OutlierRule = DEFAULT_GUARDS.outlier,
): boolean {
  const consensus = consensusFor(leg, quotes, rule);
  if (!consensus) return false;
  return consensus.probability - 1 / leg.odds > rule.k * consensus.spread;
}

/** What the guards need to know of an arbitrage beyond its legs. */
export interface GuardContext {
  now: number;
  /** Every live quote of the arbitrage's event in its period and match state (the consensus). */
  quotes: readonly EngineQuote[];
  /** Each leg's listing's kickoff (epoch ms) and matcher confidence, in leg order; undefined if unknown. */
  listings: readonly ({ kickoff: number; confidence: number } | undefined)[];
}

/** The flags an arbitrage carries, in the order of ARB_FLAGS. */
export function arbFlags(
  arb: Pick<Arb, 'period' | 'legs' | 'profitPct' | 'event'>,
  context: GuardContext,
  settings: GuardSettings = DEFAULT_GUARDS,
): ArbFlag[] {
  const fired = new Set<ArbFlag>();
  const legOf = (leg: ArbLeg): Selection & { book: string; odds: number } => ({
    book: leg.book,
    market: leg.market,
    period: arb.period,
    line: leg.line ?? undefined,
    side: leg.side,
    odds: leg.odds,
  });
  if (arb.legs.some((leg) => outlierLeg(legOf(leg), context.quotes, settings.outlier))) fired.add('outlier');
  if (arb.profitPct > settings.suspiciousPct) fired.add('high_profit');
  const known = context.listings.filter((l) => l !== undefined);
  const kickoffs = known.map((l) => l.kickoff);
  if (kickoffs.length > 1 && Math.max(...kickoffs) - Math.min(...kickoffs) > settings.kickoffToleranceMs)
    fired.add('kickoff_mismatch');
  const kickoff = Date.parse(arb.event.startTime);
  if (arb.event.inPlay !== true && kickoff - context.now < settings.startingSoonMs)
    fired.add('starting_soon');
  if (known.some((l) => l.confidence < settings.minConfidence)) fired.add('low_confidence_match');
  return ARB_FLAGS.filter((flag) => fired.has(flag));
}

/**
 * A market whose own prices sum to under 100% (every side quoted): a book never
 * offers that on purpose, so it is a data error, not an opportunity. Returns the
 * sum of implied probabilities, or undefined when the market is incomplete or fine.
 */
export function underround(market: Match['markets'][number]): number | undefined {
  let sum = 0;
  for (const price of Object.values(market.prices) as (number | null | undefined)[]) {
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
