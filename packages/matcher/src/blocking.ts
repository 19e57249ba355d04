// Candidate generation: only listings of the same sport, with kickoffs in the same
// or a neighbouring time bucket, that share a name key, are ever scored.
import type { AliasTable } from './aliases.js';
import { GENERIC } from './normalize.js';
import type { Prepared } from './score.js';

/**
 * Keys a listing is filed under: the first four letters (which catch spelling
 * variants) of each distinctive name token. Generic words ("United", "City") and
 * initials would put a listing beside hundreds of others; they are used only for a
 * name that has nothing else.
 */
export function nameKeys(p: Prepared, aliases: AliasTable): Set<string> {
  const keys = new Set<string>();
  const add = (tokens: readonly string[]) => {
    const distinctive = tokens.filter((t) => t.length > 1 && !GENERIC.has(t));
    for (const token of distinctive.length > 0 ? distinctive : tokens) keys.add(token.slice(0, 4));
  };
  for (const side of [p.home, p.away]) {
    add(side.team.tokens);
    // Words run together or apart ("Ha Noi" / "Hanoi") share the joined name's first letters.
    // (A first token of 4+ letters that is distinctive gives that key already.)
    const first = side.team.tokens[0] ?? '';
    if (side.team.tokens.length > 1 && (first.length < 4 || GENERIC.has(first)))
      keys.add(side.team.tokens.join('').slice(0, 4));
    add(aliases.canonical(side.team.key).split(' '));
    for (const player of side.players) add(player.names);
  }
  return keys;
}

/** An index of prepared listings by sport, time bucket and name key. */
export class BlockIndex<T extends { prepared: Prepared }> {
  private readonly buckets = new Map<string, Set<T>>();
  private readonly filed = new Map<T, string[]>();
  private readonly bucketMs: number;

  private readonly aliases: AliasTable;

  constructor(windowMs: number, aliases: AliasTable) {
    this.bucketMs = Math.max(1, windowMs);
    this.aliases = aliases;
  }

  add(item: T): void {
    const p = item.prepared;
    const bucket = Math.floor(p.time / this.bucketMs);
    const keys = [...nameKeys(p, this.aliases)].map((key) => `${p.listing.sport}|${bucket}|${key}`);
    for (const key of keys) {
      let set = this.buckets.get(key);
      if (!set) this.buckets.set(key, (set = new Set()));
      set.add(item);
    }
    this.filed.set(item, keys);
  }

  remove(item: T): void {
    for (const key of this.filed.get(item) ?? []) {
      const set = this.buckets.get(key);
      set?.delete(item);
      if (set?.size === 0) this.buckets.delete(key);
    }
    this.filed.delete(item);
  }

  /** Items that share a name key with `p` in its time bucket or the ones beside it. */
  candidates(p: Prepared): Set<T> {
    const found = new Set<T>();
    if (Number.isNaN(p.time)) return found;
    const bucket = Math.floor(p.time / this.bucketMs);
    for (const key of nameKeys(p, this.aliases)) {
      for (const b of [bucket - 1, bucket, bucket + 1]) {
        for (const item of this.buckets.get(`${p.listing.sport}|${b}|${key}`) ?? []) found.add(item);
      }
    }
    return found;
  }
}
