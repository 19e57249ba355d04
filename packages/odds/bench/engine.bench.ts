// Benchmark 2: ArbEngine quote updates/s and time per update over 10,000 events x
// 4 books x 20 selections with random-walk prices; beside it, in the same run, the
// naive way open-source finders work: store the batch, then rescan every event.
import { ArbEngine, fairOdds, poisson, solvePair } from '@arbhub/odds';
import type { EngineQuote } from '@arbhub/odds';
import { Group } from '../src/arb-group.js';
import type { Member } from '../src/arb-group.js';
import { gaussian, quantile, round, seeded, writeResult } from './util.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const UPDATES = Number(process.env.BENCH_UPDATES ?? 300_000);
const BOOKS = ['csport', 'sbo', 'bmk', 'pin'];
const MARGINS = [0.025, 0.035, 0.045, 0.055];
const random = seeded(2026);
const quarterRound = (x: number) => Math.round(x * 4) / 4;

type Sel = Pick<EngineQuote, 'market' | 'period' | 'line' | 'side'>;

/** The 20 selections a book prices for one event: 1x2, three ah lines, two totals; half-time too. */
function selectionsFor(lh: number, la: number): Sel[] {
  const ah = quarterRound(la - lh);
  const total = quarterRound(lh + la);
  const x12 = (period: 'ft' | 'ht'): Sel[] =>
    (['home', 'draw', 'away'] as const).map((side) => ({ market: '1x2', period, side }));
  const ahPair = (period: 'ft' | 'ht', line: number): Sel[] => [
    { market: 'ah', period, line, side: 'home' },
    { market: 'ah', period, line: -line || 0, side: 'away' },
  ];
  const ouPair = (period: 'ft' | 'ht', line: number): Sel[] => [
    { market: 'ou', period, line, side: 'over' },
    { market: 'ou', period, line, side: 'under' },
  ];
  return [
    ...x12('ft'),
    ...ahPair('ft', ah - 0.25),
    ...ahPair('ft', ah),
    ...ahPair('ft', ah + 0.25),
    ...ouPair('ft', total),
    ...ouPair('ft', total + 0.25),
    ...x12('ht'),
    ...ahPair('ht', quarterRound(ah / 2)),
    ...ouPair('ht', Math.max(0.5, quarterRound(total / 2))),
  ];
}

interface Priced {
  eventId: string;
  book: number;
  sel: Sel;
  fair: number;
  drift: number;
}

// ---- the market ---------------------------------------------------------------
const t0 = performance.now();
const priced: Priced[] = [];
for (let e = 0; e < EVENTS; e += 1) {
  const lh = 0.8 + random() * 1.2;
  const la = 0.6 + random() * 1.0;
  const ft = [poisson(lh), poisson(la)] as const;
  const ht = [poisson(lh * 0.45), poisson(la * 0.45)] as const;
  for (const sel of selectionsFor(lh, la)) {
    const [home, away] = sel.period === 'ft' ? ft : ht;
    const fair = fairOdds({ market: sel.market, side: sel.side, line: sel.line }, home, away) ?? 100;
    BOOKS.forEach((_, book) =>
      priced.push({ eventId: `ev${e}`, book, sel, fair, drift: gaussian(random) * 0.01 }),
    );
  }
}
const priceOf = (q: Priced) =>
  Math.max(1.01, Math.round((q.fair / (1 + (MARGINS[q.book] ?? 0))) * Math.exp(q.drift) * 100) / 100);
/** One step of a mean-reverting walk of the book's deviation from its fair price. */
const walk = (q: Priced) => (q.drift = 0.95 * q.drift + gaussian(random) * 0.005);
console.log(
  `market: ${EVENTS} events, ${priced.length} quotes, built in ${Math.round(performance.now() - t0)} ms`,
);

const clock = { t: 0, now: () => clock.t };
const quoteOf = (q: Priced): EngineQuote => ({
  book: BOOKS[q.book] ?? 'csport',
  bookEventId: `${q.eventId}-${q.book}`,
  ...q.sel,
  odds: priceOf(q),
  ts: clock.t,
});
const updates = Array.from({ length: UPDATES }, () => Math.floor(random() * priced.length));

