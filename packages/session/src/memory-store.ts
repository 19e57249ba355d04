// The single-process store: the default for `npm start`, and the reference the Redis
// store's contract tests are written against. TTLs expire on read.
import { DEFAULT_PREFIX } from './keys.js';
import type { SessionStore } from './store.js';
import type { Clock } from '@arbhub/schema';

export interface MemoryStoreDeps {
  clock?: Clock;
  prefix?: string;
}

/** A store in this process's memory. */
export function memoryStore({ clock = Date, prefix = DEFAULT_PREFIX }: MemoryStoreDeps = {}): SessionStore {
  const values = new Map<string, { value: string; expiresAt: number }>();
  const listeners = new Map<string, Set<() => void>>();
  const read = (key: string): string | null => {
    const entry = values.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= clock.now()) {
      values.delete(key);
      return null;
    }
    return entry.value;
  };
  return {
    kind: 'memory',
    prefix,
    get: (key) => Promise.resolve(read(key)),
    set(key, value, ttlMs) {
      values.set(key, { value, expiresAt: clock.now() + ttlMs });
      return Promise.resolve();
    },
    deleteIfEquals(key, expected) {
      const same = read(key) === expected;
      if (same) values.delete(key);
      return Promise.resolve(same);
    },
    delete(key) {
      values.delete(key);
      return Promise.resolve();
    },
    replaceIfEquals(key, expected, value, ttlMs) {
      const same = read(key) === expected;
      if (same) values.set(key, { value, expiresAt: clock.now() + ttlMs });
      return Promise.resolve(same);
    },
    acquire(key, token, ttlMs) {
      if (read(key) !== null) return Promise.resolve(false);
      values.set(key, { value: token, expiresAt: clock.now() + ttlMs });
      return Promise.resolve(true);
    },
    extend(key, token, ttlMs) {
      if (read(key) !== token) return Promise.resolve(false);
      values.set(key, { value: token, expiresAt: clock.now() + ttlMs });
      return Promise.resolve(true);
    },
    subscribe(channel, listener) {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener);
      return Promise.resolve(() => {
        set.delete(listener);
        return Promise.resolve();
      });
    },
    publish(channel) {
      for (const listener of listeners.get(channel) ?? []) queueMicrotask(listener);
      return Promise.resolve();
    },
  };
}
