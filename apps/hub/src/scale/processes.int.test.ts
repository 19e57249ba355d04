// Scale-out as it runs: real hub processes (main.ts in each role), a real Redis, workers
// speaking the protocol over /ws. The same recorded traffic goes to one `all` hub and to
// 2 gateways in front of 3 engines; the answers must be the same, and stay the same when
// an engine or a gateway is killed -9 or Redis restarts.
import { startRedisServer } from '@arbhub/session/testing';
import type { RedisServer } from '@arbhub/session/testing';
import type {
  Arb,
  EventsAnswer,
  HistoryArb,
  HistoryArbDetail,
  HistoryArbsAnswer,
  OddsUpdate,
  ReviewAnswer,
} from '@arbhub/schema';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ReplayWorker, StreamWatcher, startHub } from '../testing/processes.js';
import type { HubProcess } from '../testing/processes.js';
import { arbKey } from './results.js';
import { arbSet, eventSets } from './compare.js';
import { traffic } from './traffic.js';

const LEASE_MS = 3000;
let redis: RedisServer;
const hubs: HubProcess[] = [];
const closers: { close(): void }[] = [];
/** Each test's history databases: the single hub's, and the one the engines write and the gateways read (SQLite). */
let dirs: { all: string; scale: string };

beforeAll(async () => {
  redis = await startRedisServer();
});
beforeEach(() => {
  dirs = {
    all: mkdtempSync(join(tmpdir(), 'arbhub-all-')),
    scale: mkdtempSync(join(tmpdir(), 'arbhub-scale-')),
  };
});
afterEach(async () => {
  for (const c of closers.splice(0)) c.close();
  await Promise.all(hubs.splice(0).map((h) => h.kill('SIGKILL')));
  await redis.stop();
  await redis.start(); // each test on an empty Redis
  for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
});
afterAll(async () => {
  await redis.stop();
});

