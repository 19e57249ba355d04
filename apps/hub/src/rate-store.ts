// The rate limits' counts (@fastify/rate-limit) in Redis when the hub has one, so that the
// gateways behind one load balancer share one limit per address instead of each allowing
// it in full, and a restart does not reset a login's wrong tries. While Redis does not
// answer (down, or stalled past the connection's command timeout), each process counts
// on its own (the plugin's in-memory store), so a limit never lapses and no request
// waits on Redis for long.
import LocalStore from '@fastify/rate-limit/store/LocalStore.js';
import RedisStore from '@fastify/rate-limit/store/RedisStore.js';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Redis } from 'ioredis';

type Counted = (error: Error | null, result?: { current: number; ttl: number }) => void;

interface Store extends FastifyRateLimitStore {
  read(key: string, callback: Counted, timeWindow: number, max: number): void;
}

/** After Redis failed to count, how long every count stays local before Redis is tried again (ms). */
const LOCAL_FOR_MS = 5000;

/** Shared by a store and its children: until when counts stay local. */
interface Breaker {
  localUntil: number;
  onFallback: (error: Error) => void;
}

class FallbackStore implements Store {
  constructor(
    private readonly shared: Store,
    private readonly local: Store,
    private readonly breaker: Breaker,
  ) {}

  incr(key: string, callback: Counted, timeWindow: number, max: number): void {
    this.count('incr', key, callback, timeWindow, max);
  }

  read(key: string, callback: Counted, timeWindow: number, max: number): void {
    this.count('read', key, callback, timeWindow, max);
  }

  child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): Store {
    return new FallbackStore(
      this.shared.child(routeOptions) as Store,
      this.local.child(routeOptions) as Store,
      this.breaker,
    );
  }

  /**
   * In Redis; on an error (down, or no answer within the connection's command timeout)
   * locally, and for the next LOCAL_FOR_MS without asking Redis, so a stalled Redis costs
   * one request a wait, not every request.
   */
  private count(how: 'incr' | 'read', key: string, callback: Counted, timeWindow: number, max: number): void {
    const { breaker } = this;
    if (Date.now() < breaker.localUntil) {
      this.local[how](key, callback, timeWindow, max);
      return;
    }
    this.shared[how](
      key,
      (error, result) => {
        if (!error) {
          callback(null, result);
          return;
        }
        breaker.localUntil = Date.now() + LOCAL_FOR_MS;
        breaker.onFallback(error);
        this.local[how](key, callback, timeWindow, max);
      },
      timeWindow,
      max,
    );
  }
}

export interface SharedRateStoreOptions {
  prefix?: string;
  /** Told when a count falls back to this process's own (Redis did not answer). */
  onFallback?: (error: Error) => void;
}

/**
 * The `store` for @fastify/rate-limit: counts in Redis under `<prefix>rate:`, in memory while
 * Redis is away. Give it a connection with a command timeout (a Redis that stalls must not
 * hold up requests).
 */
export function sharedRateStore(
  redis: Redis,
  { prefix = 'arbhub:', onFallback = () => undefined }: SharedRateStoreOptions = {},
): FastifyRateLimitStoreCtor {
  return class extends FallbackStore {
    constructor(params: { continueExceeding?: boolean; exponentialBackoff?: boolean }) {
      super(
        new RedisStore(params.continueExceeding, params.exponentialBackoff, redis, `${prefix}rate:`),
        new LocalStore(params.continueExceeding, params.exponentialBackoff, 5000),
        { localUntil: 0, onFallback },
      );
    }
  };
}
