// One login for many workers. For one (book, account) at most one login runs at a
// time anywhere; every worker uses the session it produced until the book rejects it.
// Its parts: the codec (session-codec.ts), the login back-off (login-backoff.ts) and the
// outage cache (outage-cache.ts); this file is the `get` loop and the login under the lock.
import { randomBytes } from 'node:crypto';
import { check, loginResultSchema } from '@arbhub/schema';
import type { Clock, Logger, LoginResult, StoredSession } from '@arbhub/schema';
import { LoginBackoffError, SessionTimeoutError } from './errors.js';
import { keysFor } from './keys.js';
import type { Keys, SessionKey } from './keys.js';
import { LoginBackoff } from './login-backoff.js';
import type { BackoffSettings } from './login-backoff.js';
import { OutageCache, describeError } from './outage-cache.js';
import { SessionCodec } from './session-codec.js';
import type { Found } from './session-codec.js';
import type { SessionStore } from './store.js';

/** The logger methods used (pino's shape: object first, then the message). */
export type { Logger };

export interface SessionManagerOptions {
  store: SessionStore;
  /** How long the login lock lives without extension (default 30 s); extended while login runs. */
  lockTtlMs?: number;
  /** How long a stored session lives (default 30 min); the book may end it sooner. */
  sessionTtlMs?: number;
  /** How long `get` waits for another worker's login before giving up (default 60 s). */
  waitTimeoutMs?: number;
  logger?: Logger;
  /** SESSION_SECRET: stored sessions are AES-256-GCM encrypted when set (16+ characters). */
  secret?: string | undefined;
  /** Recorded in the session as the worker that logged in. */
  workerId?: string;
  /** Back-up poll while waiting, in case a notification is missed (default 250 ms). */
  pollMs?: number;
  /** Failed logins back off from `baseMs`, doubling to `maxMs` (defaults 5 s and 5 min). */
  backoff?: BackoffSettings;
  clock?: Clock;
  random?: () => number;
}

export type Session = StoredSession;

export interface SessionManager {
  /** The stored session, or one made by `login` under the account's lock (or waited for). */
  get(key: SessionKey, login: () => Promise<LoginResult>): Promise<Session>;
  /** Deletes `session` if it is still the stored one (compare-and-delete): never a newer one. */
  invalidate(key: SessionKey, session: Session): Promise<boolean>;
  /** Logins this process ran. */
  readonly logins: number;
}

const silent: Logger = { info: () => undefined, warn: () => undefined };

const label = (key: SessionKey) => ({ book: key.book, account: key.account });

/** Creates a session manager on a store (redisStore across processes, memoryStore in one). */
export function createSessionManager(options: SessionManagerOptions): SessionManager {
  return new SharedSessions(options);
}

class SharedSessions implements SessionManager {
  private readonly store: SessionStore;
  private readonly lockTtlMs: number;
  private readonly sessionTtlMs: number;
  private readonly waitTimeoutMs: number;
  private readonly logger: Logger;
  private readonly workerId: string;
  private readonly pollMs: number;
  private readonly clock: Clock;
  private readonly codec: SessionCodec;
  private readonly backoff: LoginBackoff;
  private readonly outage: OutageCache;
  private readonly lastTouched = new Map<string, number>();
  private loginCount = 0;

  constructor(options: SessionManagerOptions) {
    this.store = options.store;
    this.lockTtlMs = options.lockTtlMs ?? 30_000;
    this.sessionTtlMs = options.sessionTtlMs ?? 30 * 60_000;
    this.waitTimeoutMs = options.waitTimeoutMs ?? 60_000;
    this.logger = options.logger ?? silent;
    this.workerId = options.workerId ?? `pid-${process.pid}`;
    this.pollMs = options.pollMs ?? 250;
    this.clock = options.clock ?? Date;
    this.codec = new SessionCodec(options.secret, this.logger);
    this.backoff = new LoginBackoff(
      this.store,
      options.backoff ?? {},
      this.clock,
      options.random ?? Math.random,
    );
    this.outage = new OutageCache(this.store.kind, this.logger);
  }

  get logins(): number {
    return this.loginCount;
  }

