// The simulated world: fixtures, which book lists which and how, every price, the
// ticks that move them, and the ground truth. Deterministic for a seed and a start
// time; the clock is passed in.
import { fairOdds, poisson, seededRandom } from '@arbhub/odds';
import { marketKey } from '@arbhub/schema';
import type { Clock, MarketType, Period, Side } from '@arbhub/schema';
import { Planter } from './planter.js';
import type { PlantedArb } from './planter.js';
import { priceKey, priceMarket } from './prices.js';
import type { Quote } from './prices.js';
import { BOOKS, LEAGUES, inventedTeam, spell } from './teams.js';
import type { BookId, League, Team } from './teams.js';

/** A market a book prices: `line` is the home team's handicap (ah) or the total (ou). */
export interface MarketKey {
  market: MarketType;
  period: Period;
  line?: number;
}

export interface Price {
  market: MarketKey;
  side: Side;
  fair: number;
  /** The book's deviation from fair, as a log factor: a mean-reverting walk. */
  drift: number;
  /** Set while a planted arbitrage holds this price. */
  frozen?: Quote;
  quote: Quote;
  /** The drift or the frozen quote changed: the quote must be worked out again. */
  dirty?: boolean;
}

export interface Fixture {
  id: string;
  sport: 'soccer';
  league: League;
  home: Team;
  away: Team;
  kickoff: number;
  /** Played at a neutral venue: some books list it the other way round. */
  neutral: boolean;
  /** Expected goals of each side: a planted market move shifts them (and drops `fair`). */
  lambda: readonly [number, number];
  score: [number, number];
  /** Fair odds per market and side; before kickoff they do not change, so they are kept. */
  fair?: { at: number; score: string; odds: Map<string, number> };
}

/** A price's fair odds in a fair-odds map (50 for a selection that cannot win). */
const fairPrice = (fair: ReadonlyMap<string, number>, price: Price) => fair.get(priceKey(price)) ?? 50;

/** The prices of a listing grouped by market (market, period, line): the sides a book prices together. */
export function marketsOf(prices: readonly Price[]): Price[][] {
  const groups = new Map<string, Price[]>();
  for (const price of prices) {
    const key = marketKey(price.market);
    const group = groups.get(key);
    if (group) group.push(price);
    else groups.set(key, [price]);
  }
  return [...groups.values()];
}

export interface Listing {
  book: BookId;
  fixture: Fixture;
  eventId: string;
  /** The book's kickoff: a few minutes off, at some books. */
  kickoff: number;
  /** The book lists home and away the other way round. */
  swapped: boolean;
  prices: Price[];
  /** The book's feed version when this listing last changed, and when it was removed. */
  changedAt: number;
  removedAt?: number;
  /** The fair-odds map these prices were last worked out from. */
  fairSeen?: Map<string, number>;
  /** `prices` grouped by market, made once. */
  markets: Price[][];
}

export interface WorldOptions {
  seed: number;
  fixtures: number;
  /** Planted arbitrages per minute, on average. */
  arbRate: number;
  /** The share of plants that are palpable errors (default 0.04). */
  palpableShare?: number | undefined;
}

/** How long a match is listed in play before it finishes and is removed. */
export const MATCH_MS = 105 * 60_000;
/** Feed versions a book remembers for change requests; older cursors get a full reload. */
export const HISTORY_VERSIONS = 600;

const quarter = (x: number) => Math.round(x * 4) / 4;

export class World {
  readonly fixtures: Fixture[] = [];
  readonly listings = new Map<BookId, Listing[]>();
  /** The current feed version of each book; a tick that changes anything bumps it. */
  readonly versions = new Map<BookId, number>();
  readonly planter: Planter;
  private readonly random: () => number;
  private readonly start: number;
  private lastTick: number;
  private readonly repriced: ((now: number) => void)[] = [];