// ---- ArbEngine: incremental ----------------------------------------------------
function runEngine() {
  const engine = new ArbEngine({ staleAfterMs: 60_000 }, { clock });
  const info = { home: 'Home', away: 'Away', league: 'Bench League', startTime: '2026-11-28T15:00:00Z' };
  const loadStart = performance.now();
  for (let i = 0; i < priced.length; i += 20) {
    const batch = priced.slice(i, i + 20);
    engine.upsert(batch[0]?.eventId ?? '', batch.map(quoteOf), info);
  }
  const loadMs = performance.now() - loadStart;
  // The price walk is generated first, so the timed loop measures the engine alone.
  const stream = Array.from({ length: UPDATES }, (_, i) => {
    const q = priced[updates[i] ?? 0]!;
    walk(q);
    clock.t += 0.02; // 50,000 updates per simulated second
    return { eventId: q.eventId, quote: quoteOf(q) };
  });
  clock.t = 0;
  const counts = { opened: 0, updated: 0, closed: 0 };
  const times = new Float64Array(UPDATES);
  const start = performance.now();
  for (let i = 0; i < UPDATES; i += 1) {
    const { eventId, quote } = stream[i] as { eventId: string; quote: EngineQuote };
    clock.t = quote.ts;
    const before = performance.now();
    const changes = engine.upsert(eventId, [quote]);
    times[i] = performance.now() - before;
    counts.opened += changes.opened.length;
    counts.updated += changes.updated.length;
    counts.closed += changes.closed.length;
  }
  const totalMs = performance.now() - start;
  const sorted = Array.from(times).sort((a, b) => a - b);
  const open = engine.openArbs();
  return {
    loadMs: Math.round(loadMs),
    updatesPerSecond: round((UPDATES / totalMs) * 1000),
    /** The same, counting only the time inside upsert() (without the loop and timers). */
    insideUpsertPerSecond: round((UPDATES / sorted.reduce((s, t) => s + t, 0)) * 1000),
    msPerUpdate: {
      p50: round(quantile(sorted, 0.5)),
      p99: round(quantile(sorted, 0.99)),
      p999: round(quantile(sorted, 0.999)),
      max: round(sorted.at(-1) ?? 0),
    },
    arbitrages: { ...counts, openAtEnd: open.length, openKinds: countKinds(open.map((a) => a.kind)) },
  };
}

function countKinds(kinds: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const kind of kinds) out[kind] = (out[kind] ?? 0) + 1;
  return out;
}

// ---- naive: store each batch, then rescan every event ----------------------------
function runNaive(batchSize: number, batches: number) {
  const groups = new Map<string, Group>();
  const members: { member: Member; group: Group }[] = [];
  priced.forEach((q, index) => {
    const key = `${q.eventId}|${q.sel.period}|${q.sel.market === 'ou' ? 'total' : 'margin'}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = new Group(key, q.sel.market === 'ou' ? 'total' : 'margin', [0, 0])));
    const quote = quoteOf(q);
    const member: Member = {
      key: String(index),
      selKey: `${q.sel.period}|${q.sel.market}|${q.sel.line ?? ''}|${q.sel.side}`,
      quote,
      settle: { market: quote.market, side: quote.side, line: quote.line, odds: quote.odds },
      win: quote.odds,
      payoff: [],
    };
    group.put(member);
    members.push({ member, group });
  });
  const rescan = (): number => {
    let found = 0;
    for (const group of groups.values()) {
      const list = group.members;
      for (let i = 0; i < list.length; i += 1) {
        const a = list[i]!.payoff;
        for (let j = i + 1; j < list.length; j += 1) {
          const b = list[j]!.payoff;
          let covered = true;
          for (let o = 0; o < a.length && covered; o += 1) covered = (a[o] ?? 0) > 1 || (b[o] ?? 0) > 1;
          if (covered && solvePair(a, b).z > 1 + 1e-9) found += 1;
        }
      }
      for (const period of ['ft', 'ht']) {
        for (const h of group.bySelection.get(`${period}|1x2||home`) ?? []) {
          for (const d of group.bySelection.get(`${period}|1x2||draw`) ?? []) {
            for (const a of group.bySelection.get(`${period}|1x2||away`) ?? []) {
              if (1 / h.win + 1 / d.win + 1 / a.win < 1) found += 1;
            }
          }
        }
      }
    }
    return found;
  };
  const rescanTimes: number[] = [];
  let found = 0;
  const start = performance.now();
  for (let batch = 0; batch < batches; batch += 1) {
    for (let i = 0; i < batchSize; i += 1) {
      const index = updates[(batch * batchSize + i) % UPDATES] ?? 0;
      const q = priced[index]!;
      walk(q);
      const { member, group } = members[index] as { member: Member; group: Group };
      const odds = priceOf(q);
      group.put({
        ...member,
        settle: { ...member.settle, odds },
        win: odds,
        quote: { ...member.quote, odds },
      });
    }
    const rescanStart = performance.now();
    found = rescan();
    rescanTimes.push(performance.now() - rescanStart);
  }
  const totalMs = performance.now() - start;
  return {
    batchSize,
    batches,
    updatesPerSecond: round(((batchSize * batches) / totalMs) * 1000),
    msPerRescan: round(rescanTimes.reduce((s, t) => s + t, 0) / rescanTimes.length),
    arbitragesAtLastRescan: found,
  };
}

const engine = runEngine();
console.log('ArbEngine (incremental):', JSON.stringify(engine));
const naive = runNaive(1000, 3);
console.log('naive (rescan every event after each batch):', JSON.stringify(naive));
const ratio = round(engine.updatesPerSecond / naive.updatesPerSecond);
console.log(`incremental / naive updates per second: ${ratio}x`);

writeResult('odds-engine', {
  what: 'ArbEngine quote updates over events x books x selections with random-walk prices (one core)',
  events: EVENTS,
  books: BOOKS.length,
  selectionsPerBook: 20,
  quotes: priced.length,
  updates: UPDATES,
  engine,
  naive,
  incrementalOverNaive: ratio,
  targets: { updatesPerSecond: 50_000, p99Ms: 1 },
});
