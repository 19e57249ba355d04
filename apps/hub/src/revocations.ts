// Logged-out dashboard sessions. A session cookie is valid by its signature until it
// expires; logging out puts it here until then. In memory for one hub without Redis; with
// REDIS_URL shared by every hub process on that Redis (the gateways behind one load
// balancer, a hub started again): a sorted set of the sessions' hashes by expiry, read
// whole when a connection is (again) ready, and a channel that tells the others at once.
// Only a hash of the cookie's value leaves the process.
import { createHash } from 'node:crypto';
import type { Clock } from '@arbhub/schema';
import type { Redis } from 'ioredis';

export interface Revocations {
  /** Ends the session `value` (a cookie's unsigned value) until it would have expired, `until`. */
  revoke(value: string, until: number): void;
  has(value: string): boolean;
  /** Tells `listener` the hash (sessionHash) of each session revoked from now on, here or elsewhere. */
  onRevoked(listener: (hash: string) => void): void;
  close(): void;
}

/** The name a session goes by outside the process: a sha256 of its cookie's value. */
export const sessionHash = (value: string) => createHash('sha256').update(value).digest('base64url');

export class MemoryRevocations implements Revocations {
  /** Hash -> when the session would have expired. */
  protected readonly until = new Map<string, number>();
  private readonly listeners: ((hash: string) => void)[] = [];

  constructor(protected readonly clock: Clock = Date) {}

  revoke(value: string, until: number): void {
    this.add(sessionHash(value), until);
  }

  has(value: string): boolean {
    const now = this.clock.now();
    for (const [hash, until] of this.until) if (until <= now) this.until.delete(hash);
    return this.until.has(sessionHash(value));
  }

  onRevoked(listener: (hash: string) => void): void {
    this.listeners.push(listener);
  }

  close(): void {
    // Nothing held.
  }

  protected add(hash: string, until: number): void {
    if (until <= this.clock.now() || this.until.has(hash)) return;
    this.until.set(hash, until);
    for (const listener of this.listeners) listener(hash);
  }
}

export interface RedisRevocationsOptions {
  prefix?: string;
  clock?: Clock;
  /** A logout that could not be shared (Redis away): it holds in this process only. */
  onError?: (error: unknown) => void;
}

export class RedisRevocations extends MemoryRevocations {
  private readonly key: string;
  private readonly channel: string;
  private readonly subscriber: Redis;
  private readonly onError: (error: unknown) => void;

  constructor(
    private readonly redis: Redis,
    { prefix = 'arbhub:', clock = Date, onError = () => undefined }: RedisRevocationsOptions = {},
  ) {
    super(clock);
    this.key = `${prefix}logouts`;
    this.channel = `${prefix}logout`;
    this.onError = onError;
    // No command timeout on the subscriber: it only listens.
    this.subscriber = redis.duplicate({ commandTimeout: undefined });
    this.subscriber.on('error', () => undefined); // ioredis reconnects; meanwhile what is known holds
    this.subscriber.on('message', (_channel: string, message: string) => {
      const [hash, until] = message.split(' ');
      if (hash && until) this.add(hash, Number(until));
    });
    // Whichever connection is (again) ready: listen, then read what was revoked meanwhile.
    this.subscriber.on('ready', () => void this.sync());
    redis.on('ready', () => void this.sync());
    if (redis.status === 'ready') void this.sync();
  }

  override revoke(value: string, until: number): void {
    const hash = sessionHash(value);
    this.add(hash, until);
    this.redis
      .multi()
      .zadd(this.key, until, hash)
      .zremrangebyscore(this.key, '-inf', this.clock.now())
      .publish(this.channel, `${hash} ${until.toString()}`)
      .exec()
      .catch(this.onError);
  }

  override close(): void {
    this.subscriber.disconnect();
  }

  /** Subscribes (again) and reads every revocation still in force. */
  async sync(): Promise<void> {
    try {
      if (this.subscriber.status === 'ready') await this.subscriber.subscribe(this.channel);
      if (this.redis.status !== 'ready') return;
      const now = this.clock.now();
      const rows = await this.redis.zrangebyscore(this.key, now, '+inf', 'WITHSCORES');
      for (let i = 0; i + 1 < rows.length; i += 2) this.add(rows[i] ?? '', Number(rows[i + 1]));
    } catch {
      // Redis went away again: the next 'ready' syncs.
    }
  }
}