  constructor(
    private readonly options: WorldOptions,
    private readonly clock: Clock,
  ) {
    this.random = seededRandom(options.seed);
    // Kickoffs are offsets from the start, rounded to a quarter hour: one seed, one schedule.
    this.start = Math.floor(clock.now() / 900_000) * 900_000;
    this.lastTick = clock.now();
    this.createFixtures();
    this.planter = new Planter(this, seededRandom(options.seed + 1), clock, {
      palpableShare: options.palpableShare ?? 0.04,
    });
    for (const book of BOOKS) this.versions.set(book, 1);
    this.reprice(clock.now());
  }

  private createFixtures(): void {
    const random = this.random;
    const pool: { league: League; teams: Team[] }[] = LEAGUES.map((league) => ({
      league,
      teams: league.teams,
    }));
    let eventSeq = 0;
    for (let i = 0; i < this.options.fixtures; i += 1) {
      // The built-in leagues for the first 200 fixtures; then a new invented league every
      // 100 (benchmarks with thousands of fixtures).
      const slot =
        i < 200
          ? (pool[i % LEAGUES.length] as (typeof pool)[number])
          : (pool[LEAGUES.length + Math.floor((i - 200) / 100)] ?? invent(pool, random));
      const [home, away] = pickTwo(slot.teams, random);
      // A few already in play, most later today or this week, many at the usual slots.
      const offset =
        i % 7 === 0 ? -Math.floor(random() * 80) * 60_000 : Math.floor(random() * 7 * 96) * 900_000;
      const fixture: Fixture = {
        id: `fx-${(i + 1).toString()}`,
        sport: 'soccer',
        league: slot.league,
        home,
        away,
        kickoff: this.start + offset,
        neutral: random() < 0.08,
        lambda: [0.8 + random() * 1.2, 0.6 + random() * 1.0],
        score: [0, 0],
      };
      this.fixtures.push(fixture);
      for (const book of BOOKS) {
        if (random() > 0.85 && book !== 'pin') continue; // each book lists a different subset
        eventSeq += 1;
        let list = this.listings.get(book);
        if (!list) this.listings.set(book, (list = []));
        const prices: Price[] = marketsFor(fixture).map(({ market, side }) => ({
          market,
          side,
          fair: 2,
          drift: (random() - 0.5) * 0.02,
          quote: { native: 0, decimal: 2 },
        }));
        list.push({
          book,
          fixture,
          eventId: eventIdFor(book, eventSeq, random),
          kickoff: fixture.kickoff + (random() < 0.3 ? Math.round((random() - 0.5) * 10) * 60_000 : 0),
          swapped: fixture.neutral && random() < 0.5,
          prices,
          markets: marketsOf(prices),
          changedAt: 1,
        });
      }
    }
  }

  /** Every book's listings of one fixture that are still shown. */
  listingsOf(fixture: Fixture): Listing[] {
    const found: Listing[] = [];
    for (const list of this.listings.values())
      for (const listing of list)
        if (listing.fixture === fixture && listing.removedAt === undefined) found.push(listing);
    return found;
  }

  /** Listings a book shows now: not finished. */
  listed(book: BookId): Listing[] {
    return (this.listings.get(book) ?? []).filter((l) => l.removedAt === undefined);
  }

  /** The team names as the book shows them, in the book's order. */
  names(listing: Listing): { home: string; away: string; league: string } {
    const { fixture, book } = listing;
    const [home, away] = listing.swapped ? [fixture.away, fixture.home] : [fixture.home, fixture.away];
    return { home: spell(home, book), away: spell(away, book), league: fixture.league.spellings[book] };
  }

  inPlay(fixture: Fixture, now = this.clock.now()): boolean {
    return now >= fixture.kickoff && now < fixture.kickoff + MATCH_MS;
  }

