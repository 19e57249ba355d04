// Worker processes (real OS processes, not promises) sharing one account through a
// real redis-server: one login for many, a holder killed mid-login, Redis going away.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisClient, createSessionManager, redisStore } from '@arbhub/session';
import { countingLogin, recordingLogger } from '@arbhub/session/testing';
import { startRedisServer } from '@arbhub/session/testing';
import type { RedisServer } from '@arbhub/session/testing';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const script = join(here, '..', 'testing', 'worker-process.ts');
const prefix = `arbhub-mp-${Date.now().toString(36)}:`;

let server: RedisServer;
let redis: Redis;

beforeAll(async () => {
  server = await startRedisServer();
  redis = createRedisClient(server.url);
});

afterAll(async () => {
  redis.disconnect();
  await server.stop();
});

interface Outcome {
  workerId: string;
  loggedIn: boolean;
  sessionId: string;
  cookies: unknown[];
}

interface Worker {
  done: Promise<{ code: number | null; outcome?: Outcome; stderr: string }>;
  started: Promise<void>;
  kill(): void;
}

function worker(env: Record<string, string>): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@arbhub/source', script], {
    cwd: root,
    env: { ...process.env, REDIS_URL: server.url, PREFIX: prefix, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let onStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (onStarted = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes('LOGIN_STARTED')) onStarted();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; outcome?: Outcome; stderr: string }>((resolve) => {
    child.on('exit', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      resolve({ code, outcome: line ? (JSON.parse(line) as Outcome) : undefined, stderr });
    });
  });
  return { done, started, kill: () => child.kill('SIGKILL') };
}

const loginCount = async () => Number((await redis.get(`${prefix}test-logins`)) ?? 0);

describe('one login for many worker processes (real Redis)', () => {
  it('ten processes at once: exactly one login, ten identical cookie sets; after invalidate, one more', async () => {
    const account = 'shared-1';
    const run = () =>
      Promise.all(
        Array.from(
          { length: 10 },
          (_, i) => worker({ ACCOUNT: account, LOGIN_MS: '500', WORKER_ID: `w${i}` }).done,
        ),
      );
    const first = await run();
    for (const result of first) expect(result.code, result.stderr).toBe(0);
    const outcomes = first.map((r) => r.outcome as Outcome);
    expect(outcomes.filter((o) => o.loggedIn)).toHaveLength(1);
    expect(await loginCount()).toBe(1);
    expect(new Set(outcomes.map((o) => JSON.stringify(o.cookies))).size).toBe(1);

    // The book rejects the session: one worker invalidates it, ten more get one new login.
    const sessions = createSessionManager({ store: redisStore(redis, { prefix }) });
    const current = await sessions.get({ book: 'csport', account }, () =>
      Promise.reject(new Error('must not log in')),
    );
    expect(await sessions.invalidate({ book: 'csport', account }, current)).toBe(true);
    const second = await run();
    const again = second.map((r) => r.outcome as Outcome);
    expect(again.filter((o) => o.loggedIn)).toHaveLength(1);
    expect(await loginCount()).toBe(2);
    expect(new Set(again.map((o) => o.sessionId)).size).toBe(1);
    expect(again[0]?.sessionId).not.toBe(current.id);
  });

  it('the lock holder killed mid-login: another logs in after the lock TTL, and none hangs', async () => {
    await redis.del(`${prefix}test-logins`);
    const account = 'shared-2';
    const holder = worker({ ACCOUNT: account, LOGIN_MS: '20000', LOCK_TTL_MS: '1500', WORKER_ID: 'holder' });
    await holder.started;
    holder.kill();
    const killedAt = Date.now();
    const others = await Promise.all(
      Array.from(
        { length: 3 },
        (_, i) => worker({ ACCOUNT: account, LOGIN_MS: '200', LOCK_TTL_MS: '1500', WORKER_ID: `o${i}` }).done,
      ),
    );
    const elapsed = Date.now() - killedAt;
    expect((await holder.done).code).toBeNull(); // killed by the signal
    for (const result of others) expect(result.code, result.stderr).toBe(0);
    expect(others.filter((r) => r.outcome?.loggedIn)).toHaveLength(1);
    expect(await loginCount()).toBe(2); // the dead holder's, then one more
    expect(elapsed).toBeLessThan(15_000);
  });
});

describe('Redis going away and coming back', () => {
  it('falls back to the last session without crashing, logs once, and puts it back when Redis returns empty', async () => {
    const outage = await startRedisServer();
    const logger = recordingLogger();
    const clientA = createRedisClient(outage.url);
    const clientB = createRedisClient(outage.url);
    try {
      const key = { book: 'csport', account: 'outage' };
      const { counter, login } = countingLogin(50);
      const a = createSessionManager({ store: redisStore(clientA), logger, pollMs: 50 });
      const before = await a.get(key, login);

      await outage.stop();
      const during = [await a.get(key, login), await a.get(key, login), await a.get(key, login)];
      for (const session of during) expect(session.id).toBe(before.id);
      const warnings = logger.lines.filter((l) => l.msg.startsWith('session store unreachable'));
      expect(warnings).toHaveLength(1);
      expect(counter.logins).toBe(1);

      await outage.start(); // empty: the stored session is gone
      const deadline = Date.now() + 15_000;
      while (
        !logger.lines.some((l) => l.msg.startsWith('session store reachable again')) &&
        Date.now() < deadline
      ) {
        expect((await a.get(key, login)).id).toBe(before.id); // no crash while the client reconnects
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(logger.lines.some((l) => l.msg.startsWith('session store reachable again'))).toBe(true);
      // The session it kept using went back into the store: no new login.
      expect((await a.get(key, login)).id).toBe(before.id);
      expect(counter.logins).toBe(1);
      expect(
        logger.lines.some((l) => l.msg.startsWith('the session store came back without the session')),
      ).toBe(true);
      // Sharing resumed: another worker gets that session without logging in.
      const b = createSessionManager({ store: redisStore(clientB) });
      const shared = await b.get(key, () => Promise.reject(new Error('must not log in')));
      expect(shared.id).toBe(before.id);
      // Once the book refuses it, it is gone for good: the next get logs in.
      await a.invalidate(key, before);
      expect((await a.get(key, login)).id).not.toBe(before.id);
      expect(counter.logins).toBe(2);
    } finally {
      clientA.disconnect();
      clientB.disconnect();
      await outage.stop();
    }
  });
});
