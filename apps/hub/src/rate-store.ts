// The rate limits' counts (@fastify/rate-limit) in Redis when the hub has one, so that the
// gateways behind one load balancer share one limit per address instead of each allowing
// it in full, and a restart does not reset a login's wrong tries. While Redis does not
// answer, each process counts on its own (the plugin's in-memory store), so a limit
// never lapses.
import LocalStore from '@fastify/rate-limit/store/LocalStore.js';
import RedisStore from '@fastify/rate-limit/store/RedisStore.js';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Redis } from 'ioredis';

type Counted = (error: Error | null, result?: { current: number; ttl: number }) => void;

interface Store extends FastifyRateLimitStore {
  read(key: string, callback: Counted, timeWindow: number, max: number): void;
}

class FallbackStore implements Store {
  constructor(
    private readonly shared: Store,
    private readonly local: Store,
    private readonly onFallback: (error: Error) => void,
  ) {}

  incr(key: string, callback: Counted, timeWindow: number, max: number): void {
    this.shared.incr(
      key,
      (error, result) => {
        if (!error) {
          callback(null, result);
          return;
        }
        this.onFallback(error);
        this.local.incr(key, callback, timeWindow, max);
      },
      timeWindow,
      max,
    );
  }

  read(key: string, callback: Counted, timeWindow: number, max: number): void {
    this.shared.read(
      key,
      (error, result) => {
        if (!error) {
          callback(null, result);
          return;
        }
        this.onFallback(error);
        this.local.read(key, callback, timeWindow, max);
      },
      timeWindow,
      max,
    );
  }

  child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): Store {
    return new FallbackStore(
      this.shared.child(routeOptions) as Store,
      this.local.child(routeOptions) as Store,
      this.onFallback,
    );
  }
}

export interface SharedRateStoreOptions {
  prefix?: string;
  /** Told when a count falls back to this process's own (Redis did not answer). */
  onFallback?: (error: Error) => void;
}

/** The `store` for @fastify/rate-limit: counts in Redis under `<prefix>rate:`, in memory while Redis is away. */
export function sharedRateStore(
  redis: Redis,
  { prefix = 'arbhub:', onFallback = () => undefined }: SharedRateStoreOptions = {},
): FastifyRateLimitStoreCtor {
  return class extends FallbackStore {
    constructor(params: { continueExceeding?: boolean; exponentialBackoff?: boolean }) {
      super(
        new RedisStore(params.continueExceeding, params.exponentialBackoff, redis, `${prefix}rate:`),
        new LocalStore(params.continueExceeding, params.exponentialBackoff, 5000),
        onFallback,
      );
    }
  };
}
