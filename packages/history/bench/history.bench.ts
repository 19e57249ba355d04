// Benchmark of the history database, SQLite and PostgreSQL (a server the bench starts,
// as the tests do): the write rate the batched writer sustains, and the API's queries
// over 30 days of simulated history (BENCH_ARBS_PER_DAY arbitrage a day, each with its
// open, an update and its close, its pairs, and 8 price points).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Arb } from '@arbhub/schema';
import { HistoryStore, HistoryWriter, arbsCsv, openHistoryDb } from '@arbhub/history';
import type { HistoryDb } from '@arbhub/history';
import { startPostgresServer } from '@arbhub/history/testing';
import { quantile, round, writeResult } from '../../../bench/util.js';

const PER_DAY = Number(process.env.BENCH_ARBS_PER_DAY ?? 3000);
const DAYS = 30;
const BOOKS = ['csport', 'sbo', 'bmk', 'pin', 'ibc', 'cmd'];
const END = Date.parse('2026-12-01T00:00:00Z');
const START = END - DAYS * 86_400_000;
const now = () => performance.now();

function arb(i: number, openedAt: number): Arb {
  const a = BOOKS[i % BOOKS.length] ?? 'pin';
  const b = BOOKS[(i + 1 + (i % 4)) % BOOKS.length] ?? 'sbo';
  const profit = 0.3 + (i % 40) / 10;
  return {
    id: `arb-bench-${i.toString(36)}`,
    eventId: `ev-${String(i % 5000)}`,
    event: {
      home: `Home ${String(i % 5000)}`,
      away: `Away ${String(i % 5000)}`,
      league: 'Bench League',
      startTime: new Date(openedAt + 3_600_000).toISOString(),
      sport: i % 3 === 0 ? 'basketball' : 'soccer',
      inPlay: i % 2 === 0,
    },
    period: 'ft',
    kind: 'pair',
    returnRatio: 1 + profit / 100,
    profitPct: profit,
    legs: [
      {
        book: a,
        eventId: `${a}-${String(i)}`,
        market: 'ah',
        line: -0.25,
        side: 'home',
        odds: 2.05,
        stakeFraction: 0.49,
        maxStake: null,
      },
      {
        book: b,
        eventId: `${b}-${String(i)}`,
        market: 'ah',
        line: 0.25,
        side: 'away',
        odds: 1.99,
        stakeFraction: 0.51,
        maxStake: null,
      },
    ],
    openedAt,
    updatedAt: openedAt,
    flags: [],
  };
}

/** Writes `count` arbitrage from `from` on, spread over `span` ms, through the writer; returns rows and seconds. */
async function fill(writer: HistoryWriter, first: number, count: number, from: number, span: number) {
  const t0 = now();
  let rows = 0;
  for (let k = 0; k < count; k += 1) {
    const i = first + k;
    const openedAt = from + Math.floor((k * span) / count);
    const a = arb(i, openedAt);
    writer.opened(a, a.legs[i % 2]?.book ?? null);
    for (let p = 0; p < 8; p += 1) {
      const leg = a.legs[p % 2];
      if (leg)
        writer.price({
          book: leg.book,
          eventId: leg.eventId,
          market: 'ah',
          period: 'ft',
          line: leg.line,
          side: leg.side,
          odds: 1.9 + p / 50,
          ts: openedAt - 600_000 + p * 75_000,
        });
    }
    writer.updated({ ...a, profitPct: a.profitPct + 0.1, updatedAt: openedAt + 500 });
    writer.closed(a, 'odds_moved', openedAt + 1000 + (i % 600) * 1000);
    rows += 1 + 3 + 1 + 8; // the arbitrage, its 3 changes, its pair, 8 prices
    // A batch the size the hub's 500 ms flush would hold at a busy moment.
    if (writer.buffered >= 5000) await writer.flush();
  }
  await writer.flush();
  return { rows, seconds: (now() - t0) / 1000 };
}

async function timed<T>(runs: number, work: () => Promise<T>): Promise<{ p50: number; max: number }> {
  const times: number[] = [];
  for (let r = 0; r < runs; r += 1) {
    const t0 = now();
    await work();
    times.push(now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: round(quantile(times, 0.5)), max: round(times.at(-1) ?? 0) };
}

async function measure(handle: HistoryDb) {
  const store = new HistoryStore(handle);
  await handle.migrate();
  const writer = new HistoryWriter(store, { maxBuffered: 1_000_000 });
  // The sustained write rate, on an empty database, then the 30 days.
  const sustained = await fill(writer, 0, 20_000, START, 86_400_000);
  const total = PER_DAY * DAYS;
  const fillAll = await fill(writer, 20_000, total - 20_000, START, DAYS * 86_400_000);
  const lastDay = { from: END - 86_400_000, to: END };
  let cursor: string | undefined;
  const page = await store.listArbs({ limit: 100 });
  const deep = await (async () => {
    cursor = page.nextCursor ?? undefined;
    for (let i = 0; i < 50 && cursor; i += 1)
      cursor = (await store.listArbs({ limit: 100, cursor })).nextCursor ?? undefined;
    return cursor;
  })();
  const one = page.items[0]?.id ?? '';
  const queries = {
    listNewest100: await timed(20, () => store.listArbs({ limit: 100 })),
    listBookSportProfit: await timed(20, () =>
      store.listArbs({ book: 'ibc', sport: 'soccer', minProfit: 3, limit: 100 }),
    ),
    listPage50Deep: await timed(20, () => store.listArbs({ limit: 100, ...(deep ? { cursor: deep } : {}) })),
    listLastDay: await timed(20, () => store.listArbs({ ...lastDay, limit: 100 })),
    oneArbWithPrices: await timed(20, () => store.getArb(one)),
    statsLastDay: await timed(5, () => store.stats(lastDay.from, lastDay.to)),
    stats30Days: await timed(3, () => store.stats(START, END)),
    csvLastDay: await timed(3, async () => {
      let bytes = 0;
      for await (const chunk of arbsCsv(store, lastDay)) bytes += String(chunk).length;
      return bytes;
    }),
  };
  const t0 = now();
  const gone = await store.deleteBefore(START + 86_400_000);
  const retention = { deletedArbs: gone.arbs, deletedPrices: gone.prices, ms: round(now() - t0) };
  await writer.close();
  return {
    writeRowsPerSecond: {
      emptyDatabase: round(sustained.rows / sustained.seconds),
      filling30Days: round(fillAll.rows / fillAll.seconds),
    },
    arbs: total,
    rows: sustained.rows + fillAll.rows,
    fillSeconds: round(sustained.seconds + fillAll.seconds),
    queriesMs: queries,
    retentionOneDay: retention,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'arbhub-history-bench-'));
const sqlite = await measure(openHistoryDb({ dataDir: dir }));
rmSync(dir, { recursive: true, force: true });
const pgServer = await startPostgresServer('arbhub_bench');
const postgres = await measure(openHistoryDb({ databaseUrl: pgServer.url }));
await pgServer.destroy();
console.log(
  JSON.stringify(
    writeResult('history', {
      what: `the history database: rows/s the batched writer sustains, and API query times over ${String(DAYS)} days of ${String(PER_DAY)} arbitrage a day (each with 3 changes, a pair and 8 prices)`,
      sqlite,
      postgres,
    }),
    null,
    2,
  ),
);