const start = async (name: string, env: Record<string, string>) => {
  // The replayed prices are not re-sent as a real worker's snapshots are: they must not go stale.
  const hub = await startHub(name, { STREAM_UPDATE_MS: '0', STALE_AFTER_MS: '600000', ...env });
  hubs.push(hub);
  return hub;
};
const scaleEnv = () => ({
  REDIS_URL: redis.url,
  ENGINE_LEASE_MS: LEASE_MS.toString(),
  HISTORY: '1',
  DATA_DIR: dirs.scale,
});

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status.toString()}`);
  return (await response.json()) as T;
}

/** An arbitrage as the comparison sees it: its legs and its profit (ids and canonical ids are each hub's own). */

/** Reads every hub until all agree and stay so for 1.5 s; gives the sets and when they first agreed. */
async function settle(
  what: string,
  read: () => Promise<string[][]>,
  ms: number,
): Promise<{ sets: string[][]; agreedAt: number }> {
  const end = Date.now() + ms;
  let last: string[][] = [];
  let agreedAt: number | undefined;
  let previous = '';
  while (Date.now() < end) {
    last = await read();
    const text = JSON.stringify(last);
    const same = last.every((set) => JSON.stringify(set) === JSON.stringify(last[0]));
    if (!same || text !== previous) agreedAt = same ? Date.now() : undefined;
    previous = text;
    if (agreedAt !== undefined && Date.now() - agreedAt > 1500) return { sets: last, agreedAt };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const first = new Set(last[0]);
  const differences = last.slice(1).map((set, i) => {
    const here = new Set(set);
    const missing = [...first].filter((x) => !here.has(x));
    const extra = set.filter((x) => !first.has(x));
    return `hub ${(i + 1).toString()}: missing ${JSON.stringify(missing.slice(0, 4))}, extra ${JSON.stringify(extra.slice(0, 4))}`;
  });
  throw new Error(
    `${what} did not agree within ${ms.toString()} ms: ${last.map((s) => s.length).join(' / ')}\n${differences.join('\n')}`,
  );
}

const BOOKS = ['csport', 'sbo', 'pin'];

/** One `all` hub, 3 engines and 2 gateways on the same Redis; a worker per book at the single hub and at the gateways. */
async function cluster(gatewayUrls: (book: string, gateways: HubProcess[]) => string[]) {
  const [all, engines, gateways] = await Promise.all([
    start('all', { HISTORY: '1', DATA_DIR: dirs.all }),
    Promise.all(
      ['e1', 'e2', 'e3'].map((id) => start(id, { ...scaleEnv(), HUB_ROLE: 'engine', ENGINE_ID: id })),
    ),
    Promise.all(['g1', 'g2'].map((id) => start(id, { ...scaleEnv(), HUB_ROLE: 'gateway' }))),
  ]);
  const watchers = [all, ...gateways].map((hub) => new StreamWatcher(hub.url));
  closers.push(...watchers);
  await Promise.all(watchers.map((w) => w.opened));
  const single = BOOKS.map((book) => new ReplayWorker(all.url, `${book}-w1`, book));
  const scaled = BOOKS.map((book) => new ReplayWorker(gatewayUrls(book, gateways), `${book}-w1`, book));
  closers.push(...single, ...scaled);
  await Promise.all([...single, ...scaled].map((w) => w.ready()));
  const send = (messages: readonly OddsUpdate[]) => {
    for (const message of messages)
      for (const worker of [...single, ...scaled]) if (worker.book === message.book) worker.send([message]);
  };
  /** /arbs the same on the single hub and on every gateway still up. */
  const agree = async (up: HubProcess[] = gateways, ms = 30_000) => {
    const result = await settle(
      '/arbs',
      () => Promise.all([all, ...up].map(async (h) => arbSet(await getJson<Arb[]>(`${h.url}/arbs`)))),
      ms,
    );
    expect(result.sets[0]?.length).toBeGreaterThan(5);
    for (const set of result.sets.slice(1)) expect(set).toEqual(result.sets[0]);
    return result;
  };
  return { all, engines, gateways, watchers, scaled, send, agree };
}

/** The arb:* changes a watcher saw, as `type id`. */
const changes = (w: StreamWatcher) =>
  w.messages
    .filter((m) => m.type === 'arb:open' || m.type === 'arb:update' || m.type === 'arb:close')
    .map((m) => `${m.type} ${m.type === 'arb:close' ? m.id : m.arb.id}`);

/** Every arbitrage in a hub's history (GET /history/arbs, page by page). */
async function historyOf(hub: HubProcess): Promise<HistoryArb[]> {
  const items: HistoryArb[] = [];
  let cursor: string | null = null;
  do {
    const page: HistoryArbsAnswer = await getJson<HistoryArbsAnswer>(
      `${hub.url}/history/arbs?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/**
 * A gateway's history (written by the engines) is what its /stream told: the same
 * arbitrage under the same ids, each open or closed for the same reason, with as many
 * updates and the best figure told; the open ones are /arbs's, each with one opening
 * and its legs' prices.
 */
