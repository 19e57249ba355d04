// Workers end to end over loopback: the simulator (in this process), the real hub, a
// real redis-server and real Chromium logins. Each adapter reports exactly the prices
// its book shows; three csport workers share one login and split the partitions; expired
// sessions cost one login; a restarted hub is whole again within 5 s.
import type { AddressInfo } from 'node:net';
import { buildApp as buildHub } from '@arbhub/hub';
import { parse, truthStatsSchema } from '@arbhub/schema';
import { startRedisServer } from '@arbhub/session/testing';
import type { RedisServer } from '@arbhub/session/testing';
import { toDecimal } from '@arbhub/odds';
import { buildApp as buildSimbook, hkOf, loadConfig as simConfig, World } from '@arbhub/simbook';
import type { BookId, Listing } from '@arbhub/simbook';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkerConfig } from './config.js';
import { createWorker } from './create.js';
import type { CreatedWorker } from './create.js';
import { listingPrices, matchPrices } from './testing/book-truth.js';

const TOKEN = 'a-worker-token-of-enough-length';
let redis: RedisServer;
let simbook: FastifyInstance;
let simBase: string;
let world: World;
let hub: FastifyInstance;
let hubBase: string;
let hubPort = 0;
const workers: CreatedWorker[] = [];

async function startHub(port = 0): Promise<void> {
  hub = await buildHub({
    config: { WORKER_TOKEN: TOKEN, STALE_AFTER_MS: 60_000, HEARTBEAT_MS: 1_000, MAX_MESSAGE_BYTES: 4 << 20 },
    logger: false,
  });
  hubBase = await hub.listen({ port, host: '127.0.0.1' });
  hubPort = (hub.server.address() as AddressInfo).port;
}

beforeAll(async () => {
  redis = await startRedisServer();
  world = new World({ seed: 5, fixtures: 14, arbRate: 0 }, Date);
  simbook = await buildSimbook({
    config: simConfig({ SIM_TRUTH: '1', SIM_RATE_LIMIT: '1000', SIM_IBC_HK_ACCOUNTS: 'demo3' }),
    world,
    clock: Date,
  });
  simBase = await simbook.listen({ port: 0, host: '127.0.0.1' });
  await startHub();
}, 60_000);

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
});

afterAll(async () => {
  await hub.close();
  await simbook.close();
  await redis.stop();
});

function worker(site: BookId, env: Record<string, string> = {}): CreatedWorker {
  const config = loadWorkerConfig({
    SITE: site,
    HUB_WS_URL: `${hubBase.replace('http', 'ws')}/ws`,
    WORKER_TOKEN: TOKEN,
    [`${site.toUpperCase()}_BASE_URL`]: `${simBase}/${site}`,
    [`${site.toUpperCase()}_POLL_MS`]: '300',
    HEARTBEAT_MS: '500',
    BMK_HEARTBEAT_MS: '1000',
    ...env,
  });
  const created = createWorker(config, { logger: pino({ level: 'silent' }) });
  workers.push(created);
  created.start();
  return created;
}

const get = async <T>(url: string): Promise<T> => (await (await fetch(url)).json()) as T;

