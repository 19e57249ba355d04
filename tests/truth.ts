// Scoring the running system against the simulator's ground truth, shared by the
// end-to-end tests (tests/system.test.ts) and the system benchmark (tests/system.bench.ts):
// event matching against /truth/fixtures, planted arbitrage found on /stream, and every
// reported arbitrage confirmed on prices the books really showed.
import { arbSelections, calculate } from '@arbhub/odds';
import { eventsAnswerSchema, truthArbSchema, truthFixtureSchema } from '@arbhub/schema';
import type { Arb, TruthArb } from '@arbhub/schema';
import { DEFAULT_POLL_MS } from '@arbhub/worker';
import { quantile } from '../bench/util.js';
import { getChecked, waitFor } from './system.js';
import type { recordPrices, Seen } from './system.js';

/** The poll interval of each book's worker (the defaults npm start uses). */
export const POLL_MS: Readonly<Record<string, number>> = DEFAULT_POLL_MS;

/** Precision and recall of the listing pairs that have a listing of one book. */
export interface BookMatching {
  pairs: number;
  precision: number;
  recall: number;
}

export interface MatchingScore {
  events: number;
  listings: number;
  pairs: number;
  precision: number;
  recall: number;
  /** The same, per book: the pairs one of whose listings is that book's. */
  perBook: Record<string, BookMatching>;
}

/** /events against /truth/fixtures, as pairs of listings said to be one fixture. */
/**
 * Waits (at most `ms`) until the hub holds as many listings as the books list: workers
 * register before their first snapshot has arrived, so a score taken at once may miss one.
 * Resolves either way; the score says what is missing.
 */
export async function everyListingIn(hub: string, simbook: string, ms: number): Promise<void> {
  const truth = await getChecked(`${simbook}/truth/fixtures`, truthFixtureSchema.array());
  await waitFor(
    'every listing at the hub',
    async () => {
      const events = await getChecked(`${hub}/events`, eventsAnswerSchema);
      return events.reduce((n, e) => n + e.members.length, 0) >= truth.length;
    },
    ms,
  ).catch(() => undefined);
}

export async function matchingScore(hub: string, simbook: string): Promise<MatchingScore> {
  const pairs = (groups: string[][]) => {
    const set = new Set<string>();
    for (const group of groups) {
      const sorted = [...group].sort();
      for (let i = 0; i < sorted.length; i += 1)
        for (let j = i + 1; j < sorted.length; j += 1) set.add(`${sorted[i] ?? ''}#${sorted[j] ?? ''}`);
    }
    return set;
  };
  const events = await getChecked(`${hub}/events`, eventsAnswerSchema);
  const truth = await getChecked(`${simbook}/truth/fixtures`, truthFixtureSchema.array());
  const byFixture = new Map<string, string[]>();
  for (const t of truth)
    byFixture.set(t.fixtureId, [...(byFixture.get(t.fixtureId) ?? []), `${t.book}|${t.eventId}`]);
  const predicted = pairs(events.map((e) => e.members.map((m) => `${m.book}|${m.eventId}`)));
  const actual = pairs([...byFixture.values()]);
  const hits = [...predicted].filter((p) => actual.has(p)).length;
  const books = [...new Set(truth.map((t) => t.book))].sort();
  const hasBook = (pair: string, book: string) => pair.split('#').some((m) => m.startsWith(`${book}|`));
  const perBook = Object.fromEntries(
    books.map((book) => {
      const said = [...predicted].filter((p) => hasBook(p, book));
      const real = [...actual].filter((p) => hasBook(p, book));
      const right = said.filter((p) => actual.has(p)).length;
      return [
        book,
        {
          pairs: real.length,
          precision: said.length === 0 ? 1 : right / said.length,
          recall: right / real.length,
        },
      ];
    }),
  );
  return {
    events: events.length,
    listings: truth.length,
    pairs: actual.size,
    precision: hits / predicted.size,
    recall: hits / actual.size,
    perBook,
  };
}