async function historyIsStream(gateway: HubProcess, watcher: StreamWatcher): Promise<number> {
  const told = new Map<string, { state: string; updates: number; best: number }>();
  for (const m of watcher.messages) {
    if (m.type !== 'arb:open' && m.type !== 'arb:update' && m.type !== 'arb:close') continue;
    const id = m.type === 'arb:close' ? m.id : m.arb.id;
    const seen = told.get(id) ?? { state: 'open', updates: 0, best: -Infinity };
    if (m.type === 'arb:update') seen.updates += 1;
    if (m.type === 'arb:close') seen.state = m.reason;
    seen.best = Math.max(seen.best, m.arb.profitPct);
    told.set(id, seen);
  }
  const describe = (id: string, t: { state: string; updates: number; best: number }) =>
    `${id} ${t.state} ${t.updates.toString()} ${t.best.toFixed(6)}`;
  const expected = [...told].map(([id, t]) => describe(id, t)).sort();
  // Written within the writers' flush (0.5 s): read until they agree.
  const { sets } = await settle(
    `${gateway.name}'s /history/arbs against its /stream`,
    async () => [
      expected,
      (await historyOf(gateway))
        .map((item) =>
          describe(item.id, {
            state: item.closeReason ?? 'open',
            updates: item.updates,
            best: item.maxProfitPct,
          }),
        )
        .sort(),
    ],
    15_000,
  );
  const arbs = await getJson<Arb[]>(`${gateway.url}/arbs`);
  for (const arb of arbs.slice(0, 10)) {
    const detail = await getJson<HistoryArbDetail>(`${gateway.url}/history/arbs/${arb.id}`);
    expect(detail.changes.filter((change) => change.change === 'open')).toHaveLength(1);
    expect(arbKey(detail)).toBe(arbKey(arb));
    expect(new Set(detail.prices.map((p) => p.book))).toEqual(new Set(arb.legs.map((leg) => leg.book)));
  }
  return sets[1]?.length ?? 0;
}

/** No arbitrage told open twice: by id, and by legs without a close between. */
function toldOnce(w: StreamWatcher): void {
  const opens = changes(w).filter((s) => s.startsWith('arb:open'));
  expect(new Set(opens).size).toBe(opens.length);
  const open = new Set<string>();
  for (const m of w.messages) {
    if (m.type === 'arb:open') {
      expect(open.has(arbKey(m.arb)), `opened twice: ${arbKey(m.arb)}`).toBe(false);
      open.add(arbKey(m.arb));
    } else if (m.type === 'arb:close') open.delete(arbKey(m.arb));
  }
}

const run = (seed: number) =>
  traffic({ fixtures: 48, books: BOOKS, moves: 400, seed, start: Date.now() + 3 * 3600_000 });
const firstPart = (messages: OddsUpdate[]) => messages.slice(0, 203);
const secondPart = (messages: OddsUpdate[]) => messages.slice(203);

