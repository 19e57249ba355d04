// The history against both databases it runs on, through the same suite: a SQLite file
// and a real PostgreSQL server started for the tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Arb } from '@arbhub/schema';
import { startPostgresServer } from '@arbhub/history/testing';
import type { PostgresServer } from '@arbhub/history/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openHistoryDb } from '@arbhub/history';
import type { HistoryDb } from '@arbhub/history';
import { ArbRecorder } from '@arbhub/history';
import { arbsCsv } from '@arbhub/history';
import { CursorError, HistoryStore } from '@arbhub/history';
import { HistoryWriter, threadSink } from '@arbhub/history';

const T0 = Date.parse('2026-12-01T12:00:00Z');
const MIN = 60_000;

function arb(id: string, openedAt: number, over: Partial<Arb> = {}): Arb {
  return {
    id,
    eventId: `ev-${id}`,
    event: {
      home: 'Manchester United',
      away: 'Chelsea',
      league: 'Premier League',
      startTime: '2026-12-01T15:00:00.000Z',
      sport: 'soccer',
      inPlay: false,
    },
    period: 'ft',
    kind: 'pair',
    returnRatio: 1.012,
    profitPct: 1.2,
    legs: [
      {
        book: 'sbo',
        eventId: 's-1',
        market: 'ah',
        line: -0.25,
        side: 'home',
        odds: 2.05,
        stakeFraction: 0.49,
        maxStake: null,
      },
      {
        book: 'pin',
        eventId: 'p-1',
        market: 'ah',
        line: 0.25,
        side: 'away',
        odds: 1.98,
        stakeFraction: 0.51,
        maxStake: 500,
      },
    ],
    openedAt,
    updatedAt: openedAt,
    flags: [],
    ...over,
  };
}

const quote = (book: string, bookEventId: string, line: number, side: string, odds: number, ts: number) => ({
  book,
  bookEventId,
  market: 'ah',
  period: 'ft',
  line,
  side,
  odds,
  ts,
});

let pgServer: PostgresServer;
const dirs: string[] = [];

