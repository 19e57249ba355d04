// A shard's publications on a real Redis: a burst of changes goes out in a few round trips,
// an arbitrage's consecutive updates folded into the latest, and what is published ends
// exactly as the shard's live state has it.
import { createRedisClient } from '@arbhub/session';
import { startRedisServer } from '@arbhub/session/testing';
import type { RedisServer } from '@arbhub/session/testing';
import type { ArbChanges } from '@arbhub/odds';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveState } from '../state.js';
import { arbSet } from './compare.js';
import { ResultsReader, ResultsWriter } from './results.js';
import { ShardPublisher } from './shard-publisher.js';
import { traffic } from './traffic.js';

let server: RedisServer;
let redis: Redis;

beforeAll(async () => {
  server = await startRedisServer();
  redis = createRedisClient(server.url, { enableOfflineQueue: true });
});
afterAll(async () => {
  redis.disconnect();
  await server.stop();
});

describe('shard publisher', () => {
  it('sends a burst of changes in a few round trips, folded, and ends as the live state', async () => {
    const writer = new ResultsWriter(redis);
    let roundTrips = 0;
    const apply = writer.apply.bind(writer);
    writer.apply = (shard, ops) => {
      roundTrips += 1;
      return apply(shard, ops);
    };
    let published = 0;
    const publisher = new ShardPublisher({
      shard: 0,
      writer,
      owns: () => true,
      allowed: () => true,
      clock: Date,
      onPublished: (count) => {
        published += count;
      },
      onError: (err) => {
        throw err;
      },
    });
    let changes = 0;
    const state = new LiveState({
      staleAfterMs: 600_000,
      updateEveryMs: 0, // every figure change told: many updates of each arbitrage
      clock: Date,
      onChanges: (told: ArbChanges) => {
        changes += told.opened.length + told.updated.length + told.closed.length;
        publisher.changed(told);
      },
    });
    const messages = traffic({
      fixtures: 48,
      books: ['csport', 'sbo', 'pin'],
      moves: 3000,
      seed: 3,
      start: Date.now() + 3 * 3600_000,
    });
    for (const message of messages) state.apply(message); // one burst: nothing sent meanwhile
    await publisher.idle();

    const open = state.openArbs();
    expect(open.length).toBeGreaterThan(10);
    expect(published).toBeLessThan(changes); // an arbitrage's updates in a row folded
    expect(roundTrips).toBeLessThanOrEqual(Math.ceil(published / 1000) + 1);
    const { arbs } = await new ResultsReader(redis).snapshot();
    expect(arbSet(arbs)).toEqual(arbSet(open)); // the latest figures of every open arbitrage, none closed left
    expect(await redis.xlen('arbhub:arb-changes')).toBe(published);

    // Afterwards, fifty updates of one arbitrage in a row: one publication, one round trip.
    const before = roundTrips;
    const changesPublished = published;
    const first = open[0];
    if (!first) throw new Error('no arbitrage');
    for (let i = 0; i < 50; i += 1) publisher.changed({ opened: [], updated: [first], closed: [] });
    await publisher.idle();
    expect(roundTrips).toBe(before + 1);
    expect(await redis.xlen('arbhub:arb-changes')).toBe(published);
    expect(published).toBe(changesPublished + 1);
  });
});
