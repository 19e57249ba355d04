// An alerter process killed (SIGKILL) while a delivery is under way, and started again:
// the alert is neither lost nor sent as a second alert. The receiver holds the first
// request without answering; the kill leaves the BullMQ job locked; the new process's
// stalled-job check takes it up once the lock (ALERT_LOCK_MS) runs out and sends it again
// under the same X-Arbhub-Delivery id, which a receiver uses to drop a repeat. The /stream
// snapshot the new process starts with finds the claim and its job, and queues nothing.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startRedisServer } from '@arbhub/session/testing';
import type { RedisServer } from '@arbhub/session/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { API_TOKEN, Receiver, TestHub, WEBHOOK_SECRET, sleep, until } from './testing/world.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
let redis: RedisServer | undefined;
const hub = new TestHub();
const webhook = new Receiver();
const children: ChildProcess[] = [];
/** What the alerter processes printed, for a failure's message. */
let output = '';

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await hub.close();
  await webhook.close();
  await redis?.stop();
});

function alerterProcess(env: Record<string, string>): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@arbhub/source', join(here, 'main.ts')],
    {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  for (const stream of [child.stdout, child.stderr])
    stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return child;
}

describe('an alerter killed mid-delivery', () => {
  it('and started again neither loses the alert nor sends it as a second one', async () => {
    redis = await startRedisServer();
    await hub.start({ API_TOKEN });
    await webhook.start();
    const held: { end(): void }[] = [];
    // The first request is held open (the alerter dies waiting); later ones are answered 200.
    webhook.answer = (_request, response) => {
      if (webhook.received.length === 1) held.push({ end: () => response.destroy() });
      else response.writeHead(200).end();
    };
    const env = {
      HUB_URL: hub.url,
      API_TOKEN,
      REDIS_URL: redis.url,
      ALERT_WEBHOOK_URL: `${webhook.url}/hook`,
      ALERT_WEBHOOK_SECRET: WEBHOOK_SECRET,
      ALERT_LOCK_MS: '3000',
      ALERTER_PORT: String(await freePort()),
      LOG_LEVEL: 'info',
    };
    const first = alerterProcess(env);
    await hub.arbitrage(1);
    await until('the first attempt reaches the receiver', () => webhook.received.length >= 1, 30_000);
    const killedAt = Date.now();
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    for (const request of held) request.end();
    alerterProcess({ ...env, ALERTER_PORT: String(await freePort()) });
    await until('the alert sent again', () => webhook.received.length >= 2, 30_000).catch(
      (error: unknown) => {
        throw new Error(`${String(error)}\n${output.slice(-3000)}`);
      },
    );
    console.log(`killed mid-delivery: sent again ${(Date.now() - killedAt).toString()} ms after the kill`);
    await sleep(4000);
    expect(webhook.received).toHaveLength(2);
    const [before, after] = webhook.received;
    expect(after?.headers['x-arbhub-delivery']).toBe(before?.headers['x-arbhub-delivery']);
    expect(JSON.parse(after?.body ?? '{}')).toMatchObject({ type: 'arb:open' });
  }, 90_000);
});
