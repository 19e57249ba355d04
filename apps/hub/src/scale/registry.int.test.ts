// Partition assignment across gateways: the workers of one (book, account) connected to
// different gateways split the partitions between them, and the rest take over a
// partition within a few beats when one leaves, on a real Redis.
import { createRedisClient } from '@arbhub/session';
import { startRedisServer } from '@arbhub/session/testing';
import type { RedisServer } from '@arbhub/session/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { HubHarness, TEST_TOKEN } from '../testing/harness.js';
import { DEFAULT_ROUTING } from './routing.js';

let server: RedisServer;
const clients: Redis[] = [];
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server.stop();
});
const client = () => {
  const made = createRedisClient(server.url, { enableOfflineQueue: true });
  clients.push(made);
  return made;
};

/** A worker offering `partitions`; `assigned` is its latest share. */
function worker(ws: string, workerId: string, partitions: string[]) {
  const socket = new WebSocket(`${ws}/ws`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
  const state = { assigned: undefined as string[] | undefined, socket };
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { type: string; partitions?: string[] };
    if (message.type === 'worker:registered' || message.type === 'assign')
      state.assigned = message.partitions;
  });
  socket.once('open', () => {
    socket.send(
      JSON.stringify({ type: 'worker:register', workerId, book: 'csport', account: 'demo1', partitions }),
    );
  });
  return state;
}

async function until(check: () => boolean, ms: number): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error('not within time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}

describe('the worker registry across gateways', () => {
  it("splits one account's partitions evenly over workers at two gateways, and rebalances when one leaves", async () => {
    const harnesses = [new HubHarness(), new HubHarness()];
    try {
      const bases = await Promise.all(
        harnesses.map((h, i) =>
          h.start({}, false, {
            gateway: {
              redis: client(),
              reader: client(),
              routing: DEFAULT_ROUTING,
              retainMs: 60_000,
              gatewayId: `g${i.toString()}`,
            },
          }),
        ),
      );
      const parts = ['soccer:early', 'soccer:live', 'soccer:today', 'tennis:today'];
      const workers = [
        worker(bases[0]?.ws ?? '', 'csport-a', parts),
        worker(bases[1]?.ws ?? '', 'csport-b', parts),
        worker(bases[0]?.ws ?? '', 'csport-c', parts),
        worker(bases[1]?.ws ?? '', 'csport-d', parts),
      ];
      const covered = (ws: typeof workers) => ws.flatMap((w) => w.assigned ?? []).sort();
      // One partition each, none twice, all covered.
      await until(
        () =>
          workers.every((w) => w.assigned?.length === 1) &&
          covered(workers).join() === [...parts].sort().join(),
        10_000,
      );
      // Every gateway's /workers lists all four, each with the partition it was given.
      const listed = async (base: string) =>
        ((await (await fetch(`${base}/workers`)).json()) as { workerId: string; partitions: string[] }[])
          .map((w) => `${w.workerId}:${w.partitions.join('+')}`)
          .sort();
      const expected = workers
        .map((w, i) => `csport-${'abcd'[i] ?? ''}:${(w.assigned ?? []).join('+')}`)
        .sort();
      for (const end = Date.now() + 5000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
        const both = await Promise.all(bases.map((b) => listed(b.base)));
        if (both.every((l) => JSON.stringify(l) === JSON.stringify(expected))) break;
      }
      for (const b of bases) expect(await listed(b.base)).toEqual(expected);
      // csport-d leaves its gateway: the three left cover its partition too.
      workers[3]?.socket.close();
      const rest = workers.slice(0, 3);
      const ms = await until(() => covered(rest).join() === [...parts].sort().join(), 10_000);
      expect(rest.map((w) => w.assigned?.length).sort()).toEqual([1, 1, 2]);
      expect(ms).toBeLessThan(5000);
      for (const w of rest) w.socket.close();
    } finally {
      await Promise.all(harnesses.map((h) => h.close()));
    }
  });

  it('forgets the workers of a gateway that stopped writing (it died) within three beats', async () => {
    const redis = client();
    const harness = new HubHarness();
    try {
      const { ws } = await harness.start({}, false, {
        gateway: { redis, reader: client(), routing: DEFAULT_ROUTING, retainMs: 60_000, gatewayId: 'g-live' },
      });
      // A dead gateway's worker, last seen 10 s ago, held every partition.
      await redis.hset(
        'arbhub:workers',
        'csport-dead',
        JSON.stringify({
          workerId: 'csport-dead',
          book: 'csport',
          account: 'demo1',
          partitions: ['p1', 'p2'],
          gateway: 'g-dead',
          seenAt: Date.now() - 10_000,
        }),
      );
      const live = worker(ws, 'csport-live', ['p1', 'p2']);
      await until(() => live.assigned?.join() === 'p1,p2', 5000);
      expect(await redis.hexists('arbhub:workers', 'csport-dead')).toBe(0);
      live.socket.close();
    } finally {
      await harness.close();
    }
  });
});