  /** One engine step: in-play scores, a share of prices moving, planted arbitrage opening and closing. */
  tick(): void {
    const now = this.clock.now();
    const random = this.random;
    // The time that actually passed (a lagging ticker must not slow the match down),
    // capped so that a long pause does not play a whole match in one step.
    const minutes = Math.min(5, Math.max(0, now - this.lastTick) / 60_000);
    this.lastTick = now;
    for (const fixture of this.fixtures) {
      if (!this.inPlay(fixture, now)) continue;
      for (const side of [0, 1] as const) {
        if (random() < (fixture.lambda[side] / 90) * minutes) fixture.score[side] += 1;
      }
    }
    for (const list of this.listings.values()) {
      for (const listing of list) {
        if (listing.removedAt !== undefined) continue;
        for (const price of listing.prices) {
          // A book moves a few of its prices each second, not all of them.
          if (random() < 0.04) {
            price.drift = 0.95 * price.drift + (random() - 0.5) * 0.012;
            price.dirty = true;
          }
        }
      }
    }
    this.planter.step(this.options.arbRate * minutes);
    this.reprice(now);
  }

  /** Calls `watcher` after every repricing (the one place quotes change) with its time. */
  onReprice(watcher: (now: number) => void): void {
    this.repriced.push(watcher);
  }

  /** Recomputes fair prices (in play: for the time left and the score) and each book's quote; bumps versions. */
  private reprice(now: number): void {
    const bumped = new Set<BookId>();
    for (const [book, list] of this.listings) {
      const next = (this.versions.get(book) ?? 1) + 1;
      for (const listing of list) {
        if (listing.removedAt !== undefined) continue;
        const fixture = listing.fixture;
        if (now >= fixture.kickoff + MATCH_MS) {
          listing.removedAt = next;
          bumped.add(book);
          continue;
        }
        const fair = this.fairOf(fixture, listing.prices, now);
        const repriced = fair !== listing.fairSeen;
        listing.fairSeen = fair;
        let changed = false;
        for (const market of listing.markets) {
          if (!repriced && !market.some((price) => price.dirty === true)) continue;
          // The sides of a market are priced together: its overround stays in range.
          if (repriced) for (const price of market) price.fair = fairPrice(fair, price);
          const quotes = this.quotesOf(book, market, fair, undefined, !repriced);
          for (const [i, price] of market.entries()) {
            const quote = quotes[i] ?? price.quote;
            price.dirty = false;
            if (quote.native !== price.quote.native) changed = true;
            price.quote = quote;
          }
        }
        if (changed) {
          listing.changedAt = next;
          bumped.add(book);
        }
      }
      if (bumped.has(book)) this.versions.set(book, next);
    }
    for (const watcher of this.repriced) watcher(now);
  }

  /**
   * A book's quotes of one market's sides from a fair-odds map: its drifts, its margin,
   * the quotes plants hold (and, for a plant trying a move, `hold` beside them).
   */
  quotesOf(
    book: BookId,
    market: readonly Price[],
    fair: ReadonlyMap<string, number>,
    hold?: ReadonlyMap<Price, Quote>,
    /**
     * `fair` is what the market's prices already hold (their `fair` set): a side whose
     * drift did not move (`dirty` not set) keeps its quote.
     */
    sameFair = false,
  ): Quote[] {
    // The world's own repricing hands its prices over as they are (their fair set first).
    if (sameFair && !hold) return priceMarket(book, market);
    return priceMarket(
      book,
      market.map((price) => ({
        fair: fairPrice(fair, price),
        drift: price.drift,
        frozen: hold?.get(price) ?? price.frozen,
      })),
    );
  }

  /**
   * Fair odds of a fixture's markets: computed once before kickoff; in play, for the
   * time left and the score, again when the score changes or 10 s have passed.
   */
  private fairOf(fixture: Fixture, prices: readonly Price[], now: number): Map<string, number> {
    const playing = this.inPlay(fixture, now);
    const score = fixture.score.join('-');
    const kept = fixture.fair;
    // In play, every 10 s (and on a goal); fixtures are spread over the ten seconds.
    const stagger = (Number(fixture.id.slice(3)) % 10) * 1000;
    if (kept && (!playing || (kept.score === score && now - kept.at < 10_000))) return kept.odds;
    const odds = this.fairUnder(fixture, fixture.lambda, prices, now);
    // The first time, back-dated by the stagger: each fixture keeps its own phase after.
    fixture.fair = { at: kept ? now : now - stagger, score, odds };
    return odds;
  }

