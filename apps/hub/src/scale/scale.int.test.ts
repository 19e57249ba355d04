// The sharded path against the single hub, on a real Redis: the same traffic through
// gateways' publishers, the shard streams and three engines must give the same
// canonical events and the same open arbitrage as one LiveState given it directly.
import { createRedisClient } from '@arbhub/session';
import { startRedisServer } from '@arbhub/session/testing';
import type { RedisServer } from '@arbhub/session/testing';
import type { EventsAnswer } from '@arbhub/schema';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LiveState } from '../state.js';
import { Engine } from './engine.js';
import type { ShardStateHooks } from './engine.js';
import { ShardLog } from './log.js';
import { LogPublisher } from './publisher.js';
import { arbSet, eventSets } from './compare.js';
import { ResultsReader } from './results.js';
import { DEFAULT_ROUTING, ownerOf } from './routing.js';
import { traffic } from './traffic.js';

let server: RedisServer;
const clients: Redis[] = [];
const engines: Engine[] = [];
const silent = { info: () => undefined, warn: () => undefined };
const client = () => {
  const made = createRedisClient(server.url, { enableOfflineQueue: true });
  clients.push(made);
  return made;
};

beforeAll(async () => {
  server = await startRedisServer();
});
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.stop()));
  await clients[0]?.flushall(); // the next test starts on an empty log
  for (const made of clients.splice(0)) made.disconnect();
});
afterAll(async () => {
  await server.stop();
});

const makeState = (_shard: number, hooks: ShardStateHooks) =>
  new LiveState({ staleAfterMs: 600_000, updateEveryMs: 0, ...hooks });

function startEngine(id: string): Engine {
  const engine = new Engine({
    redis: client(),
    reader: client(),
    engineId: id,
    routing: DEFAULT_ROUTING,
    leaseMs: 3000,
    retainMs: 600_000,
    makeState,
    log: silent,
  });
  engines.push(engine);
  return engine;
}

/** Each canonical event as the sorted keys of its listings. */

/** The sharded events: each shard's events that it owns, over every engine. */
function shardedEvents(): string[] {
  const owned: EventsAnswer = [];
  for (const engine of engines)
    for (const shard of engine.shards) {
      const state = engine.stateOf(shard);
      for (const event of state?.events() ?? []) {
        const seen = state?.eventKickoffs(event.id);
        if (seen && ownerOf(seen.sport, seen.kickoffs, DEFAULT_ROUTING) === shard) owned.push(event);
      }
    }
  return eventSets(owned);
}

async function until(check: () => Promise<boolean> | boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('scale-out: gateways, the log and engine shards', () => {
  it.each([2, 4])(
    'with %i engines each holds its share of the shards and applies its share of the quotes (within a fifth of 1/N)',
    async (count) => {
      const started = Array.from({ length: count }, (_, i) =>
        startEngine(`share-${count.toString()}-${i.toString()}`),
      );
      await Promise.all(started.map((e) => e.start()));
      const even = () => started.every((e) => e.shards.length === 16 / count);
      await until(even, 10_000);
      expect(even(), started.map((e) => e.shards.length).join()).toBe(true);
      // A week of fixtures: 256 of them around 64 two-hour boundaries, three books, 3,000 moves.
      const messages = traffic({
        fixtures: 256,
        books: ['csport', 'sbo', 'pin'],
        moves: 3000,
        seed: 13,
        start: Date.now() + 3 * 3600_000,
      });
      const publisher = new LogPublisher({
        log: new ShardLog(client(), { retainMs: 600_000 }),
        routing: DEFAULT_ROUTING,
      });
      for (const message of messages) publisher.apply(message);
      await publisher.flushed();
      const applied = () => started.reduce((n, e) => n + e.stats.entries, 0);
      await until(() => applied() === publisher.appended, 15_000);
      expect(applied()).toBe(publisher.appended);
      const quotes = started.map((e) => e.stats.quotes);
      const total = quotes.reduce((a, b) => a + b, 0);
      for (const q of quotes) expect(Math.abs((q / total) * count - 1), quotes.join()).toBeLessThan(0.2);
      console.log(
        `${count.toString()} engines: shares ${quotes.map((q) => ((q / total) * count).toFixed(3)).join(', ')} of 1/N`,
      );
    },
    30_000,
  );

  it('three engines find the events and the open arbitrage one hub finds, none lost to a boundary', async () => {
    const messages = traffic({
      fixtures: 48,
      books: ['csport', 'sbo', 'pin'],
      moves: 400,
      seed: 7,
      start: Date.now() + 3 * 3600_000,
    });
    const single = new LiveState({
      staleAfterMs: 600_000,
      updateEveryMs: 0,
      clock: Date,
      onChanges: () => undefined,
    });
    for (const message of messages) single.apply(message);
    const expectedArbs = arbSet(single.openArbs());
    const expectedEvents = eventSets(single.events());
    // The traffic puts events across boundaries and finds arbitrage: the comparison means something.
    expect(expectedArbs.length).toBeGreaterThan(10);
    expect(single.events().filter((e) => e.members.length === 3).length).toBeGreaterThan(30);

    await Promise.all(['e1', 'e2', 'e3'].map((id) => startEngine(id).start()));
    // The first to start takes every shard, then gives back all but its share as the others appear.
    const shares = () => engines.map((e) => e.shards.length);
    const balanced = () =>
      shares().reduce((a, b) => a + b, 0) === 16 && shares().every((n) => n >= 4 && n <= 6);
    await until(balanced, 10_000);
    expect(balanced(), shares().join()).toBe(true);
    expect(new Set(engines.flatMap((e) => e.shards)).size).toBe(16);

    // Two gateways, each with its own workers.
    const log = new ShardLog(client(), { retainMs: 600_000 });
    const gateways = [
      new LogPublisher({ log, routing: DEFAULT_ROUTING }),
      new LogPublisher({ log, routing: DEFAULT_ROUTING }),
    ];
    for (const message of messages) gateways[message.book === 'sbo' ? 1 : 0]?.apply(message);
    await Promise.all(gateways.map((g) => g.flushed()));

    const reader = new ResultsReader(client());
    let published: string[] = [];
    await until(async () => {
      published = arbSet((await reader.snapshot()).arbs);
      return published.length === expectedArbs.length;
    }, 15_000);
    expect(published).toEqual(expectedArbs);
    expect(shardedEvents()).toEqual(expectedEvents);
  });
});
