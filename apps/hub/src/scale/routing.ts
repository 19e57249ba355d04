// Scale-out routing: which engine shards a listing goes to, known before any matching,
// and which one shard speaks for a canonical event.
//
// The key is the sport and a kickoff bucket. The matcher never puts two listings whose
// kickoffs are more than its window (30 minutes) apart in one event, so a listing is
// sent to every bucket that [kickoff - window, kickoff + window] touches (one, or two
// near a boundary). Then every listing of an event reaches the bucket of every other
// listing's kickoff: listing j's bucket holds kickoff(j), which lies within the window
// of kickoff(i), so it is one of i's buckets. In particular the bucket of the event's
// earliest kickoff receives the whole event, with every candidate the matcher could
// weigh for its earliest listing; that bucket's shard owns the event, and the others
// that see part of it never speak for it (docs/architecture.md, "Scale-out").

/** Routing settings; every gateway and engine of one deployment must agree on them. */
export interface Routing {
  /** How many shards (ENGINE_SHARDS). */
  shards: number;
  /** The matcher's kickoff window: the largest kickoff difference within one event (ms). */
  windowMs: number;
  /** Width of a kickoff bucket (ms); at least twice the window, so a listing reaches at most two. */
  bucketMs: number;
}

export const DEFAULT_ROUTING: Routing = {
  shards: 16,
  windowMs: 30 * 60_000,
  bucketMs: 2 * 3600_000,
};

/** Checks that the settings route exactly; throws a RangeError naming the problem. */
export function checkRouting(routing: Routing): Routing {
  if (!Number.isInteger(routing.shards) || routing.shards < 1 || routing.shards > 4096)
    throw new RangeError(`shards: expected a whole number from 1 to 4096, got ${String(routing.shards)}`);
  if (!(routing.windowMs > 0)) throw new RangeError('windowMs: expected a positive number of ms');
  if (!(routing.bucketMs >= 2 * routing.windowMs))
    throw new RangeError('bucketMs: expected at least twice the matcher window');
  return routing;
}

/** The bucket a kickoff falls in. */
export function bucketOf(kickoffMs: number, routing: Routing): number {
  return Math.floor(kickoffMs / routing.bucketMs);
}

/**
 * The shard of one (sport, bucket): consecutive buckets of a sport on consecutive shards,
 * from a start of the sport's own (FNV-1a of its name), so every process agrees and a
 * spread of kickoffs spreads evenly over the shards: a week's 84 buckets put 5 or 6 on
 * each of 16 (a hash of each bucket put 4 to 7 there).
 */
export function shardOfBucket(sport: string, bucket: number, routing: Routing): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < sport.length; i += 1) {
    hash ^= sport.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  const shard = (hash + bucket) % routing.shards;
  return shard < 0 ? shard + routing.shards : shard;
}

/** The shards a listing is sent to (one or two, fewer if two buckets share a shard), ascending. */
export function shardsOf(sport: string, kickoffMs: number, routing: Routing): number[] {
  const first = bucketOf(kickoffMs - routing.windowMs, routing);
  const last = bucketOf(kickoffMs + routing.windowMs, routing);
  const shards = new Set<number>();
  for (let bucket = first; bucket <= last; bucket += 1) shards.add(shardOfBucket(sport, bucket, routing));
  return [...shards].sort((a, b) => a - b);
}

/**
 * The one shard that speaks for an event: the shard of its earliest kickoff's bucket.
 * A shard that sees only part of an event never has the earliest listing's bucket as
 * its own (it would then have been sent the whole event), so it never claims it.
 */
export function ownerOf(sport: string, kickoffsMs: readonly number[], routing: Routing): number {
  let earliest = Infinity;
  for (const kickoff of kickoffsMs) if (kickoff < earliest) earliest = kickoff;
  if (earliest === Infinity) throw new RangeError('ownerOf: an event has at least one listing');
  return shardOfBucket(sport, bucketOf(earliest, routing), routing);
}