/** The planted legs are all among the reported arbitrage's (same book, listing, market and odds). */
export const covers = (arb: Arb, planted: TruthArb) =>
  planted.legs.every((p) =>
    arb.legs.some(
      (l) =>
        l.book === p.book &&
        l.eventId === p.eventId &&
        l.market === p.market &&
        Math.abs(l.odds - p.odds) < 1e-6,
    ),
  );

const FLIP: Record<string, string> = { home: 'away', away: 'home' };

/**
 * Confirmed on the books' own prices: every leg is a price its book showed in the 16 s
 * before the report (the hub's staleness limit is 15 s), all legs in one orientation of
 * the fixture (the hub's home may be the fixture's away), and calculate() on them
 * returns more than the stake.
 */
export function confirmed(arb: Arb, at: number, prices: ReturnType<typeof recordPrices>): boolean {
  const from = Math.max(prices.startedAt, at - 16_000);
  const oriented = [(side: string) => side, (side: string) => FLIP[side] ?? side].some((orient) =>
    arb.legs.every((leg) =>
      prices.shown({ ...leg, period: arb.period, side: orient(leg.side) }, from, at + 500),
    ),
  );
  if (!oriented) return false;
  const answer = calculate({ selections: arbSelections(arb) });
  return answer.returnRatio > 1;
}

/** Per leg, what the samples showed for its quote before the report: what a failure says. */
function explain(arb: Arb, at: number, prices: ReturnType<typeof recordPrices>): string {
  const from = Math.max(prices.startedAt, at - 16_000);
  return arb.legs
    .map(
      (leg) =>
        `${leg.book} ${leg.market} ${String(leg.line)} ${leg.side} [${prices.seen({ ...leg, period: arb.period }, from, at + 500)}]`,
    )
    .join('; ');
}

export interface ArbScore {
  /** Lag plants made while watching and open for three poll intervals of their slowest book. */
  planted: number;
  /** Of those, reported while open (any flags). */
  found: number;
  /** Of those, reported while open by an arbitrage with no flag: what a bettor would act on. */
  foundClean: number;
  /** foundClean / planted. */
  recall: number;
  missed: string[];
  /** Lag plants whose first covering report carried a flag, with the flags. */
  flagged: string[];
  /** Planted opening → the first arb:open or arb:update on /stream holding its legs, sorted. */
  latencies: number[];
  /** Palpable plants (a price far off the market) open for three polls: each must be reported flagged `outlier`. */
  palpable: number;
  palpableOutlier: number;
  palpableMissed: string[];
  /** Opens and updates reported (after the price recorder's first 5 s). */
  reported: number;
  /** Reports neither planted nor confirmed on the books' own prices. */
  unconfirmed: string[];
  /** Reports with two legs at one book (the hub allows none by default). */
  sameBook: string[];
  /** The profit of every lag plant, as the simulator planted it. */
  plantedProfits: number[];
  /** Per book: the lag plants with a leg at that book, found unflagged, and their detection latencies (sorted). */
  perBook: Record<string, BookArbs>;
}

export interface BookArbs {
  planted: number;
  foundClean: number;
  latencies: number[];
}

