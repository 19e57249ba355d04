// The hub's history database over loopback, in SQLite and in a real PostgreSQL server:
// an arbitrage's open, update and close and its legs' prices reach /history/*, a hub
// restart loses none of it, and the database away for 10 s is buffered while the hub
// goes on serving, then written.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgresServer } from '@arbhub/history/testing';
import type { PostgresServer } from '@arbhub/history/testing';
import type { HistoryArb, HistoryArbDetail, HistoryStats } from '@arbhub/history';
import { arbsAnswerSchema, healthSchema } from '@arbhub/schema';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openHistoryRecords } from './history-records.js';
import { HubHarness, ahMatch } from './testing/harness.js';

const harness = new HubHarness();
let pgServer: PostgresServer;
const dirs: string[] = [];
beforeAll(async () => {
  pgServer = await startPostgresServer('arbhub_hub_test');
});
afterEach(async () => {
  await harness.close();
});
afterAll(async () => {
  await pgServer.destroy();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the answer's shape
const getJson = async <T = unknown>(url: string): Promise<{ status: number; body: T }> => {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as T };
};

/** Arsenal v Everton: pin's home -0.5 at `home`, sbo's away +0.5 at `away` (2.1 and 2.0 are an arbitrage). */
const pinMatch = (home: number) => ({
  ...ahMatch('p1', 'Arsenal', 'Everton', home, 1.8),
  startTime: '2030-01-05T15:00:00Z',
});
const sboMatch = (away: number) => ({
  ...ahMatch('s1', 'Arsenal', 'Everton', 1.8, away),
  startTime: '2030-01-05T15:00:00Z',
});

const DATABASES = [
  {
    name: 'SQLite',
    url: (): { dataDir: string; databaseUrl?: string } => {
      const dir = mkdtempSync(join(tmpdir(), 'arbhub-hub-history-'));
      dirs.push(dir);
      return { dataDir: dir };
    },
  },
  {
    name: 'PostgreSQL',
    url: () => ({ dataDir: tmpdir(), databaseUrl: pgServer.url }),
  },
];

describe.each(DATABASES)('the hub with history in $name', ({ url }) => {
  it('keeps an arbitrage with its legs prices, across a restart of the hub', async () => {
    const where = url();
    const records = openHistoryRecords({ ...where, retentionDays: 30, flushMs: 50 });
    // (PostgreSQL's database is shared by the two tests: start from what is there.)
    const known = new Set<string>();
    let { base } = await harness.start({}, false, { records });
    const { ws } = { ws: base.replace('http', 'ws') };
    const before = await getJson<{ items: HistoryArb[] }>(`${base}/history/arbs?limit=1000`);
    for (const item of before.body.items) known.add(item.id);
    const pin = await harness.worker(ws, 'pin');
    const sbo = await harness.worker(ws, 'sbo');
    await pin.snapshot([pinMatch(1.9)]);
    await sbo.snapshot([sboMatch(2.0)]);
    await pin.snapshot([pinMatch(2.1)]); // pin's move makes it: sbo lags
    const open = arbsAnswerSchema.parse((await getJson(`${base}/arbs`)).body);
    expect(open).toHaveLength(1);
    const id = open[0]?.id ?? '';
    await pin.snapshot([pinMatch(2.15)]); // better
    await new Promise((r) => setTimeout(r, 400)); // its arb:update (STREAM_UPDATE_MS, 250 ms)
    await sbo.snapshot([sboMatch(1.8)]); // gone
    expect(arbsAnswerSchema.parse((await getJson(`${base}/arbs`)).body)).toHaveLength(0);
    await harness.close(); // the hub stops: what is buffered is written

    // A new hub on the same database.
    ({ base } = await harness.start({}, false, {
      records: openHistoryRecords({ ...where, retentionDays: 30, flushMs: 50 }),
    }));
    const list = await getJson<{ items: HistoryArb[]; nextCursor: string | null }>(
      `${base}/history/arbs?book=sbo`,
    );
    expect(list.status).toBe(200);
    const item = list.body.items.find((i) => !known.has(i.id));
    expect(item).toMatchObject({
      id,
      books: ['pin', 'sbo'],
      closeReason: 'odds_moved',
      lagBook: 'sbo',
      updates: expect.any(Number) as number,
      event: { home: 'Arsenal', away: 'Everton', sport: 'soccer' },
    });
    const detail = await getJson<HistoryArbDetail>(`${base}/history/arbs/${id}`);
    expect(detail.status).toBe(200);
    const pinPrices = detail.body.prices.filter((p) => p.book === 'pin').map((p) => p.odds);
    const sboPrices = detail.body.prices.filter((p) => p.book === 'sbo').map((p) => p.odds);
    // pin from before it opened (1.9) to its better price; sbo from before to the price that closed it.
    expect(pinPrices).toEqual([1.9, 2.1, 2.15]);
    expect(sboPrices).toEqual([2.0, 1.8]);
    expect(detail.body.prices[0]).toMatchObject({ market: 'ah', period: 'ft' });
    expect(detail.body.changes.map((c) => c.change)).toEqual(['open', 'update', 'close']);
    expect(detail.body.maxProfitPct).toBeGreaterThan(detail.body.changes[0]?.profitPct ?? Infinity);
    const stats = await getJson<HistoryStats>(`${base}/history/stats?from=0`);
    expect(stats.body.pairs.find((p) => p.books.join() === 'pin,sbo')?.count).toBeGreaterThanOrEqual(1);
    expect(stats.body.books.find((b) => b.book === 'sbo')?.lagging).toBeGreaterThanOrEqual(1);
    const csv = await fetch(`${base}/history/arbs.csv?book=pin`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\n')[0]).toContain('id,opened_at');
    expect(text).toContain(`${id},`);
    const health = healthSchema.parse((await getJson(`${base}/health`)).body);
    expect(health.history).toMatchObject({
      state: expect.stringMatching(/up|starting/) as string,
      buffered: 0,
    });
  });
});

describe('the hub with history in PostgreSQL, the server away for 10 s', () => {
  it('buffers what happens meanwhile, answers /arbs all along, and writes it when the server is back', async () => {
    const records = openHistoryRecords({
      dataDir: tmpdir(),
      databaseUrl: pgServer.url,
      retentionDays: 30,
      flushMs: 100,
    });
    const { base, ws } = await harness.start({}, false, { records });
    const pin = await harness.worker(ws, 'pin');
    const sbo = await harness.worker(ws, 'sbo');
    await pin.snapshot([{ ...pinMatch(1.9), eventId: 'p9' }]);
    await sbo.snapshot([{ ...sboMatch(2.0), eventId: 's9' }]);
    await records.writer.flush();
    await pgServer.stop();
    const stoppedAt = Date.now();
    try {
      await pin.snapshot([{ ...pinMatch(2.1), eventId: 'p9' }]);
      const open = arbsAnswerSchema.parse((await getJson(`${base}/arbs`)).body);
      expect(open).toHaveLength(1);
      const id = open[0]?.id ?? '';
      await sbo.snapshot([{ ...sboMatch(1.8), eventId: 's9' }]);
      await expect
        .poll(async () => healthSchema.parse((await getJson(`${base}/health`)).body).history?.state)
        .toBe('down');
      const health = healthSchema.parse((await getJson(`${base}/health`)).body);
      expect(health).toMatchObject({ status: 'degraded', history: { state: 'down' } });
      expect(health.history?.buffered).toBeGreaterThan(0);
      const during = await getJson<{ error: string }>(`${base}/history/arbs/${id}`);
      expect(during).toMatchObject({ status: 503, body: { error: 'history_unavailable' } });
      // The hub goes on: a new arbitrage opens and shows while the database is away.
      await sbo.snapshot([{ ...sboMatch(2.05), eventId: 's9' }]);
      expect(arbsAnswerSchema.parse((await getJson(`${base}/arbs`)).body)).toHaveLength(1);
      await new Promise((r) => setTimeout(r, Math.max(0, 10_000 - (Date.now() - stoppedAt))));
      await pgServer.start();
      const backAt = Date.now();
      await expect
        .poll(async () => healthSchema.parse((await getJson(`${base}/health`)).body).history, {
          timeout: 20_000,
        })
        .toMatchObject({ state: 'up', buffered: 0, dropped: 0 });
      console.log(`history written ${String(Date.now() - backAt)} ms after the server was back`);
      const detail = await getJson<HistoryArbDetail>(`${base}/history/arbs/${id}`);
      expect(detail.status).toBe(200);
      expect(detail.body.closeReason).toBe('odds_moved');
      expect(detail.body.prices.filter((p) => p.book === 'pin').map((p) => p.odds)).toEqual([1.9, 2.1]);
      expect(detail.body.prices.filter((p) => p.book === 'sbo').map((p) => p.odds)).toEqual([2.0, 1.8]);
    } finally {
      await pgServer.start(); // (a no-op when it is up)
    }
  }, 60_000);
});

describe('the history API without a database and with bad queries', () => {
  it('answers 503 history_disabled without a database, 400 naming the field for a bad query', async () => {
    const { base } = await harness.start();
    expect(await getJson(`${base}/history/arbs`)).toMatchObject({
      status: 503,
      body: { error: 'history_disabled' },
    });
    expect(await getJson(`${base}/history/stats`)).toMatchObject({
      status: 503,
      body: { error: 'history_disabled' },
    });
    await harness.close();
    const dir = mkdtempSync(join(tmpdir(), 'arbhub-hub-history-'));
    dirs.push(dir);
    const { base: b2 } = await harness.start({}, false, {
      records: openHistoryRecords({ dataDir: dir, retentionDays: 30 }),
    });
    const bad = await getJson<{ error: string; message: string }>(
      `${b2}/history/arbs?from=yesterday&limit=5000`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/from/);
    expect(bad.body.message).toMatch(/limit/);
    expect(await getJson(`${b2}/history/arbs?cursor=nonsense`)).toMatchObject({
      status: 400,
      body: { error: 'bad_request' },
    });
    expect(await getJson(`${b2}/history/arbs/arb-none`)).toMatchObject({
      status: 404,
      body: { error: 'not_found' },
    });
    expect(
      await getJson(`${b2}/history/arbs?from=2026-12-01T00:00:00Z&to=${String(Date.now())}`),
    ).toMatchObject({
      status: 200,
      body: { items: [], nextCursor: null },
    });
  });
});
