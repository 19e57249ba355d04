// The scale-out log on Redis Streams: one stream per engine shard carrying what the
// gateways took from workers (each odds:update cut to the shard's listings, a worker's
// departure), retained for ENGINE_RETAIN_MS so that an engine taking a shard over rebuilds
// its state by replaying it. Keys (prefix `arbhub:`): `shard:<n>` (stream).
import { check, shardEntrySchema } from '@arbhub/schema';
import type { ShardEntry } from '@arbhub/schema';
import type { Redis } from 'ioredis';

export type { ShardEntry };

/** A read entry: its stream id and what it says, or why it could not be read. */
export type ReadEntry =
  { id: string; ok: true; entry: ShardEntry } | { id: string; ok: false; error: string };

export interface ShardLogOptions {
  /** Key prefix (default `arbhub:`). */
  prefix?: string;
  /** How long entries are kept (ms): at least a snapshot interval of every worker. */
  retainMs: number;
  clock?: { now(): number };
}

type XEntries = [id: string, fields: string[]][];

/** Writes and reads the shard streams. One instance per process; blocking reads use their own connection. */
export class ShardLog {
  readonly prefix: string;
  private readonly retainMs: number;
  private readonly clock: { now(): number };

  constructor(
    private readonly redis: Redis,
    options: ShardLogOptions,
  ) {
    this.prefix = options.prefix ?? 'arbhub:';
    this.retainMs = options.retainMs;
    this.clock = options.clock ?? Date;
  }

  key(shard: number): string {
    return `${this.prefix}shard:${shard.toString()}`;
  }

  /**
   * Appends entries, each to its shard, in one round trip (order kept per shard). Entries
   * older than the retention go at the same time (`MINID ~`: whole macro nodes, cheaply).
   */
  async append(entries: readonly { shard: number; entry: ShardEntry }[]): Promise<void> {
    if (entries.length === 0) return;
    const minId = Math.max(0, this.clock.now() - this.retainMs).toString();
    const pipeline = this.redis.pipeline();
    for (const { shard, entry } of entries)
      pipeline.xadd(this.key(shard), 'MINID', '~', minId, '*', 'e', JSON.stringify(entry));
    const results = await pipeline.exec();
    const failed = results?.find(([error]) => error !== null);
    if (failed?.[0]) throw failed[0];
  }

  /** Every retained entry of a shard after `after` (exclusive; '-' for all), in pages of `count`. */
  async *replay(shard: number, after = '-', count = 2000): AsyncGenerator<ReadEntry[]> {
    let start = after === '-' ? '-' : `(${after}`;
    for (;;) {
      const page = (await this.redis.xrange(this.key(shard), start, '+', 'COUNT', count)) as XEntries;
      if (page.length === 0) return;
      yield page.map(decode);
      const last = page[page.length - 1];
      if (!last || page.length < count) return;
      start = `(${last[0]}`;
    }
  }

  /** The id of a shard's newest entry ('0-0' if none), from which to follow it. */
  async lastId(shard: number): Promise<string> {
    const newest = (await this.redis.xrevrange(this.key(shard), '+', '-', 'COUNT', 1)) as XEntries;
    return newest[0]?.[0] ?? '0-0';
  }

  /**
   * Waits up to `blockMs` for entries after the given ids, on `reader` (a connection of its
   * own: XREAD BLOCK holds it). Returns the entries per shard, at most `count` of each: an
   * answer is decoded in one go, so a small count keeps a lagging engine responsive.
   */
  async follow(
    reader: Redis,
    from: ReadonlyMap<number, string>,
    blockMs: number,
    count = 250,
  ): Promise<Map<number, ReadEntry[]>> {
    const shards = [...from.keys()];
    const read = new Map<number, ReadEntry[]>();
    if (shards.length === 0) return read;
    const answer = await reader.xread(
      'COUNT',
      count,
      'BLOCK',
      blockMs,
      'STREAMS',
      ...shards.map((s) => this.key(s)),
      ...shards.map((s) => from.get(s) ?? '$'),
    );
    for (const [key, entries] of answer ?? []) {
      const shard = Number(key.slice(this.key(0).length - 1));
      read.set(shard, entries.map(decode));
    }
    return read;
  }
}

function decode([id, fields]: [string, string[]]): ReadEntry {
  const text = fields[1];
  if (fields[0] !== 'e' || text === undefined) return { id, ok: false, error: 'no `e` field' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { id, ok: false, error: 'not JSON' };
  }
  const checked = check(shardEntrySchema, data);
  return checked.ok
    ? { id, ok: true, entry: checked.value }
    : { id, ok: false, error: checked.error.message };
}

/** The millisecond part of a stream id. */
export function idTime(id: string): number {
  return Number(id.slice(0, id.indexOf('-')));
}