  async get(key: SessionKey, login: () => Promise<LoginResult>): Promise<Session> {
    const keys = keysFor(key, this.store.prefix);
    const deadline = this.clock.now() + this.waitTimeoutMs;
    let unsubscribe: (() => Promise<void>) | undefined;
    let wake: (() => void) | undefined;
    try {
      for (;;) {
        let found: Found | undefined;
        let acquired = false;
        const token = randomBytes(16).toString('base64url');
        try {
          found = await this.codec.read(this.store, keys, key);
          if (!found) {
            await this.backoff.check(keys, key);
            acquired = await this.store.acquire(keys.lock, token, this.lockTtlMs);
          }
        } catch (err: unknown) {
          if (err instanceof LoginBackoffError) throw err;
          return this.outage.fallback(keys, key, err);
        }
        this.outage.reachable();
        if (found) {
          this.outage.seen(keys, found.session, true);
          await this.touch(keys, found).catch(() => undefined);
          return found.session;
        }
        if (acquired) {
          try {
            // Another worker may have stored a session between our read and our lock.
            const again = await this.codec.read(this.store, keys, key).catch(() => undefined);
            if (again) return again.session;
            const restored = await this.restore(keys, key);
            if (restored) return restored;
            return await this.loginAndStore(keys, key, login, token);
          } finally {
            await this.store.deleteIfEquals(keys.lock, token).catch(() => undefined);
          }
        }
        // Another worker is logging in: wait for its session instead of logging in.
        if (!unsubscribe) {
          unsubscribe = await this.store
            .subscribe(keys.channel, () => wake?.())
            .catch(() => () => Promise.resolve()); // the poll below still finds the session
          continue; // read again now that a notification cannot be missed
        }
        const remaining = deadline - this.clock.now();
        if (remaining <= 0) {
          throw new SessionTimeoutError(
            `no session for ${key.book}/${key.account} within ${this.waitTimeoutMs} ms: another worker holds the login lock`,
          );
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(this.pollMs, remaining));
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    } finally {
      await unsubscribe?.().catch(() => undefined);
    }
  }

  async invalidate(key: SessionKey, session: Session): Promise<boolean> {
    const keys = keysFor(key, this.store.prefix);
    this.outage.forget(keys, session);
    try {
      const raw = await this.store.get(keys.session);
      if (raw === null || this.codec.decode(raw, keys, key)?.id !== session.id) return false;
      const deleted = await this.store.deleteIfEquals(keys.session, raw);
      this.outage.reachable();
      if (deleted) this.logger.info({ ...label(key), workerId: this.workerId }, 'session invalidated');
      return deleted;
    } catch (err: unknown) {
      this.outage.unreachable(key, err, 'session store unreachable; invalidated locally only');
      return false;
    }
  }

  /** Records lastUsedAt at most every 30 s, only while the stored session is still this one. */
  private async touch(keys: Keys, found: Found): Promise<void> {
    const now = this.clock.now();
    if (now - (this.lastTouched.get(keys.session) ?? 0) < 30_000) return;
    this.lastTouched.set(keys.session, now);
    const updated = { ...found.session, lastUsedAt: now };
    const ttl = found.session.createdAt + this.sessionTtlMs - now;
    if (ttl > 0)
      await this.store.replaceIfEquals(keys.session, found.raw, this.codec.encode(updated, keys), ttl);
  }

  /**
   * The store came back from an outage without the session this process used all through
   * it (and the book has not refused it: a refusal forgets it): store it again for every
   * worker instead of logging in. Called holding the lock.
   */
  private async restore(keys: Keys, key: SessionKey): Promise<Session | undefined> {
    const held = this.outage.takeHeld(keys);
    const ttl = held ? held.createdAt + this.sessionTtlMs - this.clock.now() : 0;
    if (!held || ttl <= 0) return undefined;
    await this.store.set(keys.session, this.codec.encode(held, keys), ttl);
    await this.store.publish(keys.channel, held.id);
    this.logger.info(
      { ...label(key), workerId: this.workerId },
      'the session store came back without the session: stored the one this process kept using (no new login)',
    );
    return held;
  }

  private async loginAndStore(
    keys: Keys,
    key: SessionKey,
    login: () => Promise<LoginResult>,
    token: string,
  ): Promise<Session> {
    // Keep the lock while the login runs; a holder that dies stops extending it, so it expires.
    const extender = setInterval(
      () => {
        this.store.extend(keys.lock, token, this.lockTtlMs).catch(() => undefined);
      },
      Math.max(50, this.lockTtlMs / 3),
    );
    let result: LoginResult;
    try {
      this.logger.info({ ...label(key), workerId: this.workerId }, 'logging in');
      const checked = check(loginResultSchema, await login(), 'login result');
      if (!checked.ok) throw checked.error;
      result = checked.value;
    } catch (err: unknown) {
      const failures = await this.backoff.failed(keys);
      this.logger.warn(
        { ...label(key), failures: failures.count, retryAt: failures.retryAt, err: describeError(err) },
        'login failed',
      );
      throw err;
    } finally {
      clearInterval(extender);
    }
    const { cookies, ...data } = result;
    const now = this.clock.now();
    const session: Session = {
      id: randomBytes(12).toString('base64url'),
      ...label(key),
      workerId: this.workerId,
      cookies,
      data,
      createdAt: now,
      lastUsedAt: now,
    };
    this.loginCount += 1;
    this.outage.seen(keys, session, false);
    try {
      await this.store.set(keys.session, this.codec.encode(session, keys), this.sessionTtlMs);
      await this.backoff.succeeded(keys);
      await this.store.publish(keys.channel, session.id);
      this.logger.info(
        { ...label(key), workerId: this.workerId, cookies: cookies.length },
        'logged in; session stored for every worker',
      );
    } catch (err: unknown) {
      // The login worked; the store went away meanwhile. This process keeps the session.
      this.outage.fallback(keys, key, err);
    }
    return session;
  }
}