beforeAll(async () => {
  pgServer = await startPostgresServer();
});
afterAll(async () => {
  await pgServer.destroy();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const DATABASES = [
  {
    name: 'SQLite',
    /** A new database, or (again) the last one. */
    open: (again = false): HistoryDb => {
      if (!again || dirs.length === 0) dirs.push(mkdtempSync(join(tmpdir(), 'arbhub-history-')));
      return openHistoryDb({ dataDir: dirs.at(-1) });
    },
  },
  {
    name: 'PostgreSQL',
    open: (_again = false): HistoryDb => openHistoryDb({ databaseUrl: pgServer.url }),
  },
];

describe.each(DATABASES)('history in $name', ({ name, open }) => {
  let handle: HistoryDb;
  let store: HistoryStore;

  beforeEach(async () => {
    handle = open();
    store = new HistoryStore(handle);
    await handle.migrate();
    // The PostgreSQL database is shared by the tests: start each one empty.
    for (const table of ['arbs', 'arb_events', 'arb_pairs', 'prices'] as const)
      await handle.db.deleteFrom(table).execute();
    return () => handle.close();
  });

  it("forgets quotes unchanged for 10 minutes by the writer's clock, never one an open arbitrage watches", () => {
    const clock = { t: T0, now: () => clock.t };
    const recorder = new ArbRecorder(new HistoryWriter(store, { clock }));
    recorder.quotes([
      quote('sbo', 's-1', -0.25, 'home', 1.9, T0),
      quote('pin', 'p-1', 0.25, 'away', 1.9, T0),
      quote('bmk', 'b-1', 0.25, 'away', 1.8, T0),
    ]);
    recorder.changes({ opened: [arb('arb-w', T0)], updated: [], closed: [] });
    expect(recorder.tape.size).toBe(3);
    clock.t = T0 + 5 * MIN; // within the window: kept
    recorder.changes({ opened: [], updated: [], closed: [] });
    expect(recorder.tape.size).toBe(3);
    clock.t = T0 + 11 * MIN; // bmk's quote is forgotten; the open arbitrage's legs are not
    recorder.changes({ opened: [], updated: [], closed: [] });
    expect(recorder.tape.size).toBe(2);
  });

  it('migrates idempotently and records an open, its updates and its close with the prices around it', async () => {
    await handle.migrate(); // a second time: nothing to do
    const writer = new HistoryWriter(store);
    const recorder = new ArbRecorder(writer);
    // 15 and 5 minutes before: pin's price moves; sbo's last moved 20 minutes before (it lags).
    recorder.quotes([
      quote('sbo', 's-1', -0.25, 'home', 1.9, T0 - 20 * MIN),
      quote('pin', 'p-1', 0.25, 'away', 1.9, T0 - 15 * MIN),
    ]);
    recorder.quotes([quote('pin', 'p-1', 0.25, 'away', 1.95, T0 - 5 * MIN)]);
    recorder.quotes([quote('sbo', 's-1', -0.25, 'home', 2.05, T0 - 11 * MIN)]);
    recorder.quotes([quote('pin', 'p-1', 0.25, 'away', 1.98, T0)]);
    const opened = arb('arb-a', T0);
    recorder.changes({ opened: [opened], updated: [], closed: [] });
    // Unchanged prices are not points; a change while open is.
    recorder.quotes([quote('pin', 'p-1', 0.25, 'away', 1.98, T0 + 500)]);
    recorder.quotes([quote('pin', 'p-1', 0.25, 'away', 2.01, T0 + 1000)]);
    const better = arb('arb-a', T0, { profitPct: 2.1, updatedAt: T0 + 1000, flags: ['outlier'] });
    recorder.changes({ opened: [], updated: [better], closed: [] });
    recorder.quotes([quote('sbo', 's-1', -0.25, 'home', 1.9, T0 + 3000)]);
    recorder.changes({
      opened: [],
      updated: [],
      closed: [{ arb: better, reason: 'odds_moved', closedAt: T0 + 3000 }],
    });
    // After the close the quote is no longer watched.
    recorder.quotes([quote('sbo', 's-1', -0.25, 'home', 1.8, T0 + 9000)]);
    await writer.flush();
    expect(writer.status()).toMatchObject({
      state: 'up',
      buffered: 0,
      dropped: 0,
      dialect: name === 'SQLite' ? 'sqlite' : 'postgres',
    });

    const got = await store.getArb('arb-a');
    expect(got).toMatchObject({
      id: 'arb-a',
      books: ['pin', 'sbo'],
      profitPct: 2.1,
      maxProfitPct: 2.1,
      flags: ['outlier'],
      openedAt: T0,
      closedAt: T0 + 3000,
      lifetimeMs: 3000,
      closeReason: 'odds_moved',
      updates: 1,
      lagBook: 'sbo',
      event: { home: 'Manchester United', sport: 'soccer', inPlay: false },
    });
    expect(got?.changes.map((c) => [c.change, c.profitPct, c.reason])).toEqual([
      ['open', 1.2, null],
      ['update', 2.1, null],
      ['close', 2.1, 'odds_moved'],
    ]);
    const series = (book: string) =>
      got?.prices.filter((p) => p.book === book).map((p) => [p.odds, p.ts - T0]);
    // pin: the price in force 10 minutes before (set 15 before) at the window's start, then each change.
    expect(series('pin')).toEqual([
      [1.9, -10 * MIN],
      [1.95, -5 * MIN],
      [1.98, 0],
      [2.01, 1000],
    ]);
    expect(series('sbo')).toEqual([
      [2.05, -10 * MIN],
      [1.9, 3000],
    ]);
    expect(got?.prices.find((p) => p.book === 'pin')).toMatchObject({
      market: 'ah',
      period: 'ft',
      side: 'away',
      line: 0.25,
      eventId: 'p-1',
    });
    expect(await store.getArb('nope')).toBeUndefined();
  });

  it('an arbitrage taken over by a second recorder (another scale-out engine) keeps its opening, its best figure and its lagging book', async () => {
    // The first engine opens it at 3.1% (sbo lags) and updates it once, then dies.
    const first = new HistoryWriter(store);
    const engineA = new ArbRecorder(first);
    engineA.quotes([
      quote('sbo', 's-1', -0.25, 'home', 2.05, T0 - 20 * MIN),
      quote('pin', 'p-1', 0.25, 'away', 1.98, T0 - MIN),
    ]);
    engineA.changes({ opened: [arb('arb-t', T0, { profitPct: 3.1 })], updated: [], closed: [] });
    engineA.updated(arb('arb-t', T0, { profitPct: 2.9, updatedAt: T0 + 1000 }));
    await first.flush();
    // The second rebuilt the shard (its tape from the replayed quotes; the opening itself no
    // longer retained, so its own arbitrage opened later) and is told the arbitrage's third
    // update: it adopts it, and watches its legs from then on.
    const second = new HistoryWriter(store);
    const engineB = new ArbRecorder(second);
    engineB.quotes([quote('pin', 'p-1', 0.25, 'away', 1.98, T0 - MIN)]);
    const rebuilt = arb('arb-t', T0 + 15_000, { profitPct: 1.5, updatedAt: T0 + 20_000 });
    engineB.updated(rebuilt, 3);
    engineB.quotes([quote('pin', 'p-1', 0.25, 'away', 1.96, T0 + 21_000)]);
    engineB.quotes([quote('bmk', 'b-1', 0.25, 'away', 1.7, T0 + 21_000)]); // no leg of it: not written
    engineB.closed(rebuilt, 'odds_moved', T0 + 22_000);
    await second.flush();

    const got = await store.getArb('arb-t');
    expect(got).toMatchObject({
      profitPct: 1.5,
      maxProfitPct: 3.1,
      lagBook: 'sbo',
      openedAt: T0,
      updates: 3,
      closedAt: T0 + 22_000,
      lifetimeMs: 22_000,
      closeReason: 'odds_moved',
    });
    expect(got?.changes.map((c) => [c.change, c.profitPct])).toEqual([
      ['open', 3.1],
      ['update', 2.9],
      ['update', 1.5],
      ['close', 1.5],
    ]);
    expect(got?.prices.filter((p) => p.book === 'pin').map((p) => [p.odds, p.ts - T0])).toEqual([
      [1.98, -MIN],
      [1.96, 21_000],
    ]);
    expect(got?.prices.some((p) => p.book === 'bmk')).toBe(false);
    // Its pair's statistics keep the best figure too.
    const pair = await handle.db.selectFrom('arb_pairs').selectAll().where('arb_id', '=', 'arb-t').execute();
    expect(pair.map((row) => [row.pair, row.profit_pct, row.lifetime_ms])).toEqual([
      ['pin|sbo', 3.1, 22_000],
    ]);
  });

  it('writes a shared quote once for two open arbitrages, each seeing it in its series', async () => {
    const writer = new HistoryWriter(store);
    const recorder = new ArbRecorder(writer);
    recorder.quotes([
      quote('sbo', 's-1', -0.25, 'home', 2.05, T0 - MIN),
      quote('pin', 'p-1', 0.25, 'away', 1.98, T0 - 2 * MIN),
    ]);
    const a = arb('arb-1', T0);
    const b = arb('arb-2', T0 + 100, { kind: 'pair' });
    recorder.changes({ opened: [a, b], updated: [], closed: [] });
    recorder.quotes([quote('sbo', 's-1', -0.25, 'home', 2.07, T0 + 200)]);
    await writer.flush();
    const rows = await handle.db.selectFrom('prices').select(['book', 'odds']).orderBy('seq').execute();
    expect(rows).toEqual([
      { book: 'sbo', odds: 2.05 },
      { book: 'pin', odds: 1.98 },
      { book: 'sbo', odds: 2.07 },
    ]);
    expect((await store.getArb('arb-2'))?.prices.map((p) => p.odds)).toEqual([1.98, 2.05, 2.07]);
    // Open ones are listed too, without a close.
    const page = await store.listArbs({});
    expect(page.items.map((i) => [i.id, i.closedAt])).toEqual([
      ['arb-2', null],
      ['arb-1', null],
    ]);
  });

  it('lists by time, book, sport and profit, a page at a time with a cursor, and exports CSV', async () => {
    const writer = new HistoryWriter(store);
    for (let i = 0; i < 25; i += 1) {
      const books = i % 2 === 0 ? ['sbo', 'pin'] : ['ibc', 'cmd'];
      const a = arb(`arb-${String(i).padStart(2, '0')}`, T0 + i * MIN, {
        profitPct: 0.5 + i * 0.1,
        event: {
          ...arb('x', 0).event,
          sport: i % 5 === 0 ? 'basketball' : 'soccer',
          home: i === 3 ? '=HYPERLINK("x")' : 'Arsenal',
        },
        legs: arb('x', 0).legs.map((leg, k) => ({ ...leg, book: books[k] ?? leg.book })),
      });
      writer.opened(a, null);
      writer.closed(a, 'odds_moved', a.openedAt + 1000 * (i + 1));
    }
    await writer.flush();
    const all = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await store.listArbs({ limit: 10, cursor });
      all.push(...page.items.map((i) => i.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(all).toHaveLength(25);
    expect(all[0]).toBe('arb-24');
    expect(new Set(all).size).toBe(25);
    const ids = async (q: Parameters<HistoryStore['listArbs']>[0]) =>
      (await store.listArbs(q)).items.map((i) => i.id);
    expect(await ids({ from: T0 + 20 * MIN })).toEqual(['arb-24', 'arb-23', 'arb-22', 'arb-21', 'arb-20']);
    expect(await ids({ from: T0, to: T0 + 3 * MIN })).toEqual(['arb-02', 'arb-01', 'arb-00']);
    expect(await ids({ book: 'cmd', to: T0 + 6 * MIN })).toEqual(['arb-05', 'arb-03', 'arb-01']);
    expect(await ids({ sport: 'basketball' })).toEqual(['arb-20', 'arb-15', 'arb-10', 'arb-05', 'arb-00']);
    expect(await ids({ minProfit: 2.6 })).toEqual(['arb-24', 'arb-23', 'arb-22', 'arb-21']);
    await expect(store.listArbs({ cursor: 'garbage' })).rejects.toBeInstanceOf(CursorError);

    let text = '';
    for await (const chunk of arbsCsv(store, { book: 'cmd' })) text += String(chunk);
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe(
      'id,opened_at,closed_at,lifetime_ms,close_reason,sport,league,home,away,period,kind,books,profit_pct,max_profit_pct,flags,lag_book,legs',
    );
    expect(lines).toHaveLength(13);
    // A formula in a name is escaped, never run by a spreadsheet.
    const row3 = lines.find((l) => l.startsWith('arb-03,'));
    expect(row3).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row3).toContain('cmd ah 0.25 away @ 1.98');
  });

  it('gives per pair of books the count, median and p90 lifetime, median profit, per book the lagging share, histograms and an hourly count', async () => {
    const writer = new HistoryWriter(store);
    const three = (a: Arb) => ({
      ...a,
      kind: 'triple' as const,
      legs: [
        ...a.legs,
        {
          ...a.legs[0]!,
          book: 'ibc',
          eventId: 'i-1',
          market: '1x2' as const,
          line: null,
          side: 'draw' as const,
        },
      ],
    });
    // sbo|pin: lifetimes 1..10 s, profits 1.0..1.9; one triple sbo|pin|ibc of 60 s; one still open.
    for (let i = 1; i <= 10; i += 1) {
      const a = arb(`p${String(i)}`, T0 + i * 1000, { profitPct: 0.9 + i * 0.1 });
      writer.opened(a, i <= 7 ? 'sbo' : 'pin');
      writer.closed(a, 'odds_moved', a.openedAt + i * 1000);
    }
    const t = three(arb('t1', T0 + 2 * 3_600_000, { profitPct: 4 }));
    writer.opened(t, 'ibc');
    writer.closed(t, 'stale', t.openedAt + 60_000);
    writer.opened(arb('o1', T0 + 2 * 3_600_000 + 5), null);
    await writer.flush();
    const stats = await store.stats(T0, T0 + 86_400_000);
    expect(stats.pairs[0]).toEqual({
      books: ['pin', 'sbo'],
      count: 12,
      closed: 11,
      medianLifetimeMs: 6000,
      p90LifetimeMs: 10_000,
      medianProfitPct: 1.5,
    });
    expect(stats.pairs.slice(1)).toEqual([
      {
        books: ['ibc', 'pin'],
        count: 1,
        closed: 1,
        medianLifetimeMs: 60_000,
        p90LifetimeMs: 60_000,
        medianProfitPct: 4,
      },
      {
        books: ['ibc', 'sbo'],
        count: 1,
        closed: 1,
        medianLifetimeMs: 60_000,
        p90LifetimeMs: 60_000,
        medianProfitPct: 4,
      },
    ]);
    expect(stats.books).toEqual([
      { book: 'pin', arbs: 12, lagging: 3, laggingShare: 0.25 },
      { book: 'sbo', arbs: 12, lagging: 7, laggingShare: 7 / 12 },
      { book: 'ibc', arbs: 1, lagging: 1, laggingShare: 1 },
    ]);
    const lifetimes = stats.histograms.lifetimeMs;
    expect(lifetimes.find((b) => b.from === 1000)?.count).toBe(1);
    expect(lifetimes.find((b) => b.from === 5000)?.count).toBe(5); // 5..9 s
    expect(lifetimes.find((b) => b.from === 10_000)?.count).toBe(1);
    expect(lifetimes.find((b) => b.from === 60_000)?.count).toBe(1);
    expect(lifetimes.reduce((s, b) => s + b.count, 0)).toBe(11);
    expect(stats.histograms.profitPct.reduce((s, b) => s + b.count, 0)).toBe(12);
    expect(stats.perHour).toEqual([
      { hour: T0, count: 10 },
      { hour: T0 + 2 * 3_600_000, count: 2 },
    ]);
    const none = await store.stats(0, 1);
    expect(none).toMatchObject({ pairs: [], books: [], perHour: [] });
  });

  it('deletes what is older than the retention in batches, open arbitrage kept', async () => {
    const writer = new HistoryWriter(store);
    const recorder = new ArbRecorder(writer);
    for (let i = 0; i < 30; i += 1) {
      const a = arb(`old-${String(i)}`, T0 - 40 * 86_400_000 + i);
      writer.opened(a, null);
      writer.closed(a, 'stale', a.openedAt + 5);
    }
    writer.opened(arb('still-open', T0 - 40 * 86_400_000), null);
    writer.opened(arb('new', T0), null);
    for (let i = 0; i < 25; i += 1)
      writer.price({
        book: 'sbo',
        eventId: 's',
        market: 'ah',
        period: 'ft',
        line: 0,
        side: 'home',
        odds: 2 + i / 100,
        ts: T0 - 40 * 86_400_000 + i,
      });
    recorder.quotes([]);
    await writer.flush();
    const gone = await store.deleteBefore(T0 - 30 * 86_400_000, 7);
    expect(gone).toEqual({ arbs: 30, prices: 25 });
    expect((await store.listArbs({})).items.map((i) => i.id).sort()).toEqual(['new', 'still-open']);
    expect(
      await handle.db.selectFrom('arb_events').select('arb_id').where('arb_id', 'like', 'old-%').execute(),
    ).toEqual([]);
    expect(
      await handle.db.selectFrom('arb_pairs').select('arb_id').where('arb_id', 'like', 'old-%').execute(),
    ).toEqual([]);
  });

  it('writes through a write thread with its own connection, the same rows as in-process', async () => {
    const sink = threadSink(
      name === 'SQLite' ? { dataDir: dirs.at(-1) ?? '' } : { databaseUrl: pgServer.url },
    );
    const writer = new HistoryWriter(sink);
    const recorder = new ArbRecorder(writer);
    try {
      recorder.quotes([quote('pin', 'p-1', 0.25, 'away', 1.9, T0 - MIN)]);
      const a = arb('arb-thread', T0);
      recorder.changes({ opened: [a], updated: [], closed: [] });
      recorder.quotes([quote('pin', 'p-1', 0.25, 'away', 1.8, T0 + 500)]);
      recorder.changes({
        opened: [],
        updated: [],
        closed: [{ arb: a, reason: 'odds_moved', closedAt: T0 + 500 }],
      });
      await writer.flush();
      expect(writer.status()).toMatchObject({
        state: 'up',
        buffered: 0,
        written: { arbs: 1, changes: 2, prices: 3 },
      });
      const got = await store.getArb('arb-thread');
      expect(got?.prices.filter((p) => p.book === 'pin').map((p) => p.odds)).toEqual(
        [1.9, 1.98, 1.8].filter((o) => o !== 1.98),
      );
      expect(got).toMatchObject({ closeReason: 'odds_moved', lifetimeMs: 500 });
    } finally {
      await writer.close();
      await sink.close();
    }
  });

  it('keeps what comes while the database is away (bounded, oldest prices first) and writes it after', async () => {
    const errors: unknown[] = [];
    const writer = new HistoryWriter(store, { maxBuffered: 50, onError: (e) => errors.push(e) });
    const a = arb('arb-away', T0);
    writer.opened(a, null);
    await handle.close(); // the database goes away
    for (let i = 0; i < 60; i += 1)
      writer.price({
        book: 'sbo',
        eventId: 's-1',
        market: 'ah',
        period: 'ft',
        line: -0.25,
        side: 'home',
        odds: 2 + i / 1000,
        ts: T0 + i,
      });
    writer.closed(a, 'odds_moved', T0 + 100);
    await writer.flush();
    expect(writer.status()).toMatchObject({ state: 'down', dropped: 12, buffered: 50 });
    expect(writer.status().lastError).toBeTruthy();
    expect(errors).toHaveLength(1);
    // Back: a new connection to the same database, and the same writer's buffer goes in.
    handle = open(true);
    store = new HistoryStore(handle);
    (writer as unknown as { store: HistoryStore }).store = store;
    await writer.flush();
    expect(writer.status()).toMatchObject({ state: 'up', buffered: 0 });
    const got = await store.getArb('arb-away');
    expect(got).toMatchObject({ closedAt: T0 + 100, closeReason: 'odds_moved' });
    const prices = await handle.db.selectFrom('prices').select('odds').orderBy('seq').execute();
    // The 12 oldest prices were dropped; the newest 48 are there.
    expect(prices.map((p) => p.odds)).toEqual(Array.from({ length: 48 }, (_, i) => 2 + (i + 12) / 1000));
  });
});

describe('history in PostgreSQL, the server down for a while', () => {
  it('buffers while the server is down and writes everything once it is back, without a restart', async () => {
    const handle = openHistoryDb({ databaseUrl: pgServer.url });
    const store = new HistoryStore(handle);
    await handle.migrate();
    await handle.db.deleteFrom('arbs').execute();
    await handle.db.deleteFrom('arb_events').execute();
    const writer = new HistoryWriter(store, { flushMs: 100 }).start();
    try {
      writer.opened(arb('before', T0), null);
      await writer.flush();
      await pgServer.stop();
      writer.opened(arb('during', T0 + 1), null);
      await writer.flush();
      expect(writer.status().state).toBe('down');
      await new Promise((r) => setTimeout(r, 2000));
      expect(writer.status()).toMatchObject({ state: 'down', buffered: 1 });
      await pgServer.start();
      await expect.poll(() => writer.status().state, { timeout: 20_000 }).toBe('up');
      expect((await store.listArbs({})).items.map((i) => i.id)).toEqual(['during', 'before']);
    } finally {
      await writer.close();
      await handle.close();
    }
  });
});
