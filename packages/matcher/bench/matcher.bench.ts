// Benchmark: 10,000 fixtures x 4 books clustered from scratch (clusterListings),
// incremental adds/s (EventMatcher), and beside them, in the same run, scoring all
// pairs of listings: the rate is measured on a sample and the full time projected
// (all 800 million pairs of 40,000 listings would take many minutes).
import { seededRandom } from '@arbhub/odds';
import type { Listing } from '@arbhub/schema';
import { AliasTable, EventMatcher, clusterListings, prepare, scorePair } from '@arbhub/matcher';
import { round, writeResult } from '../../../bench/util.js';

const FIXTURES = Number(process.env.BENCH_FIXTURES ?? 10_000);
const BOOKS = ['csport', 'sbo', 'bmk', 'pin'];
const SAMPLE = 2_000;
const random = seededRandom(404);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

// Invented club names: a place made of syllables, and often a suffix.
const SYLLABLES = [
  'var',
  'kel',
  'bro',
  'ost',
  'mar',
  'den',
  'tal',
  'vik',
  'sor',
  'lin',
  'gar',
  'hol',
  'ber',
  'wen',
  'rud',
  'pol',
  'nor',
  'cas',
  'tor',
  'ley',
  'ham',
  'ford',
  'ton',
  'by',
  'ville',
  'burg',
  'stad',
  'mund',
];
const SUFFIXES = ['', '', 'United', 'City', 'Rovers', 'Athletic', 'Town', 'Wanderers', 'Albion', 'County'];
function teamName(): string {
  const place = Array.from({ length: 2 + Math.floor(random() * 2) }, () => pick(SYLLABLES)).join('');
  const suffix = pick(SUFFIXES);
  return `${place[0]?.toUpperCase() ?? ''}${place.slice(1)}${suffix ? ` ${suffix}` : ''}`;
}

/** How each book writes a name. */
const STYLES: ((name: string) => string)[] = [
  (name) => name.toUpperCase(),
  (name) => `${name.replace('United', 'Utd')} FC`,
  (name) =>
    random() < 0.5 ? name.replace(/ (United|City|Rovers|Athletic|Town|Wanderers|Albion|County)$/, '') : name,
  (name) => (random() < 0.3 ? `FC ${name}` : name),
];

const teams = Array.from({ length: FIXTURES * 2 }, teamName);
const base = Date.parse('2026-11-28T00:00:00Z');
const listings: Listing[] = [];
const truth: string[] = [];
for (let f = 0; f < FIXTURES; f += 1) {
  // Most fixtures at the weekend's usual slots, so many share a kickoff.
  const day = Math.floor(random() * 7);
  const slot = random() < 0.7 ? pick([12, 14, 15, 17, 19, 20]) * 4 : Math.floor(random() * 96);
  const kickoff = base + day * 86_400_000 + slot * 900_000;
  const [home, away] = [teams[2 * f] ?? 'Home', teams[2 * f + 1] ?? 'Away'];
  BOOKS.forEach((book, b) => {
    const style = STYLES[b] ?? ((n: string) => n);
    listings.push({
      book,
      eventId: `${book}-${f}`,
      sport: 'soccer',
      league: `League ${f % 40}`,
      home: style(home),
      away: style(away),
      startTime: new Date(kickoff + Math.round((random() - 0.5) * 10) * 60_000).toISOString(),
    });
    truth.push(String(f));
  });
}

const aliases = () => new AliasTable();

// ---- from scratch ----------------------------------------------------------------
const scratchStart = performance.now();
const clusters = clusterListings(listings, { aliases: aliases() });
const scratchMs = performance.now() - scratchStart;

// ---- incremental -----------------------------------------------------------------
const matcher = new EventMatcher({ aliases: aliases() });
const addStart = performance.now();
for (const listing of listings) matcher.add(listing);
const addMs = performance.now() - addStart;

// ---- all pairs, on a sample ---------------------------------------------------------
const table = aliases();
const sample = listings
  .filter((_, i) => i % Math.floor(listings.length / SAMPLE) === 0)
  .slice(0, SAMPLE)
  .map((l) => prepare(l, table));
const options = { windowMs: 30 * 60_000, aliases: table, threshold: 0.8 };
let pairs = 0;
const pairStart = performance.now();
for (let i = 0; i < sample.length; i += 1) {
  for (let j = i + 1; j < sample.length; j += 1) {
    scorePair(sample[i] as (typeof sample)[number], sample[j] as (typeof sample)[number], options);
    pairs += 1;
  }
}
const pairMs = performance.now() - pairStart;
const pairsPerSecond = (pairs / pairMs) * 1000;
const allPairs = (listings.length * (listings.length - 1)) / 2;
const projectedAllPairsMs = (allPairs / pairsPerSecond) * 1000;

// ---- quality on this synthetic set ---------------------------------------------------
const clusterOf = new Map<string, number>();
clusters.forEach((c, i) => {
  c.members.forEach((m) => clusterOf.set(`${m.book}|${m.eventId}`, i));
});
let tp = 0;
let fp = 0;
let fn = 0;
const byFixture = new Map<string, string[]>();
listings.forEach((l, i) =>
  byFixture.set(truth[i] ?? '', [...(byFixture.get(truth[i] ?? '') ?? []), `${l.book}|${l.eventId}`]),
);
for (const members of byFixture.values()) {
  for (let i = 0; i < members.length; i += 1) {
    for (let j = i + 1; j < members.length; j += 1) {
      if (clusterOf.get(members[i] ?? '') === clusterOf.get(members[j] ?? '')) tp += 1;
      else fn += 1;
    }
  }
}
for (const cluster of clusters) {
  const fixtures = cluster.members.map((m) => m.eventId.split('-')[1]);
  for (let i = 0; i < fixtures.length; i += 1)
    for (let j = i + 1; j < fixtures.length; j += 1) if (fixtures[i] !== fixtures[j]) fp += 1;
}

const result = {
  what: 'clusterListings from scratch, EventMatcher adds/s, all-pairs scoring (one core)',
  fixtures: FIXTURES,
  books: BOOKS.length,
  listings: listings.length,
  fromScratchMs: Math.round(scratchMs),
  incrementalAddsPerSecond: round((listings.length / addMs) * 1000),
  allPairs: {
    sampleListings: sample.length,
    pairsScored: pairs,
    pairsPerSecond: round(pairsPerSecond),
    projectedMsForAllListings: Math.round(projectedAllPairsMs),
  },
  fromScratchOverAllPairs: round(projectedAllPairsMs / scratchMs),
  syntheticQuality: {
    precision: round(tp / (tp + fp)),
    recall: round(tp / (tp + fn)),
    clusters: clusters.length,
  },
  targets: { fromScratchMs: 2000, incrementalAddsPerSecond: 20_000 },
};
console.log(JSON.stringify(writeResult('matcher', result), null, 2));