async function waitFor(what: string, check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    // A request to a hub that is restarting fails: that is "not yet".
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface HubOdds {
  events: {
    books: Record<string, { eventId: string; markets: Parameters<typeof matchPrices>[0]['markets'] }>;
  }[];
}
/** What the hub holds of one book: event id → its prices, as matchPrices writes them. */
async function hubPrices(book: string): Promise<Map<string, string[]>> {
  const odds = await get<HubOdds>(`${hubBase}/odds?book=${book}`);
  return new Map(
    odds.events.flatMap((e) => {
      const listing = e.books[book];
      return listing ? [[listing.eventId, matchPrices(listing as never)] as const] : [];
    }),
  );
}
/** Whether the hub holds exactly the prices the book shows for every listing. */
async function faithful(book: BookId): Promise<boolean> {
  const held = await hubPrices(book);
  const listed = world.listed(book);
  return (
    held.size === listed.length &&
    listed.every((l) => JSON.stringify(held.get(l.eventId)) === JSON.stringify(listingPrices(l)))
  );
}

const stats = async (book: string, account = 'demo1') =>
  parse(truthStatsSchema, await get<unknown>(`${simBase}/truth/stats`)).books[book]?.accounts[account] ?? {
    logins: 0,
    kicked: 0,
  };

describe('each adapter, end to end', () => {
  it.each(['csport', 'sbo', 'bmk', 'pin', 'ibc', 'cmd'] as const)(
    '%s: logs in, and the hub holds exactly the prices the book shows, before and after they move',
    async (book) => {
      const account = {
        csport: 'demo1',
        sbo: 'demo2',
        bmk: 'demo3',
        pin: 'demo1',
        ibc: 'demo1',
        cmd: 'demo2',
      }[book];
      worker(book, {
        [`${book.toUpperCase()}_USERNAME`]: account,
        [`${book.toUpperCase()}_PASSWORD`]: account,
      });
      await waitFor(`${book} at the hub`, () => faithful(book));
      // Prices move at the book: the worker's deltas carry them to the hub.
      for (let i = 0; i < 5; i += 1) world.tick();
      await waitFor(`${book} after the prices moved`, () => faithful(book));
      expect(await faithful(book)).toBe(true);
      // One login for the account (pin has none: HTTP Basic makes its session).
      expect((await stats(book, account)).logins).toBe(1);
      expect((await stats(book, account)).kicked).toBe(0);
    },
    60_000,
  );
});

describe('the two books added last', () => {
  it.each(['ibc', 'cmd'] as const)(
    '%s: a session the book ends costs one login, and the hub is whole again after it',
    async (book) => {
      const before = await stats(book, 'demo3');
      worker(book, {
        [`${book.toUpperCase()}_USERNAME`]: 'demo3',
        [`${book.toUpperCase()}_PASSWORD`]: 'demo3',
      });
      // demo3 is an HK account at ibc (below): its prices are whole when every listing is there.
      const whole = async () =>
        book === 'cmd' ? faithful(book) : (await hubPrices(book)).size === world.listed(book).length;
      await waitFor(`${book} at the hub`, whole);
      expect((await stats(book, 'demo3')).logins - before.logins).toBe(1);
      await fetch(`${simBase}/admin/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ book, kind: 'expire_sessions', durationMs: 1 }),
      });
      await waitFor(
        `a new ${book} login`,
        async () => (await stats(book, 'demo3')).logins - before.logins >= 2,
      );
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect((await stats(book, 'demo3')).logins - before.logins).toBe(2);
      expect((await stats(book, 'demo3')).kicked).toBe(0);
      world.tick();
      await waitFor(`${book} after the new login`, whole);
    },
    60_000,
  );

  it('ibc: an account set to HK odds reports the prices in HK, converted right', async () => {
    // demo3 is an HK account at this simulator (SIM_IBC_HK_ACCOUNTS): its handicap and
    // total prices are the malay ones as HK, which above even money round differently.
    worker('ibc', { IBC_USERNAME: 'demo3', IBC_PASSWORD: 'demo3', WORKER_ID: 'ibc-hk' });
    const hkPrices = (l: Listing) =>
      listingPrices({
        ...l,
        prices: l.prices.map((p) =>
          p.market.market === '1x2'
            ? p
            : { ...p, quote: { ...p.quote, decimal: toDecimal(hkOf(p.quote.native), 'hk') } },
        ),
      });
    const whole = async () => {
      const held = await hubPrices('ibc');
      return world
        .listed('ibc')
        .every((l) => JSON.stringify(held.get(l.eventId)) === JSON.stringify(hkPrices(l)));
    };
    await waitFor('ibc (HK) at the hub', whole);
    const differs = world
      .listed('ibc')
      .some((l) => JSON.stringify(hkPrices(l)) !== JSON.stringify(listingPrices(l)));
    expect(differs, 'some HK prices round away from the malay ones').toBe(true);
  }, 60_000);
});

describe('sharing one account', () => {
  it('three csport workers on one account: one login, nobody kicked, the partitions split', async () => {
    const before = await stats('csport', 'demo3');
    const env = { REDIS_URL: redis.url, CSPORT_USERNAME: 'demo3', CSPORT_PASSWORD: 'demo3' };
    const three = [1, 2, 3].map((n) => worker('csport', { ...env, WORKER_ID: `csport-share-${n}` }));
    await waitFor('three csport workers', async () => {
      const list = await get<{ workerId: string; partitions: string[] }[]>(`${hubBase}/workers`);
      const mine = list.filter((w) => w.workerId.startsWith('csport-share-'));
      return mine.length === 3 && mine.every((w) => w.partitions.length === 1);
    });
    await waitFor('csport at the hub', () => faithful('csport'));
    const list = await get<{ workerId: string; partitions: string[] }[]>(`${hubBase}/workers`);
    const partitions = list
      .filter((w) => w.workerId.startsWith('csport-share-'))
      .flatMap((w) => w.partitions);
    expect(partitions.sort()).toEqual(['soccer:early', 'soccer:live', 'soccer:today']);
    let after = await stats('csport', 'demo3');
    expect(after.logins - before.logins).toBe(1);
    expect(after.kicked - before.kicked).toBe(0);

    // Every session dies at once: the workers get one new login between them.
    await fetch(`${simBase}/admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ book: 'csport', kind: 'expire_sessions', durationMs: 1 }),
    });
    await waitFor(
      'a new csport login',
      async () => (await stats('csport', 'demo3')).logins - before.logins >= 2,
    );
    await new Promise((resolve) => setTimeout(resolve, 2000));
    after = await stats('csport', 'demo3');
    expect(after.logins - before.logins).toBe(2);
    expect(after.kicked - before.kicked).toBe(0);
    expect(three.reduce((sum, w) => sum + w.worker.counts.relogins, 0)).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < 3; i += 1) world.tick();
    await waitFor('csport after the new login', () => faithful('csport'));
  }, 90_000);
});

