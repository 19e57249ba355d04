// One worker process for the multi-process tests: gets the session of one account
// through Redis, logging in (slowly) if it has to, and prints what it got as JSON.
//   node --import tsx --conditions=@arbhub/source worker-process.ts
// env: REDIS_URL, PREFIX, ACCOUNT, LOGIN_MS, LOCK_TTL_MS, WORKER_ID
import { createRedisClient, createSessionManager, redisStore } from '@arbhub/session';
import { cookie } from './contract-cookie.js';

const env = process.env;
const prefix = env.PREFIX ?? 'arbhub-test:';
const client = createRedisClient(env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const store = redisStore(client, { prefix });
const sessions = createSessionManager({
  store,
  lockTtlMs: Number(env.LOCK_TTL_MS ?? 2000),
  waitTimeoutMs: 30_000,
  pollMs: 100,
  workerId: env.WORKER_ID ?? `pid-${process.pid}`,
});
let loggedIn = false;
const session = await sessions.get({ book: 'csport', account: env.ACCOUNT ?? 'demo1' }, async () => {
  loggedIn = true;
  await client.incr(`${prefix}test-logins`);
  process.stdout.write('LOGIN_STARTED\n');
  await new Promise((resolve) => setTimeout(resolve, Number(env.LOGIN_MS ?? 500)));
  return { cookies: [cookie(`c-${process.pid}-${Date.now().toString()}`)] };
});
process.stdout.write(
  `${JSON.stringify({ workerId: env.WORKER_ID, loggedIn, sessionId: session.id, cookies: session.cookies })}\n`,
);
await store.close(); // the pub/sub connection a waiting worker opened
client.disconnect();
