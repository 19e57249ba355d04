// Several hub processes on one Redis (the gateways behind one load balancer): a dashboard
// logout at one ends the session at all (its open /stream too), and at a hub started
// later; a /stream of a login ends when the login expires; the rate limits
// count an address's requests and wrong login tries across them, and while Redis does not
// answer each process goes on counting on its own (a limit never lapses). Real
// redis-server, real HTTP over loopback.
import { createRedisClient } from '@arbhub/session';
import { startRedisServer } from '@arbhub/session/testing';
import type { RedisServer } from '@arbhub/session/testing';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { SESSION_ENDED } from './routes/stream.js';
import { HubHarness } from './testing/harness.js';

const API_TOKEN = 'an-api-token-shared-by-the-gateways';
let server: RedisServer;
const harnesses: HubHarness[] = [];
const clients: Redis[] = [];

beforeAll(async () => {
  server = await startRedisServer();
});
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
  for (const client of clients.splice(0)) client.disconnect();
  await server.stop();
  await server.start(); // each test on an empty Redis
});
afterAll(async () => {
  await server.stop();
});

/** A hub on the shared Redis (or, with `shared` false, on none). */
async function hub(config: Record<string, unknown> = {}, shared = true): Promise<string> {
  const harness = new HubHarness();
  harnesses.push(harness);
  const redis = createRedisClient(server.url);
  redis.on('error', () => undefined);
  clients.push(redis);
  await new Promise((resolve) => redis.once('ready', resolve));
  const { base } = await harness.start({ API_TOKEN, ...config }, false, shared ? { redis } : {});
  return base;
}

const login = (base: string, token: string) =>
  fetch(`${base}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
const arbs = (base: string, cookie: string) => fetch(`${base}/arbs`, { headers: { cookie } });

/** A /stream subscriber (the snapshot received), and how it was closed once it is. */
async function subscribe(base: string, headers: Record<string, string>) {
  const socket = new WebSocket(`${base.replace('http', 'ws')}/stream`, { headers });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.once('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
    });
  });
  await new Promise((resolve, reject) => {
    socket.once('message', resolve);
    socket.once('error', reject);
  });
  return { socket, closed };
}

/** Polls until `ok` holds (2 s at most); gives how long it took. */
async function within(ok: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await ok())) {
    if (Date.now() - started > 2000) throw new Error('not within 2 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

describe('hub processes sharing one Redis', () => {
  it('a logout at one gateway ends the session at every gateway, and at one started later', async () => {
    const [a, b] = await Promise.all([hub(), hub()]);
    const signedIn = await login(a, API_TOKEN);
    expect(signedIn.status).toBe(200);
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await arbs(a, cookie)).status).toBe(200);
    expect((await arbs(b, cookie)).status).toBe(200); // the same signing key: one login for all

    // A /stream at `a` opened by this login, and one opened by the API token.
    const byLogin = await subscribe(a, { cookie });
    const byToken = await subscribe(a, { authorization: `Bearer ${API_TOKEN}`, cookie });

    const out = await fetch(`${b}/logout`, { method: 'POST', redirect: 'manual', headers: { cookie } });
    expect(out.status).toBe(303);
    // The login's /stream at the other hub ends with it; the token's does not.
    expect(await byLogin.closed).toEqual({ code: SESSION_ENDED, reason: 'logged out' });
    expect(byToken.socket.readyState).toBe(WebSocket.OPEN);
    byToken.socket.close();
    expect((await arbs(b, cookie)).status).toBe(401);
    const ms = await within(async () => (await arbs(a, cookie)).status === 401);
    console.info(`logout at one gateway: refused at the other after ${ms.toString()} ms`);
    // A hub started afterwards (a restart) reads the logouts still in force.
    const c = await hub();
    await within(async () => (await arbs(c, cookie)).status === 401);
    // Only a hash of the session is in Redis, never the cookie's value.
    const stored = await clients[0]?.zrange('arbhub:logouts', 0, -1);
    expect(stored).toHaveLength(1);
    expect(cookie).not.toContain(stored?.[0] ?? '');
    // Without Redis a hub knows only its own logouts (the reason to share them).
    const alone = await hub({}, false);
    expect((await arbs(alone, cookie)).status).toBe(200);
  });

  it('ends a /stream opened by a dashboard login when the login expires', async () => {
    const alone = await hub({ SESSION_TTL_S: 1 }, false);
    const signedIn = await login(alone, API_TOKEN);
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const started = Date.now();
    const { closed } = await subscribe(alone, { cookie });
    expect(await closed).toEqual({ code: SESSION_ENDED, reason: 'session expired' });
    expect(Date.now() - started).toBeLessThan(1500);
    expect((await arbs(alone, cookie)).status).toBe(401);
  });

  it("counts an address's requests across gateways, and each on its own while Redis is away", async () => {
    const config = { RATE_LIMIT_MAX: 6, RATE_LIMIT_WINDOW_MS: 60_000 };
    const [a, b] = await Promise.all([hub(config), hub(config)]);
    const health = (base: string) => fetch(`${base}/health`);
    for (const base of [a, b, a, b, a, b]) expect((await health(base)).status).toBe(200);
    // Six in all: the seventh is refused at either, though each saw only three.
    expect((await health(a)).status).toBe(429);
    expect((await health(b)).status).toBe(429);

    await server.stop();
    // Each counts on its own meanwhile: six more at `a`, then refused.
    for (let i = 0; i < 6; i += 1) expect((await health(a)).status).toBe(200);
    expect((await health(a)).status).toBe(429);
  });

  it('answers while Redis stalls (its socket open, no answer): the counts go local after one short wait', async () => {
    const a = await hub({ RATE_LIMIT_MAX: 3, RATE_LIMIT_WINDOW_MS: 60_000 });
    const pid = Number(/process_id:(\d+)/.exec((await clients[0]?.info('server')) ?? '')?.[1]);
    process.kill(pid, 'SIGSTOP');
    try {
      const took: number[] = [];
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) {
        const started = Date.now();
        statuses.push((await fetch(`${a}/health`)).status);
        took.push(Date.now() - started);
      }
      console.info(`Redis stalled: requests answered in ${took.join(', ')} ms`);
      expect(statuses).toEqual([200, 200, 200, 429]); // still limited, counted in this process
      expect(Math.max(...took)).toBeLessThan(1000);
      expect(took.slice(1).every((ms) => ms < 100)).toBe(true); // only the first waited
    } finally {
      process.kill(pid, 'SIGCONT');
    }
  });

  it("counts a login's wrong tries across gateways: five in a minute, wherever they came", async () => {
    const [a, b] = await Promise.all([hub(), hub()]);
    for (const base of [a, b, a, b, a]) expect((await login(base, 'a-wrong-token')).status).toBe(401);
    expect((await login(b, API_TOKEN)).status).toBe(429);
    expect((await login(a, API_TOKEN)).status).toBe(429);
  });
});