describe('scale-out processes', { timeout: 120_000 }, () => {
  it('2 gateways and 3 engines give the events, /arbs and /stream one hub gives', async () => {
    const c = await cluster((book, [g1, g2]) => [(book === 'sbo' ? g2 : g1)?.url ?? '']);
    c.send(run(11));
    const { sets } = await c.agree();

    const events = await settle(
      '/events',
      () =>
        Promise.all(
          [c.all, ...c.gateways].map(async (h) => eventSets(await getJson<EventsAnswer>(`${h.url}/events`))),
        ),
      10_000,
    );
    expect(events.sets[1]).toEqual(events.sets[0]);
    expect(events.sets[2]).toEqual(events.sets[0]);

    // /stream: the same open set on every hub, and the very same sequence of changes on both gateways.
    for (const watcher of c.watchers) expect(arbSet(watcher.open().values())).toEqual(sets[0]);
    const [, w1, w2] = c.watchers;
    if (!w1 || !w2) throw new Error('no watchers');
    expect(changes(w1).length).toBeGreaterThan(sets[0]?.length ?? 0);
    expect(changes(w2)).toEqual(changes(w1));
    toldOnce(w1);

    // The history the engines wrote, read at either gateway, is what /stream told.
    const [g1, g2] = c.gateways;
    if (!g1 || !g2) throw new Error('no gateways');
    // Every engine's history writer up (or, for one whose shards published nothing yet, starting).
    const writers = await Promise.all(
      c.engines.map(
        async (engine) =>
          (await getJson<{ history: { state: string; dialect: string } }>(`${engine.url}/health`)).history,
      ),
    );
    for (const writer of writers) expect(writer.dialect).toBe('sqlite');
    expect(writers.map((w) => w.state).filter((state) => state !== 'up' && state !== 'starting')).toEqual([]);
    expect(writers.some((w) => w.state === 'up')).toBe(true);
    expect(await historyIsStream(g1, w1)).toBeGreaterThan(sets[0]?.length ?? 0);
    await historyIsStream(g2, w2);
  });

  it("a person's unlink and link at a gateway are taken by the engines: events and /arbs stay the single hub's", async () => {
    const c = await cluster((book, [g1, g2]) => [(book === 'sbo' ? g2 : g1)?.url ?? '']);
    c.send(run(15));
    await c.agree();
    const [g1, g2] = c.gateways;
    if (!g1 || !g2) throw new Error('no gateways');
    const sameEvents = () =>
      settle(
        '/events',
        () =>
          Promise.all(
            [c.all, ...c.gateways].map(async (h) =>
              eventSets(await getJson<EventsAnswer>(`${h.url}/events`)),
            ),
          ),
        15_000,
      );
    const post = (hub: HubProcess, path: string, body: object) =>
      fetch(`${hub.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    // A listing of a three-book event, and that event's id at a gateway and at the single hub.
    const gatewayEvent = (await getJson<EventsAnswer>(`${g1.url}/events`)).find(
      (e) => e.members.length === 3,
    );
    const member = gatewayEvent?.members.find((m) => m.book === 'pin');
    if (!gatewayEvent || !member) throw new Error('no three-book event');
    const { book, eventId } = member;
    const holds = (e: EventsAnswer[number]) =>
      e.members.some((m) => m.book === book && m.eventId === eventId);
    const singleEvent = (await getJson<EventsAnswer>(`${c.all.url}/events`)).find(holds);
    if (!singleEvent) throw new Error('not at the single hub');

    // Out of its event, at the other gateway (the decision goes through the log to the engine).
    const [atGateway, atSingle] = await Promise.all([
      post(g2, '/matching/unlink', { book, eventId, canonicalId: gatewayEvent.id }),
      post(c.all, '/matching/unlink', { book, eventId, canonicalId: singleEvent.id }),
    ]);
    expect(atGateway.status).toBe(200);
    expect(atSingle.status).toBe(200);
    const moved = (await atGateway.json()) as { canonicalId: string; evidence: string };
    expect(moved.canonicalId).not.toBe(gatewayEvent.id);
    await sameEvents();
    expect((await getJson<EventsAnswer>(`${g2.url}/events`)).find(holds)?.members).toHaveLength(1);
    await c.agree();
    // The review queue, gathered from the engines' views: the single hub's, the listing in it.
    const review = await settle(
      '/matching/review',
      () =>
        Promise.all(
          [c.all, ...c.gateways].map(async (h) =>
            (await getJson<ReviewAnswer>(`${h.url}/matching/review`)).items
              .map(
                (item) => `${item.book}|${item.eventId}|${item.reason}|${item.candidates.length.toString()}`,
              )
              .sort(),
          ),
        ),
      15_000,
    );
    expect(review.sets[0]?.some((item) => item.startsWith(`${book}|${eventId}|`))).toBe(true);

    // Linked back: the same answer as the single hub's, and the same events again.
    const [linkGateway, linkSingle] = await Promise.all([
      post(g1, '/matching/link', { book, eventId, canonicalId: gatewayEvent.id }),
      post(c.all, '/matching/link', { book, eventId, canonicalId: singleEvent.id }),
    ]);
    expect(linkGateway.status).toBe(linkSingle.status);
    expect(linkGateway.status).toBe(200);
    expect(((await linkGateway.json()) as { canonicalId: string }).canonicalId).toBe(gatewayEvent.id);
    await sameEvents();
    await c.agree();

    // An event nobody has: 404, as at the single hub; a body without a book: 400.
    const [unknown, unknownSingle] = await Promise.all([
      post(g1, '/matching/link', { book, eventId, canonicalId: 's3-ev-999999' }),
      post(c.all, '/matching/link', { book, eventId, canonicalId: 'ev-999999' }),
    ]);
    expect(unknown.status).toBe(404);
    expect(unknownSingle.status).toBe(404);
    expect((await post(g1, '/matching/link', { eventId, canonicalId: gatewayEvent.id })).status).toBe(400);
  });

  it('an engine killed -9: its shards are taken over and their arbitrage is right again within the lease + 5 s', async () => {
    const c = await cluster((book, [g1, g2]) => [(book === 'sbo' ? g2 : g1)?.url ?? '']);
    const messages = run(12);
    c.send(firstPart(messages));
    await c.agree();
    // The engine with the most shards goes.
    const held = await Promise.all(
      c.engines.map(async (e) => (await getJson<{ shards: number[] }>(`${e.url}/health`)).shards.length),
    );
    const victim = c.engines[held.indexOf(Math.max(...held))];
    if (!victim) throw new Error('no engine');
    await victim.kill('SIGKILL');
    const killed = Date.now();
    c.send(secondPart(messages));
    const { agreedAt } = await c.agree();
    const back = agreedAt - killed;
    console.info(
      `engine kill -9: ${Math.max(...held).toString()} shards, /arbs right again after ${back.toString()} ms`,
    );
    expect(back).toBeLessThan(LEASE_MS + 5000);
    const alive = c.engines.filter((e) => e !== victim);
    const shards = await Promise.all(
      alive.map(async (e) => (await getJson<{ shards: number[] }>(`${e.url}/health`)).shards),
    );
    expect(shards.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    for (const watcher of c.watchers.slice(1)) {
      expect(arbSet(watcher.open().values())).toEqual(arbSet(await getJson<Arb[]>(`${c.all.url}/arbs`)));
      toldOnce(watcher);
    }
    // The shards taken over went on writing the history of what they adopted, once.
    const [, w1] = c.watchers;
    const [g1] = c.gateways;
    if (!g1 || !w1) throw new Error('no gateways');
    await historyIsStream(g1, w1);
  });

  it('a gateway killed -9: its workers move to the other and nothing is lost', async () => {
    const c = await cluster((_book, [g1, g2]) => [g1?.url ?? '', g2?.url ?? '']);
    const messages = run(13);
    c.send(firstPart(messages));
    await c.agree();
    const [g1, g2] = c.gateways;
    if (!g1 || !g2) throw new Error('no gateways');
    await g1.kill('SIGKILL');
    // Every worker is (again) at the second gateway, having sent its whole state there.
    for (const worker of c.scaled) {
      const times = worker.registrations.filter((url) => url.includes(new URL(g2.url).host)).length;
      if (times === 0) await worker.ready(worker.registrations.length + 1);
    }
    c.send(secondPart(messages));
    await c.agree([g2]);
    const w2 = c.watchers[2];
    if (!w2) throw new Error('no watcher');
    expect(arbSet(w2.open().values())).toEqual(arbSet(await getJson<Arb[]>(`${c.all.url}/arbs`)));
    toldOnce(w2);
  });

  it('Redis restarted (empty): everything resumes without restarting anything, nothing told twice', async () => {
    const c = await cluster((book, [g1, g2]) => [(book === 'sbo' ? g2 : g1)?.url ?? '']);
    const messages = run(14);
    c.send(firstPart(messages));
    await c.agree();
    await redis.stop();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await redis.start();
    const restarted = Date.now();
    c.send(secondPart(messages));
    const { agreedAt } = await c.agree(c.gateways, 40_000);
    console.info(
      `Redis restart: /arbs right again ${(agreedAt - restarted).toString()} ms after it was back`,
    );
    for (const watcher of c.watchers.slice(1)) {
      expect(arbSet(watcher.open().values())).toEqual(arbSet(await getJson<Arb[]>(`${c.all.url}/arbs`)));
      toldOnce(watcher);
    }
  });
});
