// Which engine owns which shard: a lease per shard in Redis (`lease:<n>`, SET NX PX with
// the engine's token, extended and released by Lua that compares the token first), and
// the live engines in a sorted set (`engines`, scored by their last beat) so that each
// takes its fair share, ceil(shards / engines). An engine that dies stops extending; its
// leases lapse within ENGINE_LEASE_MS and the others take them.
import type { Redis, Result } from 'ioredis';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    arbhubLeaseRenew(...keysThenTokenAndTtl: string[]): Result<number[], Context>;
    arbhubLeaseRelease(key: string, token: string): Result<number, Context>;
  }
}

// Every held lease in one step, so that a busy engine's beat is one round trip: extended
// when still this engine's, set again when gone (Redis restarted without its data), and
// 0 when another engine holds it now.
const RENEW = `
local held = {}
for i, key in ipairs(KEYS) do
  local owner = redis.call('GET', key)
  if owner == ARGV[1] then
    redis.call('PEXPIRE', key, ARGV[2])
    held[i] = 1
  elseif owner == false then
    redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
    held[i] = 1
  else
    held[i] = 0
  end
end
return held`;
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export interface ShardLeasesOptions {
  redis: Redis;
  /** This engine's id: unique per process (a restarted engine is a new one). */
  engineId: string;
  shards: number;
  leaseMs: number;
  prefix?: string;
  clock?: { now(): number };
}

export interface LeaseChanges {
  gained: number[];
  lost: number[];
  /** Engines alive, this one included. */
  engines: number;
}

export class ShardLeases {
  private readonly held = new Set<number>();
  /** Redis did not answer a beat: the next one takes back its own leases only. */
  private recovering = false;
  private readonly prefix: string;
  private readonly clock: { now(): number };

  constructor(private readonly options: ShardLeasesOptions) {
    this.prefix = options.prefix ?? 'arbhub:';
    this.clock = options.clock ?? Date;
    options.redis.defineCommand('arbhubLeaseRenew', { lua: RENEW });
    options.redis.defineCommand('arbhubLeaseRelease', { numberOfKeys: 1, lua: RELEASE });
  }

  /** The shards held now, ascending. */
  get shards(): number[] {
    return [...this.held].sort((a, b) => a - b);
  }

  private key(shard: number): string {
    return `${this.prefix}lease:${shard.toString()}`;
  }

  /**
   * One beat (every leaseMs / 3): says this engine is alive, extends its leases, gives up
   * those above its fair share and takes free ones up to it. A lease another engine holds
   * now is lost at once; one that is simply gone (Redis restarted without its data) is
   * taken again, so the shard's state survives a restart of Redis.
   */
  async tick(): Promise<LeaseChanges> {
    try {
      return await this.beat();
    } catch (error: unknown) {
      this.recovering = true;
      throw error;
    }
  }

  private async beat(): Promise<LeaseChanges> {
    const { redis, engineId, shards, leaseMs } = this.options;
    const now = this.clock.now();
    const enginesKey = `${this.prefix}engines`;
    const [, , alive] = (await redis
      .multi()
      .zadd(enginesKey, now, engineId)
      .zremrangebyscore(enginesKey, '-inf', now - leaseMs)
      .zcard(enginesKey)
      .exec()) as [unknown, unknown, [Error | null, number]];
    const engines = Math.max(1, alive[1]);
    const fair = Math.ceil(shards / engines);
    const gained: number[] = [];
    const lost: number[] = [];
    const mine = this.shards;
    if (mine.length > 0) {
      const renewed = await redis.arbhubLeaseRenew(
        mine.length.toString(),
        ...mine.map((shard) => this.key(shard)),
        engineId,
        String(leaseMs),
      );
      mine.forEach((shard, i) => {
        if (renewed[i] === 1) return;
        this.held.delete(shard);
        lost.push(shard);
      });
    }
    // Above the fair share (an engine joined): give the last ones back for another to take.
    for (const shard of this.shards.slice(fair).reverse()) {
      await redis.arbhubLeaseRelease(this.key(shard), engineId);
      this.held.delete(shard);
      lost.push(shard);
    }
    // Below it: free shards, starting at a place of this engine's own, so engines do not all
    // race for shard 0. Not on the first beat after Redis failed to answer: a restarted
    // Redis has lost every lease, and each engine takes its own back first.
    const start = startOf(engineId, shards);
    const wait = this.recovering;
    this.recovering = false;
    for (let i = 0; i < shards && this.held.size < fair && !wait; i += 1) {
      const shard = (start + i) % shards;
      if (this.held.has(shard)) continue;
      const taken = await redis.set(this.key(shard), engineId, 'PX', leaseMs, 'NX');
      if (taken === 'OK') {
        this.held.add(shard);
        gained.push(shard);
      }
    }
    return { gained, lost, engines };
  }

  /** Gives every lease back (a clean stop: the others take over at their next beat, not after the lease). */
  async releaseAll(): Promise<void> {
    const { redis, engineId } = this.options;
    for (const shard of this.shards) await redis.arbhubLeaseRelease(this.key(shard), engineId);
    this.held.clear();
    await redis.zrem(`${this.prefix}engines`, engineId);
  }
}

function startOf(engineId: string, shards: number): number {
  let hash = 0;
  for (let i = 0; i < engineId.length; i += 1) hash = (Math.imul(hash, 31) + engineId.charCodeAt(i)) >>> 0;
  return hash % shards;
}