describe('bmk stream cut', () => {
  it('reconnects the STOMP stream and catches up through a fresh snapshot', async () => {
    const w = worker('bmk', { BMK_USERNAME: 'demo1', BMK_PASSWORD: 'demo1' });
    await waitFor('bmk at the hub', () => faithful('bmk'));
    await fetch(`${simBase}/admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ book: 'bmk', kind: 'drop_stream', durationMs: 1 }),
    });
    for (let i = 0; i < 5; i += 1) world.tick();
    await waitFor('bmk after the stream was cut', () => faithful('bmk'), 15_000);
    expect(w.worker.counts.errors).toBe(0);
  }, 40_000);
});

describe('a login that fails', () => {
  it('degrades the worker and backs off instead of trying the browser again and again', async () => {
    const w = worker('csport', {
      CSPORT_USERNAME: 'demo2',
      CSPORT_PASSWORD: 'wrong',
      WORKER_ID: 'csport-bad',
    });
    await waitFor('the failed login', () => Promise.resolve(w.worker.state === 'degraded'));
    expect(w.worker.detail).toMatch(/Invalid username or password/);
    // Within the next 3 s every poll meets the back-off: no second browser login.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(w.worker.detail).toMatch(/failed 1 time\(s\) in a row; the next try is in/);
    const list = await get<{ workerId: string; state: string }[]>(`${hubBase}/workers`);
    expect(list.find((x) => x.workerId === 'csport-bad')?.state).toBe('degraded');
  }, 30_000);
});

describe('the hub restarting', () => {
  it('workers reconnect and the new hub is whole again within 5 s', async () => {
    worker('pin');
    worker('bmk', { BMK_USERNAME: 'demo2', BMK_PASSWORD: 'demo2' });
    await waitFor('pin and bmk at the hub', async () => (await faithful('pin')) && (await faithful('bmk')));
    const port = hubPort;
    await hub.close();
    await startHub(port);
    const restarted = Date.now();
    await waitFor(
      'the hub whole again',
      async () => (await faithful('pin')) && (await faithful('bmk')),
      5_000,
    );
    expect(Date.now() - restarted).toBeLessThan(5_000);
  }, 60_000);
});
