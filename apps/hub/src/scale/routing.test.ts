import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUTING, bucketOf, checkRouting, ownerOf, shardsOf } from './routing.js';
import type { Routing } from './routing.js';

const routing: Routing = { shards: 16, windowMs: 30 * 60_000, bucketMs: 2 * 3600_000 };
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 11, 6);

/** One event's kickoffs: a first one anywhere in a week, the others within the window of it and of each other. */
const eventKickoffs = fc
  .tuple(
    fc.integer({ min: 0, max: 7 * DAY }),
    fc.array(fc.integer({ min: 0, max: routing.windowMs }), { minLength: 1, maxLength: 8 }),
  )
  .map(([start, offsets]) => offsets.map((offset) => T0 + start + offset));

describe('shard routing', () => {
  it('sends a listing to one shard, or two when its kickoff is within the window of a bucket boundary', () => {
    const boundary = (bucketOf(T0, routing) + 1) * routing.bucketMs;
    expect(shardsOf('soccer', boundary - routing.bucketMs / 2, routing)).toHaveLength(1);
    const near = shardsOf('soccer', boundary - 10 * 60_000, routing);
    expect(near).toEqual(shardsOf('soccer', boundary + 10 * 60_000, routing));
    expect(near.length).toBeGreaterThanOrEqual(1);
    for (const shard of near) expect(shard).toBeGreaterThanOrEqual(0);
  });

  it('keeps sports apart and spreads buckets over the shards', () => {
    const counts = new Array<number>(routing.shards).fill(0);
    for (let hour = 0; hour < 24 * 60; hour += 2) {
      const [shard] = shardsOf('soccer', T0 + hour * 3600_000 + routing.bucketMs / 2, routing);
      counts[shard ?? -1] = (counts[shard ?? -1] ?? 0) + 1;
    }
    // 720 buckets over 16 shards: 45 each.
    expect(counts).toEqual(new Array<number>(routing.shards).fill(45));
    // Another sport starts elsewhere.
    expect(shardsOf('tennis', T0 + routing.bucketMs / 2, routing)).not.toEqual(
      shardsOf('soccer', T0 + routing.bucketMs / 2, routing),
    );
  });

  it('every two listings within the window share the shard of the earlier one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 * DAY }),
        fc.integer({ min: 0, max: routing.windowMs }),
        (a, gap) => {
          const first = T0 + a;
          const owner = ownerOf('tennis', [first, first + gap], routing);
          expect(shardsOf('tennis', first, routing)).toContain(owner);
          expect(shardsOf('tennis', first + gap, routing)).toContain(owner);
        },
      ),
      { seed: 20261206, numRuns: 2000 },
    );
  });

  it('exactly one shard claims an event, and it holds every listing of it', () => {
    fc.assert(
      fc.property(eventKickoffs, fc.integer({ min: 1, max: 64 }), (kickoffs, shards) => {
        const r = { ...routing, shards };
        const claims: number[] = [];
        for (let shard = 0; shard < shards; shard += 1) {
          const seen = kickoffs.filter((k) => shardsOf('soccer', k, r).includes(shard));
          if (seen.length > 0 && ownerOf('soccer', seen, r) === shard) {
            claims.push(shard);
            expect(seen).toHaveLength(kickoffs.length);
          }
        }
        expect(claims).toEqual([ownerOf('soccer', kickoffs, r)]);
      }),
      { seed: 20261206, numRuns: 2000 },
    );
  });

  it('refuses settings that would not route exactly', () => {
    expect(() => checkRouting({ ...DEFAULT_ROUTING, bucketMs: DEFAULT_ROUTING.windowMs })).toThrow(/twice/);
    expect(() => checkRouting({ ...DEFAULT_ROUTING, shards: 0 })).toThrow(/shards/);
    expect(checkRouting(DEFAULT_ROUTING)).toBe(DEFAULT_ROUTING);
  });
});
