// Shard leases under load, on a real Redis: beats that overlap or come late must not
// cost an engine its own shards, and an engine busy with a long backlog keeps them
// (a lost lease means a rebuild: the shard's whole retained stream replayed).
import { createRedisClient } from '@arbhub/session';
import { startRedisServer } from '@arbhub/session/testing';
import type { RedisServer } from '@arbhub/session/testing';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LiveState } from '../state.js';
import { Engine } from './engine.js';
import type { ShardStateHooks } from './engine.js';
import { ShardLeases } from './leases.js';
import { ShardLog } from './log.js';
import { LogPublisher } from './publisher.js';
import { DEFAULT_ROUTING } from './routing.js';
import { traffic } from './traffic.js';

let server: RedisServer;
const clients: Redis[] = [];
const engines: Engine[] = [];
const client = () => {
  const made = createRedisClient(server.url, { enableOfflineQueue: true });
  clients.push(made);
  return made;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  server = await startRedisServer();
});
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.stop()));
  for (const made of clients.splice(0)) made.disconnect();
  await server.stop();
  await server.start();
});
afterAll(async () => {
  await server.stop();
});

describe('shard leases', () => {
  it('two beats at once, after the leases lapsed, both keep every shard', async () => {
    const leases = new ShardLeases({ redis: client(), engineId: 'e1', shards: 8, leaseMs: 300 });
    expect((await leases.tick()).gained).toHaveLength(8);
    await sleep(400); // every lease lapsed: the engine was busy
    const [a, b] = await Promise.all([leases.tick(), leases.tick()]);
    expect(a.lost).toEqual([]);
    expect(b.lost).toEqual([]);
    expect(leases.shards).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const owners = await client().mget(...leases.shards.map((s) => `arbhub:lease:${s.toString()}`));
    expect(owners).toEqual(new Array(8).fill('e1'));
  });

  it('loses a shard another engine holds now, and only that one', async () => {
    const redis = client();
    const leases = new ShardLeases({ redis, engineId: 'e1', shards: 4, leaseMs: 300 });
    await leases.tick();
    await sleep(400);
    await redis.set('arbhub:lease:2', 'e2', 'PX', 5000); // taken while e1 was away
    const changes = await leases.tick();
    expect(changes.lost).toEqual([2]);
    expect(leases.shards).toEqual([0, 1, 3]);
  });

  it('an engine working through a long backlog stays responsive and keeps its shards: no rebuild, every entry applied once', async () => {
    // Each update costs 4 ms more than it does: about 1,900 entries make 7 s of work for
    // one engine whose leases last 1 s.
    const makeState = (_shard: number, hooks: ShardStateHooks) => {
      const state = new LiveState({ staleAfterMs: 600_000, updateEveryMs: 0, ...hooks });
      const apply = state.apply.bind(state);
      state.apply = (update) => {
        for (const end = performance.now() + 4; performance.now() < end;);
        return apply(update);
      };
      return state;
    };
    const engine = new Engine({
      redis: client(),
      reader: client(),
      engineId: 'busy',
      routing: DEFAULT_ROUTING,
      leaseMs: 1000,
      retainMs: 600_000,
      makeState,
      log: { info: () => undefined, warn: () => undefined },
    });
    engines.push(engine);
    await engine.start();
    expect(engine.shards).toHaveLength(16);
    const publisher = new LogPublisher({
      log: new ShardLog(client(), { retainMs: 600_000 }),
      routing: DEFAULT_ROUTING,
    });
    const messages = traffic({
      fixtures: 48,
      books: ['csport', 'sbo', 'pin'],
      moves: 1200,
      seed: 11,
      start: Date.now() + 3 * 3600_000,
    });
    // How long the engine's event loop made a 10 ms timer wait, at most, meanwhile.
    let longestWait = 0;
    let last = performance.now();
    const probe = setInterval(() => {
      longestWait = Math.max(longestWait, performance.now() - last);
      last = performance.now();
    }, 10);
    for (const message of messages) publisher.apply(message);
    await publisher.flushed();
    expect(publisher.appended).toBeGreaterThan(1500);
    const end = Date.now() + 30_000;
    while (engine.stats.entries < publisher.appended && Date.now() < end) await sleep(100);
    clearInterval(probe);
    // Lease beats, publications and /health get their turn: reads are applied in slices.
    expect(longestWait).toBeLessThan(500);
    await sleep(1500); // a few more beats
    expect(engine.stats.entries).toBe(publisher.appended);
    expect(engine.shards).toHaveLength(16);
    expect(engine.stats.rebuilds).toHaveLength(16); // the first takes only
  }, 40_000);
});
