// A gateway whose log appends fall behind holds its workers back instead of reading (and
// buffering, and in the end dropping) everything they send: a real gateway process, a real
// Redis made to stall (SIGSTOP) while a worker sends 30,000 updates, and every entry in
// the shard streams once Redis goes on.
import { Redis } from 'ioredis';
import { startRedisServer } from '@arbhub/session/testing';
import type { RedisServer } from '@arbhub/session/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplayWorker, startHub } from '../testing/processes.js';
import type { HubProcess } from '../testing/processes.js';
import { traffic } from './traffic.js';

let redis: RedisServer;
let client: Redis;
let redisPid = 0;
let gateway: HubProcess | undefined;

beforeAll(async () => {
  redis = await startRedisServer();
  client = new Redis(redis.url);
  redisPid = Number(/process_id:(\d+)/.exec(await client.info('server'))?.[1]);
});
afterAll(async () => {
  if (redisPid) process.kill(redisPid, 'SIGCONT');
  await gateway?.kill('SIGKILL');
  client.disconnect();
  await redis.stop();
});

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${gateway?.url ?? ''}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ').at(-1));
}

const UPDATES = 'arbhub_ws_messages_total{type="odds:update"}';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('gateway backpressure', () => {
  it('stops reading its workers while the log is behind, and loses nothing', async () => {
    gateway = await startHub('gateway', {
      REDIS_URL: redis.url,
      HUB_ROLE: 'gateway',
      STALE_AFTER_MS: '600000',
    });
    const worker = new ReplayWorker(gateway.url, 'csport-w1', 'csport');
    await worker.ready();
    const [snapshot, ...deltas] = traffic({
      fixtures: 48,
      books: ['csport'],
      moves: 30_000,
      seed: 5,
      start: Date.now() + 3 * 3600_000,
    });
    if (!snapshot) throw new Error('no traffic');
    worker.send([snapshot]);
    for (const end = Date.now() + 10_000; (await metric('arbhub_log_appended')) < 16 && Date.now() < end;)
      await sleep(50);
    const before = await metric('arbhub_log_appended');

    process.kill(redisPid, 'SIGSTOP'); // Redis stalls: appends wait for their answer
    worker.send(deltas);
    // The gateway reads until 20,000 entries wait, then holds the worker back.
    for (const end = Date.now() + 20_000; (await metric('arbhub_log_holds')) < 1 && Date.now() < end;)
      await sleep(100);
    await sleep(1000);
    const waiting = await metric('arbhub_log_waiting');
    const read = await metric(UPDATES);
    expect(await metric('arbhub_log_holds')).toBeGreaterThanOrEqual(1);
    expect(waiting).toBeGreaterThanOrEqual(20_000);
    // Not everything was read: the rest waits in the worker's socket, not in the gateway.
    expect(read).toBeLessThan(deltas.length);

    process.kill(redisPid, 'SIGCONT');
    const sent = deltas.length + 1; // and the snapshot
    for (
      const end = Date.now() + 30_000;
      ((await metric(UPDATES)) < sent || (await metric('arbhub_log_waiting')) > 0) && Date.now() < end;
    )
      await sleep(200);
    expect(await metric('arbhub_log_waiting')).toBe(0);
    expect(await metric('arbhub_log_dropped')).toBe(0);
    const appended = await metric('arbhub_log_appended');
    // Every delta reached the log (each one or two entries), and the streams hold what was appended.
    expect(appended - before).toBeGreaterThanOrEqual(deltas.length);
    let inStreams = 0;
    for (let shard = 0; shard < 16; shard += 1)
      inStreams += await client.xlen(`arbhub:shard:${shard.toString()}`);
    expect(inStreams).toBe(appended);
    const workers = (await (await fetch(`${gateway.url}/workers`)).json()) as { state: string }[];
    expect(workers.map((w) => w.state)).toEqual(['ok']);
    worker.close();
  }, 90_000);
});
