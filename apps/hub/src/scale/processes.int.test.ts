// Scale-out as it runs: real hub processes (main.ts in each role), a real Redis, workers
// speaking the protocol over /ws. The same recorded traffic goes to one `all` hub and to
// 2 gateways in front of 3 engines; the answers must be the same.
import { startRedisServer } from '@arbhub/session/testing';
import type { RedisServer } from '@arbhub/session/testing';
import type { Arb, EventsAnswer } from '@arbhub/schema';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ReplayWorker, StreamWatcher, startHub } from '../testing/processes.js';
import type { HubProcess } from '../testing/processes.js';
import { arbKey } from './results.js';
import { traffic } from './traffic.js';

let redis: RedisServer;
const hubs: HubProcess[] = [];
const closers: { close(): void }[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
});
afterEach(async () => {
  for (const c of closers.splice(0)) c.close();
  await Promise.all(hubs.splice(0).map((h) => h.kill('SIGKILL')));
});
afterAll(async () => {
  await redis.stop();
});

const start = async (name: string, env: Record<string, string>) => {
  const hub = await startHub(name, { STREAM_UPDATE_MS: '0', ...env });
  hubs.push(hub);
  return hub;
};
const scaleEnv = () => ({ REDIS_URL: redis.url, ENGINE_LEASE_MS: '3000' });

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status.toString()}`);
  return (await response.json()) as T;
}

/** An arbitrage as the comparison sees it: its legs and its profit (ids and canonical ids are each hub's own). */
const arbSet = (arbs: Iterable<Arb>) => [...arbs].map((a) => `${arbKey(a)} ${a.profitPct.toFixed(6)}`).sort();
const eventSets = (events: EventsAnswer) =>
  events
    .map((e) =>
      e.members
        .map((m) => `${m.book}|${m.eventId}`)
        .sort()
        .join(' '),
    )
    .sort();

async function settle(what: string, read: () => Promise<string[][]>, ms: number): Promise<string[][]> {
  const end = Date.now() + ms;
  let last: string[][] = [];
  let stableSince = Date.now();
  let previous = '';
  while (Date.now() < end) {
    last = await read();
    const text = JSON.stringify(last);
    if (text !== previous) {
      previous = text;
      stableSince = Date.now();
    }
    const same = last.every((set) => JSON.stringify(set) === JSON.stringify(last[0]));
    if (same && Date.now() - stableSince > 1500) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `${what} did not agree within ${ms.toString()} ms: ${last.map((s) => s.length).join(' / ')}`,
  );
}

describe('scale-out processes', () => {
  it('2 gateways and 3 engines give the events, /arbs and /stream one hub gives', async () => {
    const messages = traffic({
      fixtures: 48,
      books: ['csport', 'sbo', 'pin'],
      moves: 300,
      seed: 11,
      start: Date.now() + 3 * 3600_000,
    });
    const [all, ...scaled] = await Promise.all([
      start('all', {}),
      ...['e1', 'e2', 'e3'].map((id) => start(id, { ...scaleEnv(), HUB_ROLE: 'engine', ENGINE_ID: id })),
      start('g1', { ...scaleEnv(), HUB_ROLE: 'gateway' }),
      start('g2', { ...scaleEnv(), HUB_ROLE: 'gateway' }),
    ]);
    const gateways = scaled.slice(3);
    const watchers = [all, ...gateways].map((hub) => new StreamWatcher(hub.url));
    closers.push(...watchers);
    await Promise.all(watchers.map((w) => w.opened));

    // Each book's worker: one to the single hub, one to a gateway (sbo to the second).
    const books = ['csport', 'sbo', 'pin'];
    const workers = books.flatMap((book) => [
      new ReplayWorker(all.url, `${book}-w1`, book),
      new ReplayWorker((book === 'sbo' ? gateways[1] : gateways[0])?.url ?? '', `${book}-w1`, book),
    ]);
    closers.push(...workers);
    await Promise.all(workers.map((w) => w.opened));
    for (const message of messages)
      for (const worker of workers) if (worker.book === message.book) worker.send([message]);

    const hubsToCompare = [all, ...gateways];
    const arbs = await settle(
      '/arbs',
      () => Promise.all(hubsToCompare.map(async (h) => arbSet(await getJson<Arb[]>(`${h.url}/arbs`)))),
      30_000,
    );
    expect(arbs[0]?.length).toBeGreaterThan(10);
    expect(arbs[1]).toEqual(arbs[0]);
    expect(arbs[2]).toEqual(arbs[0]);

    const events = await settle(
      '/events',
      () =>
        Promise.all(
          hubsToCompare.map(async (h) => eventSets(await getJson<EventsAnswer>(`${h.url}/events`))),
        ),
      10_000,
    );
    expect(events[1]).toEqual(events[0]);
    expect(events[2]).toEqual(events[0]);

    // /stream: the same open set on every hub, and the very same sequence of changes on both gateways.
    const streamed = watchers.map((w) => arbSet(w.open().values()));
    expect(streamed[0]).toEqual(arbs[0]);
    expect(streamed[1]).toEqual(arbs[0]);
    expect(streamed[2]).toEqual(arbs[0]);
    const sequence = (w: StreamWatcher) =>
      w.messages
        .filter((m) => m.type.startsWith('arb:'))
        .map((m) => `${m.type} ${'id' in m ? m.id : 'arb' in m ? m.arb.id : ''}`);
    const [, w1, w2] = watchers;
    if (!w1 || !w2) throw new Error('no watchers');
    expect(sequence(w1).length).toBeGreaterThan(arbs[0]?.length ?? 0);
    expect(sequence(w2)).toEqual(sequence(w1));
    // Nothing opened twice on a gateway.
    const opens = sequence(w1).filter((s) => s.startsWith('arb:open'));
    expect(new Set(opens).size).toBe(opens.length);
  });
});
