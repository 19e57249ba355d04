// The session manager's contract, run against each store: memoryStore in one process,
// redisStore on a real redis-server. Each test uses its own account.
import type { LoginResult } from '@arbhub/schema';
import { SchemaError } from '@arbhub/schema';
import { describe, expect, it } from 'vitest';
import { LoginBackoffError, SessionTimeoutError, createSessionManager, keysFor } from '@arbhub/session';
import type { SessionManagerOptions, SessionStore } from '@arbhub/session';
import { cookie } from './contract-cookie.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A login that takes `ms` and counts itself. */
export function countingLogin(ms: number) {
  const counter = { logins: 0 };
  const login = async (): Promise<LoginResult> => {
    counter.logins += 1;
    const n = counter.logins;
    await sleep(ms);
    return { cookies: [cookie(`secret-cookie-${n}-${Math.random().toString(36).slice(2)}`)], token: `t${n}` };
  };
  return { counter, login };
}

/** A logger that records what it was told. */
export function recordingLogger() {
  const lines: { level: string; obj: object; msg: string }[] = [];
  return {
    lines,
    info: (obj: object, msg: string) => lines.push({ level: 'info', obj, msg }),
    warn: (obj: object, msg: string) => lines.push({ level: 'warn', obj, msg }),
  };
}

export function sessionContract(name: string, makeStore: () => SessionStore) {
  let accounts = 0;
  const account = () => ({
    book: 'csport',
    account: `user-${Date.now().toString(36)}-${(accounts += 1).toString()}`,
  });
  const manager = (options: Partial<SessionManagerOptions> = {}) =>
    createSessionManager({
      store: makeStore(),
      lockTtlMs: 2000,
      waitTimeoutMs: 5000,
      pollMs: 50,
      backoff: { baseMs: 300, maxMs: 1000 },
      ...options,
    });

  describe(`session manager contract: ${name}`, () => {
    it('runs one login for ten concurrent callers, and every caller gets its cookies', async () => {
      const key = account();
      const { counter, login } = countingLogin(200);
      const sessions = manager();
      const results = await Promise.all(Array.from({ length: 10 }, () => sessions.get(key, login)));
      expect(counter.logins).toBe(1);
      expect(new Set(results.map((s) => JSON.stringify(s.cookies))).size).toBe(1);
      expect(results[0]).toMatchObject({ ...key, data: { token: 't1' } });
      // Later calls use the stored session: no login.
      await sessions.get(key, login);
      expect(counter.logins).toBe(1);
    });

    it('shares one login between managers on the same store (workers)', async () => {
      const key = account();
      const { counter, login } = countingLogin(100);
      const store = makeStore();
      const workers = Array.from({ length: 4 }, (_, i) =>
        createSessionManager({ store, workerId: `w${i}`, pollMs: 50 }),
      );
      const results = await Promise.all(workers.map((w) => w.get(key, login)));
      expect(counter.logins).toBe(1);
      expect(new Set(results.map((s) => s.id)).size).toBe(1);
    });

    it('invalidates with compare-and-delete: one more login after, and never a newer session', async () => {
      const key = account();
      const { counter, login } = countingLogin(50);
      const sessions = manager();
      const first = await sessions.get(key, login);
      expect(await sessions.invalidate(key, first)).toBe(true);
      const second = await sessions.get(key, login);
      expect(counter.logins).toBe(2);
      expect(second.id).not.toBe(first.id);
      // A worker still holding the first session invalidates it late: the newer one stays.
      expect(await sessions.invalidate(key, first)).toBe(false);
      expect((await sessions.get(key, login)).id).toBe(second.id);
      expect(counter.logins).toBe(2);
    });

    it('releases the lock when a login fails, hands the error to the caller, and backs off', async () => {
      const key = account();
      const sessions = manager();
      let attempts = 0;
      const failing = async (): Promise<LoginResult> => {
        attempts += 1;
        await sleep(20);
        throw new Error('wrong password');
      };
      await expect(sessions.get(key, failing)).rejects.toThrow('wrong password');
      // At once, no one tries again (the lock is free, but the account backs off).
      const started = Date.now();
      await expect(sessions.get(key, failing)).rejects.toBeInstanceOf(LoginBackoffError);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(attempts).toBe(1);
      // After the back-off a login is tried again, and success clears it.
      await sleep(500);
      const { counter, login } = countingLogin(10);
      await sessions.get(key, login);
      expect(counter.logins).toBe(1);
    });

    it('takes over a dead holder’s lock once it expires', async () => {
      const key = account();
      const store = makeStore();
      // A holder that died mid-login: its lock stays until its TTL runs out.
      await store.acquire(keysFor(key, store.prefix).lock, 'dead-holder', 400);
      const { counter, login } = countingLogin(10);
      const started = Date.now();
      await createSessionManager({ store, pollMs: 50, waitTimeoutMs: 5000 }).get(key, login);
      expect(counter.logins).toBe(1);
      expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    });

    it('gives up waiting after waitTimeoutMs while another holder keeps the lock', async () => {
      const key = account();
      const store = makeStore();
      const lock = keysFor(key, store.prefix).lock;
      await store.acquire(lock, 'slow-holder', 300);
      const keeper = setInterval(() => void store.extend(lock, 'slow-holder', 300), 100);
      try {
        const { login } = countingLogin(10);
        const sessions = createSessionManager({ store, pollMs: 50, waitTimeoutMs: 600 });
        await expect(sessions.get(key, login)).rejects.toBeInstanceOf(SessionTimeoutError);
      } finally {
        clearInterval(keeper);
      }
    });

    it('rejects a login result without cookies, naming the field', async () => {
      const key = account();
      const sessions = manager();
      const bad = () => Promise.resolve({ cookies: [{ name: 'x' }] } as unknown as LoginResult);
      await expect(sessions.get(key, bad)).rejects.toBeInstanceOf(SchemaError);
      await expect(manager().get(account(), bad)).rejects.toThrow('cookies[0].value: required');
    });

    it('encrypts with SESSION_SECRET, and treats a tampered or foreign value as absent', async () => {
      const key = account();
      const store = makeStore();
      const logger = recordingLogger();
      const secret = 'a-test-secret-of-enough-length';
      const { counter, login } = countingLogin(10);
      const sessions = createSessionManager({ store, secret, logger });
      const session = await sessions.get(key, login);
      const sessionKey = keysFor(key, store.prefix).session;
      const raw = (await store.get(sessionKey)) ?? '';
      expect(raw).toMatch(/^v1\./);
      expect(raw).not.toContain(session.cookies[0]?.value ?? 'never');
      // Tampered: flip one character of the ciphertext.
      const tampered = raw.slice(0, -2) + (raw.at(-2) === 'A' ? 'B' : 'A') + raw.slice(-1);
      await store.set(sessionKey, tampered, 60_000);
      await sessions.get(key, login);
      expect(counter.logins).toBe(2);
      // Another secret cannot read it either.
      const other = createSessionManager({ store, secret: 'another-secret-of-enough-length', logger });
      await other.get(key, login);
      expect(counter.logins).toBe(3);
      expect(logger.lines.some((l) => l.msg.startsWith('ignoring an unreadable stored session'))).toBe(true);
      // No line carries a cookie value.
      expect(JSON.stringify(logger.lines)).not.toContain('secret-cookie');
    });
  });
}
