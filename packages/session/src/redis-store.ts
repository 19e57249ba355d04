// The shared store: one Redis for every worker process. Lock release and session
// invalidation are Lua compare-and-delete, the lock extension compare-and-extend, so a
// caller never removes or prolongs what another caller now holds.
import { Redis } from 'ioredis';
import type { RedisOptions, Result } from 'ioredis';
import { DEFAULT_PREFIX } from './keys.js';
import type { SessionStore } from './store.js';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    arbhubDeleteIfEquals(key: string, expected: string): Result<number, Context>;
    arbhubExtendIfEquals(key: string, expected: string, ttlMs: number): Result<number, Context>;
    arbhubReplaceIfEquals(
      key: string,
      expected: string,
      value: string,
      ttlMs: number,
    ): Result<number, Context>;
  }
}

const DELETE_IF_EQUALS = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

const EXTEND_IF_EQUALS = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

const REPLACE_IF_EQUALS = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0`;

/**
 * ioredis settings for session sharing, chosen so that an outage never stalls a worker
 * and ends without a restart:
 * - `enableOfflineQueue: false`: while disconnected a command fails at once instead of
 *   waiting in a queue, so `get` falls back to the process's last session right away.
 * - `maxRetriesPerRequest: 1`: a command caught by a dropped connection is retried once
 *   after the reconnect, then fails; nothing hangs for ioredis's default 20 tries.
 * - `retryStrategy`: reconnect forever, backing off to one try every 2 s, so sharing
 *   resumes by itself when Redis is back.
 * - `connectTimeout: 2000`: a Redis that does not answer counts as down within 2 s.
 */
export const REDIS_OPTIONS: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  retryStrategy: (times: number) => Math.min(100 * 2 ** Math.min(times, 5), 2000),
  connectTimeout: 2000,
};

/** An ioredis client with REDIS_OPTIONS for `url` (redis://[:password@]host:port[/db]). */
export function createRedisClient(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { ...REDIS_OPTIONS, ...options });
}

export interface RedisStoreOptions {
  /** Prefix of every key (default 'arbhub:'): several deployments can share one Redis. */
  prefix?: string;
}

/** A store on a Redis shared by every worker. Pub/sub uses a second connection, opened on first use. */
export function redisStore(
  client: Redis,
  { prefix = DEFAULT_PREFIX }: RedisStoreOptions = {},
): SessionStore & { close(): Promise<void> } {
  client.defineCommand('arbhubDeleteIfEquals', { numberOfKeys: 1, lua: DELETE_IF_EQUALS });
  client.defineCommand('arbhubExtendIfEquals', { numberOfKeys: 1, lua: EXTEND_IF_EQUALS });
  client.defineCommand('arbhubReplaceIfEquals', { numberOfKeys: 1, lua: REPLACE_IF_EQUALS });
  /**
   * The offline queue is off, so a command sent while the first connection is still
   * being made would fail: wait for that one (up to the connect timeout). During a
   * reconnect, after an outage, commands fail at once instead.
   */
  const ready = async (): Promise<void> => {
    if (client.status === 'ready') return;
    if (client.status === 'wait') void client.connect().catch(() => undefined);
    if (!['wait', 'connecting', 'connect'].includes(client.status)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        client.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, (client.options.connectTimeout ?? 2000) + 100);
      client.on('ready', done);
    });
  };
  let subscriber: Redis | undefined;
  const listeners = new Map<string, Set<() => void>>();
  const subscriberFor = (): Redis => {
    if (!subscriber) {
      // Subscriptions need the offline queue: ioredis re-subscribes after a reconnect.
      subscriber = client.duplicate({ enableOfflineQueue: true });
      subscriber.on('message', (channel: string) => {
        for (const listener of listeners.get(channel) ?? []) listener();
      });
      // Errors surface through the commands that fail; the connection retries on its own.
      subscriber.on('error', () => undefined);
    }
    return subscriber;
  };
  return {
    kind: 'redis',
    prefix,
    async get(key) {
      await ready();
      return client.get(key);
    },
    async set(key, value, ttlMs) {
      await ready();
      await client.set(key, value, 'PX', Math.max(1, Math.round(ttlMs)));
    },
    async deleteIfEquals(key, expected) {
      await ready();
      return (await client.arbhubDeleteIfEquals(key, expected)) === 1;
    },
    async delete(key) {
      await ready();
      await client.del(key);
    },
    async replaceIfEquals(key, expected, value, ttlMs) {
      await ready();
      return (await client.arbhubReplaceIfEquals(key, expected, value, Math.max(1, Math.round(ttlMs)))) === 1;
    },
    async acquire(key, token, ttlMs) {
      await ready();
      return (await client.set(key, token, 'PX', Math.max(1, Math.round(ttlMs)), 'NX')) === 'OK';
    },
    async extend(key, token, ttlMs) {
      await ready();
      return (await client.arbhubExtendIfEquals(key, token, Math.max(1, Math.round(ttlMs)))) === 1;
    },
    async subscribe(channel, listener) {
      let set = listeners.get(channel);
      const first = !set;
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener);
      if (first) await subscriberFor().subscribe(channel);
      return async () => {
        set.delete(listener);
        if (set.size === 0) {
          listeners.delete(channel);
          await subscriber?.unsubscribe(channel).catch(() => undefined);
        }
      };
    },
    async publish(channel, message) {
      await ready();
      await client.publish(channel, message);
    },
    async close() {
      subscriber?.disconnect();
      await Promise.resolve();
    },
  };
}
