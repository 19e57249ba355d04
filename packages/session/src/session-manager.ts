// One login for many workers. For one (book, account) at most one login runs at a
// time anywhere; every worker uses the session it produced until the book rejects it.
import { randomBytes } from 'node:crypto';
import { check, loginResultSchema, storedSessionSchema } from '@arbhub/schema';
import type { Clock, Logger, LoginResult, StoredSession } from '@arbhub/schema';
import { aesGcmSealer, plainSealer } from './crypto.js';
import { LoginBackoffError, SessionTimeoutError, StoreUnavailableError } from './errors.js';
import { keysFor } from './keys.js';
import type { Keys, SessionKey } from './keys.js';
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
  backoff?: { baseMs?: number; maxMs?: number };
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

interface Failures {
  count: number;
  retryAt: number;
}

/** Creates a session manager on a store (redisStore across processes, memoryStore in one). */
export function createSessionManager(options: SessionManagerOptions): SessionManager {
  const {
    store,
    lockTtlMs = 30_000,
    sessionTtlMs = 30 * 60_000,
    waitTimeoutMs = 60_000,
    logger = silent,
    workerId = `pid-${process.pid}`,
    pollMs = 250,
    clock = Date,
    random = Math.random,
  } = options;
  const backoffBase = options.backoff?.baseMs ?? 5_000;
  const backoffMax = options.backoff?.maxMs ?? 5 * 60_000;
  const sealer = options.secret ? aesGcmSealer(options.secret) : plainSealer;
  /** The last session this process saw per account: the fallback while the store is down. */
  const lastSeen = new Map<string, Session>();
  const lastTouched = new Map<string, number>();
  /**
   * Accounts whose session this process kept using while the store was down. If the store
   * comes back without it (a restarted Redis without persistence), the session goes back
   * in rather than costing a new login.
   */
  const heldThroughOutage = new Set<string>();
  let storeDown = false;
  let logins = 0;

  const label = (key: SessionKey) => ({ book: key.book, account: key.account });

  const reachable = () => {
    if (storeDown) logger.info({ store: store.kind }, 'session store reachable again; sharing resumes');
    storeDown = false;
  };

  /** The store failed: the last session this process holds, logged once per outage. */
  const fallback = (key: SessionKey, err: unknown): Session => {
    if (!storeDown) {
      logger.warn(
        { ...label(key), store: store.kind, err: describe(err) },
        'session store unreachable; using the last session this process holds',
      );
    }
    storeDown = true;
    const sessionKey = keysFor(key, store.prefix).session;
    const session = lastSeen.get(sessionKey);
    if (session) {
      heldThroughOutage.add(sessionKey);
      return session;
    }
    throw new StoreUnavailableError(
      `the session store (${store.kind}) is unreachable and this process holds no session for ${key.book}/${key.account}`,
    );
  };

  const decode = (raw: string, keys: Keys, key: SessionKey): Session | undefined => {
    const plain = sealer.open(raw, keys.session);
    let parsed: unknown;
    try {
      parsed = plain === undefined ? undefined : JSON.parse(plain);
    } catch {
      // Not JSON: stored encrypted while this process has no SESSION_SECRET. Reported below.
      parsed = undefined;
    }
    const result = parsed === undefined ? undefined : check(storedSessionSchema, parsed);
    if (result?.ok) return result.value;
    logger.warn(
      {
        ...label(key),
        reason: result ? result.error.message : 'not readable with this SESSION_SECRET setting',
      },
      'ignoring an unreadable stored session (every worker must use the same SESSION_SECRET)',
    );
    return undefined;
  };

  const readSession = async (
    keys: Keys,
    key: SessionKey,
  ): Promise<{ session: Session; raw: string } | undefined> => {
    const raw = await store.get(keys.session);
    if (raw === null) return undefined;
    const session = decode(raw, keys, key);
    return session ? { session, raw } : undefined;
  };

  /** Records lastUsedAt at most every 30 s, only while the stored session is still this one. */
  const touch = async (keys: Keys, found: { session: Session; raw: string }) => {
    const now = clock.now();
    if (now - (lastTouched.get(keys.session) ?? 0) < 30_000) return;
    lastTouched.set(keys.session, now);
    const updated = { ...found.session, lastUsedAt: now };
    const ttl = found.session.createdAt + sessionTtlMs - now;
    if (ttl > 0)
      await store.replaceIfEquals(
        keys.session,
        found.raw,
        sealer.seal(JSON.stringify(updated), keys.session),
        ttl,
      );
  };

  const checkBackoff = async (keys: Keys, key: SessionKey) => {
    const failures = parseFailures(await store.get(keys.failures));
    if (!failures) return;
    const now = clock.now();
    if (now < failures.retryAt) {
      throw new LoginBackoffError(
        `logins for ${key.book}/${key.account} failed ${failures.count} time(s) in a row; the next try is in ${Math.ceil((failures.retryAt - now) / 1000)} s`,
        failures.retryAt,
        failures.count,
      );
    }
  };

  const recordFailure = async (keys: Keys) => {
    const count = (parseFailures(await store.get(keys.failures).catch(() => null))?.count ?? 0) + 1;
    const delay = Math.min(backoffBase * 2 ** (count - 1), backoffMax) * (0.75 + 0.5 * random());
    const record: Failures = { count, retryAt: clock.now() + delay };
    await store.set(keys.failures, JSON.stringify(record), delay + backoffMax).catch(() => undefined);
    return record;
  };

  /**
   * The store came back from an outage without the session this process used all through
   * it (and the book has not refused it: a refusal forgets it): store it again for every
   * worker instead of logging in. Called holding the lock.
   */
  const restore = async (keys: Keys, key: SessionKey): Promise<Session | undefined> => {
    const held = heldThroughOutage.has(keys.session) ? lastSeen.get(keys.session) : undefined;
    heldThroughOutage.delete(keys.session);
    const ttl = held ? held.createdAt + sessionTtlMs - clock.now() : 0;
    if (!held || ttl <= 0) return undefined;
    await store.set(keys.session, sealer.seal(JSON.stringify(held), keys.session), ttl);
    await store.publish(keys.channel, held.id);
    logger.info(
      { ...label(key), workerId },
      'the session store came back without the session: stored the one this process kept using (no new login)',
    );
    return held;
  };

  const loginAndStore = async (
    keys: Keys,
    key: SessionKey,
    login: () => Promise<LoginResult>,
    token: string,
  ) => {
    // Keep the lock while the login runs; a holder that dies stops extending it, so it expires.
    const extender = setInterval(
      () => {
        store.extend(keys.lock, token, lockTtlMs).catch(() => undefined);
      },
      Math.max(50, lockTtlMs / 3),
    );
    let result: LoginResult;
    try {
      logger.info({ ...label(key), workerId }, 'logging in');
      const checked = check(loginResultSchema, await login(), 'login result');
      if (!checked.ok) throw checked.error;
      result = checked.value;
    } catch (err: unknown) {
      const failures = await recordFailure(keys);
      logger.warn(
        { ...label(key), failures: failures.count, retryAt: failures.retryAt, err: describe(err) },
        'login failed',
      );
      throw err;
    } finally {
      clearInterval(extender);
    }
    const { cookies, ...data } = result;
    const now = clock.now();
    const session: Session = {
      id: randomBytes(12).toString('base64url'),
      ...label(key),
      workerId,
      cookies,
      data,
      createdAt: now,
      lastUsedAt: now,
    };
    logins += 1;
    lastSeen.set(keys.session, session);
    try {
      await store.set(keys.session, sealer.seal(JSON.stringify(session), keys.session), sessionTtlMs);
      await store.delete(keys.failures);
      await store.publish(keys.channel, session.id);
      logger.info(
        { ...label(key), workerId, cookies: cookies.length },
        'logged in; session stored for every worker',
      );
    } catch (err: unknown) {
      // The login worked; the store went away meanwhile. This process keeps the session.
      fallback(key, err);
    }
    return session;
  };

  return {
    get logins() {
      return logins;
    },

    async get(key, login) {
      const keys = keysFor(key, store.prefix);
      const deadline = clock.now() + waitTimeoutMs;
      let unsubscribe: (() => Promise<void>) | undefined;
      let wake: (() => void) | undefined;
      try {
        for (;;) {
          let found: { session: Session; raw: string } | undefined;
          let acquired = false;
          const token = randomBytes(16).toString('base64url');
          try {
            found = await readSession(keys, key);
            if (!found) {
              await checkBackoff(keys, key);
              acquired = await store.acquire(keys.lock, token, lockTtlMs);
            }
          } catch (err: unknown) {
            if (err instanceof LoginBackoffError) throw err;
            return fallback(key, err);
          }
          reachable();
          if (found) {
            heldThroughOutage.delete(keys.session);
            lastSeen.set(keys.session, found.session);
            await touch(keys, found).catch(() => undefined);
            return found.session;
          }
          if (acquired) {
            try {
              // Another worker may have stored a session between our read and our lock.
              const again = await readSession(keys, key).catch(() => undefined);
              if (again) return again.session;
              const restored = await restore(keys, key);
              if (restored) return restored;
              return await loginAndStore(keys, key, login, token);
            } finally {
              await store.deleteIfEquals(keys.lock, token).catch(() => undefined);
            }
          }
          // Another worker is logging in: wait for its session instead of logging in.
          if (!unsubscribe) {
            unsubscribe = await store
              .subscribe(keys.channel, () => wake?.())
              .catch(() => () => Promise.resolve()); // the poll below still finds the session
            continue; // read again now that a notification cannot be missed
          }
          const remaining = deadline - clock.now();
          if (remaining <= 0) {
            throw new SessionTimeoutError(
              `no session for ${key.book}/${key.account} within ${waitTimeoutMs} ms: another worker holds the login lock`,
            );
          }
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, Math.min(pollMs, remaining));
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
    },

    async invalidate(key, session) {
      const keys = keysFor(key, store.prefix);
      if (lastSeen.get(keys.session)?.id === session.id) lastSeen.delete(keys.session);
      try {
        const raw = await store.get(keys.session);
        if (raw === null || decode(raw, keys, key)?.id !== session.id) return false;
        const deleted = await store.deleteIfEquals(keys.session, raw);
        reachable();
        if (deleted) logger.info({ ...label(key), workerId }, 'session invalidated');
        return deleted;
      } catch (err: unknown) {
        if (!storeDown)
          logger.warn(
            { ...label(key), store: store.kind, err: describe(err) },
            'session store unreachable; invalidated locally only',
          );
        storeDown = true;
        return false;
      }
    },
  };
}

/** A failure record, or undefined when there is none or it is unreadable. */
function parseFailures(raw: string | null): Failures | undefined {
  if (raw === null) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<Failures>;
    return typeof value.count === 'number' && typeof value.retryAt === 'number'
      ? { count: value.count, retryAt: value.retryAt }
      : undefined;
  } catch {
    return undefined; // unreadable: as if there were none
  }
}

/** An error for a log line: its name and message, never the values it may carry. */
function describe(err: unknown): { name: string; message: string } {
  return err instanceof Error
    ? { name: err.name, message: err.message }
    : { name: 'Error', message: String(err) };
}