/** /stream, watched from `from` to `end`, against /truth/arbs and the recorded book prices. */
export async function arbScore(
  simbook: string,
  seen: Seen[],
  prices: ReturnType<typeof recordPrices>,
  from: number,
  end: number,
): Promise<ArbScore> {
  const truth = await getChecked(`${simbook}/truth/arbs`, truthArbSchema.array());
  const watched = truth.filter((arb) => {
    const poll = Math.max(...arb.legs.map((leg) => POLL_MS[leg.book] ?? 1000));
    const closed = arb.closedAt ?? end;
    return arb.openedAt >= from && closed - arb.openedAt >= 3 * poll && arb.openedAt + 3 * poll <= end;
  });
  const reportsOf = (arb: TruthArb) =>
    seen.filter(
      (s) =>
        s.type !== 'arb:close' &&
        s.at >= arb.openedAt &&
        s.at <= (arb.closedAt ?? end) + 3000 &&
        covers(s.arb, arb),
    );
  const planted = watched.filter((arb) => arb.palpable !== true);
  const latencies: number[] = [];
  const missed: string[] = [];
  const flagged: string[] = [];
  let foundClean = 0;
  const perBook: Record<string, BookArbs> = {};
  for (const arb of planted) {
    const reports = reportsOf(arb);
    const first = reports[0];
    const books = [...new Set(arb.legs.map((leg) => leg.book))].map(
      (book) => (perBook[book] ??= { planted: 0, foundClean: 0, latencies: [] }),
    );
    for (const book of books) book.planted += 1;
    if (!first) {
      missed.push(`${arb.id} ${JSON.stringify(arb.legs)}`);
      continue;
    }
    latencies.push(first.at - arb.openedAt);
    for (const book of books) book.latencies.push(first.at - arb.openedAt);
    const clean = reports.some((r) => r.arb.flags.length === 0);
    if (clean) foundClean += 1;
    if (clean) for (const book of books) book.foundClean += 1;
    if (first.arb.flags.length > 0) flagged.push(`${arb.id}: ${first.arb.flags.join(',')}`);
  }
  const palpable = watched.filter((arb) => arb.palpable === true);
  const palpableMissed = palpable
    .filter((arb) => !reportsOf(arb).some((r) => r.arb.flags.includes('outlier')))
    .map(
      (arb) =>
        `${arb.id} ${JSON.stringify(arb.legs)} reported as ${JSON.stringify(reportsOf(arb).map((r) => r.arb.flags))}`,
    );
  const reported = seen.filter(
    (s) => s.type !== 'arb:close' && s.at >= prices.startedAt + 5000 && s.at <= end,
  );
  const unconfirmed = reported
    .filter(
      (s) => !truth.some((t) => s.at >= t.openedAt && covers(s.arb, t)) && !confirmed(s.arb, s.at, prices),
    )
    .map(
      (s) =>
        `${s.type} at ${s.at}: ${JSON.stringify(s.arb.legs)}; the books showed ${explain(s.arb, s.at, prices)}`,
    );
  const sameBook = seen
    .filter((s) => new Set(s.arb.legs.map((l) => l.book)).size < s.arb.legs.length)
    .map((s) => `${s.type} at ${s.at}: ${JSON.stringify(s.arb.legs)}`);
  return {
    planted: planted.length,
    found: latencies.length,
    foundClean,
    recall: planted.length === 0 ? NaN : foundClean / planted.length,
    missed,
    flagged,
    latencies: latencies.sort((a, b) => a - b),
    palpable: palpable.length,
    palpableOutlier: palpable.length - palpableMissed.length,
    palpableMissed,
    reported: reported.length,
    unconfirmed,
    sameBook,
    plantedProfits: planted.map((arb) => (arb.returnRatio - 1) * 100).sort((a, b) => a - b),
    perBook: Object.fromEntries(
      Object.entries(perBook)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([book, arbs]) => [book, { ...arbs, latencies: arbs.latencies.sort((a, b) => a - b) }]),
    ),
  };
}

/** The per-book arbitrage figures as the test and the benchmark report them: found of planted, latency p50 and p99. */
export function perBookFigures(score: Pick<ArbScore, 'perBook'>) {
  return Object.fromEntries(
    Object.entries(score.perBook).map(([book, b]) => [
      book,
      {
        planted: b.planted,
        foundUnflagged: b.foundClean,
        detectionLatencyMs: { p50: quantile(b.latencies, 0.5), p99: quantile(b.latencies, 0.99) },
      },
    ]),
  );
}
