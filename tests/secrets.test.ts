// No secret reaches a log: a full `npm start` run (simulator, hub, six workers, sessions
// in a password-protected Redis, sealed with SESSION_SECRET), every process at debug,
// with every secret this project knows set to a value of its own, and used: the API
// token (a bearer call, /stream?token=, a dashboard login), the metrics token, the worker
// token, the Redis password, the books' account password, the dashboard's session cookie
// and the books' own session cookies (read back from Redis). Then every line the run
// printed is searched for each of them.
import { aesGcmSealer, createRedisClient } from '@arbhub/session';
import { startRedisServer } from '@arbhub/session/testing';
import type { RedisServer } from '@arbhub/session/testing';
import { storedSessionSchema, parse } from '@arbhub/schema';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { sleep, startSystem } from './system.js';
import type { System } from './system.js';

const SECRETS = {
  API_TOKEN: 'apitoken-7Qx2-secret-never-logged',
  METRICS_TOKEN: 'metricstoken-9Lk4-secret-never-logged',
  WORKER_TOKEN: 'workertoken-3Hd8-secret-never-logged',
  SESSION_SECRET: 'sessionsecret-5Mv1-secret-never-logged',
  REDIS_PASSWORD: 'redispass-8Wt6-secret-never-logged',
  ACCOUNT_PASSWORD: 'bookpass-2Zr9-secret-never-logged',
};
const BOOKS = ['csport', 'sbo', 'bmk', 'pin', 'ibc', 'cmd'];

let redis: RedisServer | undefined;
let system: System | undefined;
afterAll(async () => {
  await system?.stop();
  await redis?.stop();
});

describe('a full npm start run with every secret set', () => {
  it('writes none of them, nor any cookie value in use, to any log line', async () => {
    redis = await startRedisServer();
    const admin = createRedisClient(redis.url);
    await new Promise((resolve) => admin.once('ready', resolve));
    await admin.config('SET', 'requirepass', SECRETS.REDIS_PASSWORD);
    admin.disconnect();
    const redisUrl = `redis://:${SECRETS.REDIS_PASSWORD}@127.0.0.1:${redis.port.toString()}`;
    system = await startSystem(
      {
        API_TOKEN: SECRETS.API_TOKEN,
        METRICS_TOKEN: SECRETS.METRICS_TOKEN,
        WORKER_TOKEN: SECRETS.WORKER_TOKEN,
        SESSION_SECRET: SECRETS.SESSION_SECRET,
        REDIS_URL: redisUrl,
        SIM_ACCOUNTS: `fuzzacct:${SECRETS.ACCOUNT_PASSWORD}`,
        ...Object.fromEntries(
          BOOKS.flatMap((book) => [
            [`${book.toUpperCase()}_USERNAME`, 'fuzzacct'],
            [`${book.toUpperCase()}_PASSWORD`, SECRETS.ACCOUNT_PASSWORD],
          ]),
        ),
        LOG_LEVEL: 'debug',
        SIMBOOK_LOG_LEVEL: 'debug',
      },
      90_000,
    );
    const { hub } = system;

    // The API token, used every way it can be.
    const bearer = { authorization: `Bearer ${SECRETS.API_TOKEN}` };
    expect((await fetch(`${hub}/arbs`, { headers: bearer })).status).toBe(200);
    expect(
      (await fetch(`${hub}/arbs`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status,
    ).toBe(401);
    expect(
      (await fetch(`${hub}/metrics`, { headers: { authorization: `Bearer ${SECRETS.METRICS_TOKEN}` } }))
        .status,
    ).toBe(200);
    const stream = new WebSocket(`${hub.replace('http', 'ws')}/stream?token=${SECRETS.API_TOKEN}`);
    await new Promise((resolve, reject) => {
      stream.once('message', resolve);
      stream.once('error', reject);
    });
    stream.close();
    // A dashboard login, and its cookie used.
    const login = await fetch(`${hub}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: SECRETS.API_TOKEN }),
    });
    expect(login.status).toBe(200);
    const dashboardCookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const dashboardValue = decodeURIComponent(dashboardCookie.slice(dashboardCookie.indexOf('=') + 1));
    expect(dashboardValue.length).toBeGreaterThan(20);
    expect((await fetch(`${hub}/odds`, { headers: { cookie: dashboardCookie } })).status).toBe(200);

    // The books' session cookies, as the workers share them through Redis (sealed).
    const reader = createRedisClient(redisUrl);
    await new Promise((resolve) => reader.once('ready', resolve));
    const sealer = aesGcmSealer(SECRETS.SESSION_SECRET);
    const bookCookies: string[] = [];
    for (const key of await reader.keys('arbhub:session:*')) {
      const raw = await reader.get(key);
      const plain = raw === null ? undefined : sealer.open(raw, key);
      expect(plain, key).toBeDefined();
      const session = parse(storedSessionSchema, JSON.parse(plain ?? '{}'), key);
      for (const cookie of session.cookies) if (cookie.value.length >= 8) bookCookies.push(cookie.value);
    }
    reader.disconnect();
    expect(bookCookies.length).toBeGreaterThanOrEqual(BOOKS.length);

    // Let some polls and heartbeats be logged with all of it in use, then stop.
    await sleep(3000);
    await system.stop();
    const text = system.lines.map((line) => JSON.stringify(line)).join('\n');
    expect(system.lines.length).toBeGreaterThan(50);
    // The run logged at debug (request lines are there), so the search had something to search.
    expect(text).toMatch(/incoming request/);
    const found = Object.entries({
      ...SECRETS,
      dashboardCookie: dashboardValue,
      dashboardSessionId: dashboardValue.split('.').slice(0, 2).join('.'),
      ...Object.fromEntries(bookCookies.map((value, i) => [`bookCookie${i.toString()}`, value])),
    }).filter(([, secret]) => text.includes(secret) || text.includes(encodeURIComponent(secret)));
    expect(found.map(([name]) => name)).toEqual([]);
  }, 180_000);
});
