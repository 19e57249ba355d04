/**
 * What the session manager needs of a store: values with a TTL, a lock, and a way to
 * wake waiters. Implemented by redisStore (shared across processes) and memoryStore
 * (one process). Every method may reject when the store is unreachable.
 */
export interface SessionStore {
  readonly kind: 'redis' | 'memory';
  /** Prefix of every key the session manager builds on this store ('arbhub:' by default). */
  readonly prefix: string;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Deletes the key only while it still holds `expected` (compare-and-delete). */
  deleteIfEquals(key: string, expected: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Replaces the value only while it still holds `expected` (compare-and-set), with a new TTL. */
  replaceIfEquals(key: string, expected: string, value: string, ttlMs: number): Promise<boolean>;
  /** SET key token NX PX ttl: true when this caller now holds the lock. */
  acquire(key: string, token: string, ttlMs: number): Promise<boolean>;
  /** Extends the lock only while it still holds `token`. */
  extend(key: string, token: string, ttlMs: number): Promise<boolean>;
  /** Calls `listener` on every message to `channel`; resolves to an unsubscribe function. */
  subscribe(channel: string, listener: () => void): Promise<() => Promise<void>>;
  publish(channel: string, message: string): Promise<void>;
}
