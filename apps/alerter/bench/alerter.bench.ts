// Benchmark: alerts through the alerter. (1) The queue alone: 2,000 deliveries queued at
// once to a local webhook receiver answering 204, BullMQ on a real redis-server and the
// in-memory queue; alerts/s until the last is delivered. (2) End to end: a real hub fed by
// fake workers opens 100 arbitrages, 10 a second; the latency from each arb:open on the
// hub's /stream (a subscriber beside the alerter) to the receiver's 2xx for it, p50 and p99.
import { randomUUID } from 'node:crypto';
import type { Arb } from '@arbhub/schema';
import { startRedisServer } from '@arbhub/session/testing';
import WebSocket from 'ws';
import { quantile, round, writeResult } from '../../../bench/util.js';
import { webhookChannel } from '../src/channels/webhook.js';
import { legsKey } from '../src/policy.js';
import { memoryQueue } from '../src/memory-queue.js';
import { bullQueue } from '../src/queue.js';
import type { AlertQueue } from '../src/queue.js';
import { Redis } from 'ioredis';
import {
  API_TOKEN,
  Receiver,
  TestHub,
  WEBHOOK_SECRET,
  ahMatch,
  sleep,
  startAlerter,
  until,
} from '../src/testing/world.js';

const QUEUED = 2000;
const ARBS = 100;
const PER_SECOND = 10;

const template: Arb = {
  id: 'a',
  eventId: 'ev',
  event: {
    home: 'Home',
    away: 'Away',
    league: 'Bench League',
    startTime: '2030-01-01T15:00:00Z',
    sport: 'soccer',
  },
  period: 'ft',
  kind: 'pair',
  returnRatio: 1.03,
  profitPct: 3,
  legs: [
    {
      book: 'csport',
      eventId: 'cs',
      market: 'ah',
      line: -0.5,
      side: 'home',
      odds: 2.1,
      stakeFraction: 0.49,
      maxStake: null,
    },
    {
      book: 'pin',
      eventId: 'pin',
      market: 'ah',
      line: 0.5,
      side: 'away',
      odds: 2.05,
      stakeFraction: 0.51,
      maxStake: null,
    },
  ],
  openedAt: 0,
  updatedAt: 0,
  flags: [],
};

async function throughQueue(kind: 'bullmq' | 'memory', redisUrl: string) {
  const receiver = new Receiver();
  await receiver.start();
  receiver.answer = (_request, response) => {
    response.writeHead(204).end();
  };
  const channel = webhookChannel(`${receiver.url}/hook`, WEBHOOK_SECRET);
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue: AlertQueue =
    kind === 'bullmq'
      ? bullQueue({ connection, keepS: 3600, channels: [channel] })
      : memoryQueue({ channels: [channel], keepS: 3600 });
  const started = Date.now();
  for (let i = 0; i < QUEUED; i += 1)
    await queue.add({
      id: randomUUID(),
      channel: 'webhook',
      type: 'arb:open',
      arb: { ...template, id: `a-${i.toString()}` },
      seenAt: Date.now(),
    });
  const queuedMs = Date.now() - started;
  await until('every delivery', () => receiver.received.length >= QUEUED, 120_000);
  const ms = Date.now() - started;
  await queue.close();
  connection.disconnect();
  await receiver.close();
  return {
    deliveries: QUEUED,
    queuedInMs: queuedMs,
    deliveredInMs: ms,
    alertsPerSecond: round((QUEUED * 1000) / ms),
  };
}

async function endToEnd(kind: 'bullmq' | 'memory', redisUrl: string) {
  const hub = new TestHub();
  await hub.start({ API_TOKEN });
  const receiver = new Receiver();
  await receiver.start();
  const answeredAt = new Map<string, number>();
  receiver.answer = (request, response) => {
    response.writeHead(204).end();
    const arb = (JSON.parse(request.body) as { arb: Arb }).arb;
    if (!answeredAt.has(legsKey(arb))) answeredAt.set(legsKey(arb), Date.now());
  };
  const alerter = await startAlerter({
    HUB_URL: hub.url,
    API_TOKEN,
    ALERT_WEBHOOK_URL: `${receiver.url}/hook`,
    ALERT_WEBHOOK_SECRET: WEBHOOK_SECRET,
    ...(kind === 'bullmq' ? { REDIS_URL: redisUrl } : {}),
  });
  await until('following /stream', () => alerter.follower?.connected === true);
  const openedAt = new Map<string, number>();
  const observer = new WebSocket(`${hub.url.replace('http', 'ws')}/stream`, {
    headers: { authorization: `Bearer ${API_TOKEN}` },
  });
  observer.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { type: string; arb?: Arb };
    if (message.type === 'arb:open' && message.arb && !openedAt.has(legsKey(message.arb)))
      openedAt.set(legsKey(message.arb), Date.now());
  });
  await new Promise((resolve) => observer.once('open', resolve));
  const csport = await hub.worker('csport');
  const pin = await hub.worker('pin');
  const csMatches = [];
  const pinMatches = [];
  for (let i = 0; i < ARBS; i += 1) {
    // Distinct teams per fixture, so each is its own event and arbitrage.
    csMatches.push(
      ahMatch(`cs-${i.toString()}`, `Alpha ${i.toString()} FC`, `Beta ${i.toString()} FC`, 2.1, 1.75),
    );
    pinMatches.push(
      ahMatch(`pin-${i.toString()}`, `Alpha ${i.toString()} FC`, `Beta ${i.toString()} FC`, 1.8, 2.05),
    );
  }
  await pin.snapshot(pinMatches);
  for (let i = 0; i < ARBS; i += 1) {
    await csport.snapshot(csMatches.slice(0, i + 1));
    await sleep(Math.max(0, 1000 / PER_SECOND - 100));
  }
  await until(
    'every arbitrage delivered',
    () => answeredAt.size >= openedAt.size && openedAt.size >= ARBS * 0.9,
    60_000,
  );
  const latencies = [...openedAt]
    .map(([key, at]) => (answeredAt.get(key) ?? Number.NaN) - at)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  observer.close();
  await alerter.close();
  await hub.close();
  await receiver.close();
  return {
    opened: openedAt.size,
    delivered: answeredAt.size,
    latencyMs: { p50: round(quantile(latencies, 0.5)), p99: round(quantile(latencies, 0.99)) },
  };
}

const redis = await startRedisServer();
const result = {
  what: `alerts through the queue (${QUEUED.toString()} queued at once to a local webhook answering 204), and arb:open on /stream → the receiver's 2xx (${ARBS.toString()} arbitrages opened ${PER_SECOND.toString()} a second by a real hub)`,
  queue: { bullmq: await throughQueue('bullmq', redis.url), memory: await throughQueue('memory', redis.url) },
  endToEnd: { bullmq: await endToEnd('bullmq', redis.url), memory: await endToEnd('memory', redis.url) },
};
await redis.stop();
console.log(JSON.stringify(writeResult('alerter', result), null, 2));
process.exit(0);