  /** Fair odds of `prices` if the sides' expected goals were `lambda` (a planted market move tries some). */
  fairUnder(
    fixture: Fixture,
    lambda: readonly [number, number],
    prices: readonly Price[],
    now: number,
  ): Map<string, number> {
    const playing = this.inPlay(fixture, now);
    const left = playing ? Math.max(0.02, 1 - (now - fixture.kickoff) / (90 * 60_000)) : 1;
    const odds = new Map<string, number>();
    for (const { market, side } of prices) {
      const scale = left * (market.period === 'ht' ? 0.45 : 1);
      const line =
        market.market === 'ah' && side === 'away' && market.line !== undefined ? -market.line : market.line;
      const fair = fairOdds(
        { market: market.market, side, line },
        poisson(lambda[0] * scale),
        poisson(lambda[1] * scale),
        fixture.score,
      );
      odds.set(priceKey({ market, side }), fair ?? 50);
    }
    return odds;
  }

  /** Planted arbitrages, open and closed. */
  arbs(): PlantedArb[] {
    return this.planter.planted;
  }
}

/** The markets every listing prices: 1x2, Asian handicap at two lines, a total; half-time 1x2. */
function marketsFor(fixture: Fixture): { market: MarketKey; side: Side }[] {
  const ah = quarter(fixture.lambda[1] - fixture.lambda[0]);
  const total = Math.max(0.5, quarter(fixture.lambda[0] + fixture.lambda[1]));
  const x12 = (period: Period) =>
    (['home', 'draw', 'away'] as const).map((side) => ({ market: { market: '1x2' as const, period }, side }));
  const two = (market: MarketKey, sides: readonly [Side, Side]) => sides.map((side) => ({ market, side }));
  return [
    ...x12('ft'),
    ...two({ market: 'ah', period: 'ft', line: ah }, ['home', 'away']),
    ...two({ market: 'ah', period: 'ft', line: ah - 0.25 }, ['home', 'away']),
    ...two({ market: 'ou', period: 'ft', line: total }, ['over', 'under']),
    ...x12('ht'),
  ];
}

function pickTwo(teams: readonly Team[], random: () => number): [Team, Team] {
  const a = Math.floor(random() * teams.length);
  let b = Math.floor(random() * (teams.length - 1));
  if (b >= a) b += 1;
  return [teams[a] as Team, teams[b] as Team];
}

function invent(
  pool: { league: League; teams: Team[] }[],
  random: () => number,
): { league: League; teams: Team[] } {
  const n = pool.length + 1;
  const name = `Invented League ${n.toString()}`;
  const league: League = {
    name,
    spellings: {
      csport: name.toUpperCase(),
      sbo: `Invented - League ${n.toString()}`,
      bmk: `Soccer - ${name}`,
      pin: name,
      ibc: name.toUpperCase(),
      cmd: name,
    },
    teams: Array.from({ length: 20 }, () => inventedTeam(random)),
  };
  const slot = { league, teams: league.teams };
  pool.push(slot);
  return slot;
}

/** Each book's own id style. */
function eventIdFor(book: BookId, seq: number, random: () => number): string {
  switch (book) {
    case 'csport':
      return String(40_000_000 + seq * 7);
    case 'sbo':
      return String(9_100_000 + seq * 13);
    case 'bmk':
      return `bmk-${seq.toString(36)}-${Math.floor(random() * 1296).toString(36)}`;
    case 'pin':
      return String(1_600_000_000 + seq * 3);
    case 'ibc':
      return String(47_000_000 + seq * 11);
    case 'cmd':
      return (5_200_000 + seq * 17).toString();
  }
}
