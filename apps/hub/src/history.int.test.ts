// Closed arbitrages in a Redis stream (a real redis-server), and what happens when it goes.
import { createRedisClient } from '@arbhub/session';
import { startRedisServer } from '@arbhub/session/testing';
import type { RedisServer } from '@arbhub/session/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { redisHistory } from './history.js';
import type { ClosedRecord } from './history.js';

let server: RedisServer;
let client: Redis;
beforeAll(async () => {
  server = await startRedisServer();
  client = createRedisClient(server.url);
  client.on('error', () => undefined);
});
afterAll(async () => {
  client.disconnect();
  await server.stop();
});

const record = (id: string, lifetimeMs: number): ClosedRecord => ({
  arb: {
    id,
    eventId: 'ev',
    event: { home: 'A', away: 'B', league: 'L', startTime: '2026-11-28T15:00:00Z' },
    period: 'ft',
    kind: 'pair',
    returnRatio: 1.02,
    profitPct: 2,
    openedAt: 1000,
    updatedAt: 1000,
    flags: [],
    legs: [
      {
        book: 'csport',
        eventId: '1',
        market: 'ah',
        line: -0.5,
        side: 'home',
        odds: 2.1,
        stakeFraction: 0.5,
        maxStake: null,
      },
      {
        book: 'pin',
        eventId: '2',
        market: 'ah',
        line: 0.5,
        side: 'away',
        odds: 2.05,
        stakeFraction: 0.5,
        maxStake: null,
      },
    ],
  },
  reason: 'odds_moved',
  closedAt: 1000 + lifetimeMs,
  lifetimeMs,
});

describe('history in Redis', () => {
  it('keeps an arbitrage’s flags, and reads one recorded before flags existed as clean', async () => {
    const key = `arbhub-test-flags-${Date.now().toString(36)}`;
    const history = redisHistory(client, { key, size: 50 });
    if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve));
    const old = record('arb-old', 10);
    const withoutFlags: Partial<ClosedRecord['arb']> = { ...old.arb };
    delete withoutFlags.flags;
    await client.xadd(key, '*', 'record', JSON.stringify({ ...old, arb: withoutFlags }));
    history.add({
      ...record('arb-flagged', 20),
      arb: { ...record('arb-flagged', 20).arb, flags: ['outlier'] },
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const listed = await history.list(10);
    expect(listed.map((r) => [r.arb.id, r.arb.flags])).toEqual([
      ['arb-flagged', ['outlier']],
      ['arb-old', []],
    ]);
  });

  it('keeps closed arbitrages in a capped stream, newest first, and reports Redis on /health', async () => {
    const key = `arbhub-test-history-${Date.now().toString(36)}`;
    const history = redisHistory(client, { key, size: 50 });
    const app = await buildApp({
      config: { STALE_AFTER_MS: 60_000, HEARTBEAT_MS: 5000, MAX_MESSAGE_BYTES: 1 << 20 },
      history,
    });
    try {
      for (let i = 0; i < 120; i += 1) history.add(record(`arb-${i}`, i));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const listed = (await app.inject({ url: '/arbs/history?limit=3' })).json<ClosedRecord[]>();
      expect(listed.map((r) => r.arb.id)).toEqual(['arb-119', 'arb-118', 'arb-117']);
      expect(await client.xlen(key)).toBeLessThan(120); // MAXLEN ~ trims
      expect((await app.inject({ url: '/health' })).json()).toMatchObject({ status: 'ok', redis: 'up' });
      expect((await app.inject({ url: '/arbs/history?limit=0' })).statusCode).toBe(400);

      await server.stop();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const health = await app.inject({ url: '/health' });
      expect(health.statusCode).toBe(200);
      expect(health.json()).toMatchObject({ status: 'degraded', redis: 'down' });
      // The local ring still answers.
      history.add(record('arb-during-outage', 5));
      const during = (await app.inject({ url: '/arbs/history?limit=1' })).json<ClosedRecord[]>();
      expect(during[0]?.arb.id).toBe('arb-during-outage');
    } finally {
      await app.close();
    }
  });
});
