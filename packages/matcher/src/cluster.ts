// clusterListings: the batch form. Candidate pairs (blocked, never all pairs) are
// merged best first, each merge checked against every member of both clusters
// (complete linkage), never two listings of one book in a cluster.
import { listingKey, listingSchema, parse } from '@arbhub/schema';
import type { Listing } from '@arbhub/schema';
import { anchorIsUnique, anchorPair, plays, secondAnchor, sidesOf } from './anchor.js';
import type { AnchorPair } from './anchor.js';
import { nameKeys } from './blocking.js';
import { resolveOptions } from './options.js';
import type { MatcherOptions } from './options.js';
import { prepare, scorePair } from './score.js';
import type { PairScore, Prepared } from './score.js';

export interface ClusterMember {
  book: string;
  eventId: string;
  /** This listing has home and away the other way round from the cluster's first member. */
  swapped: boolean;
}

export interface Cluster {
  /** `<book>:<eventId>` of its first member (by book, then event id). */
  id: string;
  members: ClusterMember[];
}

interface Node {
  index: number;
  prepared: Prepared;
}

/**
 * Groups listings that are one real fixture. Every listing appears in exactly one
 * cluster (alone if nothing matches it). Pure: the same listings give the same
 * clusters in any order. A listing that is not a valid listing throws a SchemaError.
 */
export function clusterListings(listings: readonly unknown[], options: MatcherOptions = {}): Cluster[] {
  const resolved = resolveOptions(options);
  const valid = listings.map((listing, i) => parse(listingSchema, listing, `listing ${i}`));
  const order = valid
    .map((_, i) => i)
    .sort((a, b) => compareListings(valid[a] as Listing, valid[b] as Listing));
  const nodes: Node[] = order.map((i) => ({
    index: i,
    prepared: prepare(valid[i] as Listing, resolved.aliases),
  }));
  const seen = new Set<string>();
  for (const node of nodes) {
    const key = listingKey(node.prepared.listing.book, node.prepared.listing.eventId);
    if (seen.has(key)) throw new Error(`listing ${node.index}: ${key} is listed twice`);
    seen.add(key);
  }

  // Sorted-neighbourhood join: listings sharing a sport and a name key, sorted by
  // kickoff; only pairs within the window of each other are candidates.
  const count = nodes.length;
  const times = Float64Array.from(nodes, (node) => node.prepared.time);
  const books = nodes.map((node) => node.prepared.listing.book);
  const blocks = new Map<string, number[]>();
  const filedUnder: string[][] = nodes.map(() => []);
  nodes.forEach((node, at) => {
    for (const key of nameKeys(node.prepared, resolved.aliases)) {
      const blockKey = `${node.prepared.listing.sport}|${key}`;
      (filedUnder[at] as string[]).push(blockKey);
      const block = blocks.get(blockKey);
      if (block) block.push(at);
      else blocks.set(blockKey, [at]);
    }
  });
  const codes: number[] = []; // a * count + b for a < b: exact, as count^2 < 2^53
  for (const block of blocks.values()) {
    block.sort((x, y) => (times[x] ?? 0) - (times[y] ?? 0));
    for (let i = 0; i < block.length; i += 1) {
      const a = block[i] ?? 0;
      for (let j = i + 1; j < block.length; j += 1) {
        const b = block[j] ?? 0;
        if ((times[b] ?? 0) - (times[a] ?? 0) > resolved.windowMs) break;
        if (books[a] !== books[b]) codes.push(a < b ? a * count + b : b * count + a);
      }
    }
  }
  const candidates = Float64Array.from(codes).sort();
  // Scores of the pairs that cleared the threshold; any other pair is scored when asked.
  const scores = new Map<number, PairScore>();
  const score = (a: number, b: number): PairScore => {
    const [x, y] = a < b ? [a, b] : [b, a];
    return (
      scores.get(x * count + y) ??
      scorePair((nodes[x] as Node).prepared, (nodes[y] as Node).prepared, resolved)
    );
  };
  const edges: { a: number; b: number; score: number }[] = [];
  // Club-sport pairs the names did not join: anchor evidence (anchor.ts) may, after every name merge.
  const weak: number[] = [];
  for (let k = 0; k < candidates.length; k += 1) {
    const code = candidates[k] ?? 0;
    if (k > 0 && code === candidates[k - 1]) continue;
    const a = Math.floor(code / count);
    const b = code - a * count;
    const x = (nodes[a] as Node).prepared;
    const y = (nodes[b] as Node).prepared;
    const pair = scorePair(x, y, resolved);
    if (pair.score >= resolved.threshold) {
      scores.set(code, pair);
      edges.push({ a, b, score: pair.score });
    } else if (!x.person) {
      weak.push(code);
    }
  }
  edges.sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);

  // Union by best edge first. `flip[i]`: i is swapped relative to its cluster's root.
  const root = nodes.map((_, i) => i);
  const members = nodes.map((_, i) => [i]);
  const flip = nodes.map(() => false);
  const swappedBetween = (a: number, b: number) => (a < b ? score(a, b).swapped : score(b, a).swapped);
  for (const edge of edges) {
    const ra = root[edge.a] as number;
    const rb = root[edge.b] as number;
    if (ra === rb) continue;
    const left = members[ra] as number[];
    const right = members[rb] as number[];
    const clusterBooks = new Set(left.map((i) => nodes[i]?.prepared.listing.book));
    if (right.some((i) => clusterBooks.has(nodes[i]?.prepared.listing.book))) continue;
    // b's orientation relative to ra's root, carried to all of rb's members.
    const shift =
      ((flip[edge.a] as boolean) !== swappedBetween(edge.a, edge.b)) !== (flip[edge.b] as boolean);
    const consistent = left.every((a) =>
      right.every((b) => {
        const s = score(a, b);
        return (
          s.score >= resolved.threshold &&
          s.swapped === ((flip[a] as boolean) !== ((flip[b] as boolean) !== shift))
        );
      }),
    );
    if (!consistent) continue;
    join(ra, rb, shift);
  }

  function join(ra: number, rb: number, shift: boolean): void {
    const left = members[ra] as number[];
    for (const b of members[rb] as number[]) {
      root[b] = ra;
      flip[b] = (flip[b] as boolean) !== shift;
      left.push(b);
    }
    members[rb] = [];
  }

  // Anchor evidence: a listing the names placed nowhere joins the one cluster that
  // one of its teams and the structure agree on.
  // Only pairs whose clusters could still join (different clusters, no book in both) are asked.
  const anchors = new Map<number, AnchorPair>();
  for (const code of weak) {
    const a = Math.floor(code / count);
    const b = code - a * count;
    const left = members[root[a] as number] as number[];
    const right = members[root[b] as number] as number[];
    if (left === right || left.some((i) => right.some((j) => books[i] === books[j]))) continue;
    const anchored = anchorPair(
      (nodes[a] as Node).prepared,
      (nodes[b] as Node).prepared,
      resolved.aliases,
      resolved.threshold,
      resolved.threshold,
    );
    if (anchored) anchors.set(code, anchored);
  }
  if (anchors.size > 0) {
    const near = (i: number): Prepared[] => {
      const found = new Set<number>();
      const time = times[i] ?? 0;
      for (const key of filedUnder[i] ?? [])
        for (const j of blocks.get(key) ?? [])
          if (Math.abs((times[j] ?? 0) - time) <= resolved.windowMs) found.add(j);
      return [...found].map((j) => (nodes[j] as Node).prepared);
    };
    // A listing anchored to two clusters cannot say which: none of its anchors count.
    const partners = new Map<number, Set<number>>();
    for (const code of anchors.keys()) {
      const a = Math.floor(code / count);
      const b = code - a * count;
      for (const [i, j] of [
        [a, b],
        [b, a],
      ] as const) {
        const set = partners.get(i) ?? new Set<number>();
        set.add(root[j] as number);
        partners.set(i, set);
      }
    }
    const relation = (a: number, b: number): { swapped: boolean; anchor?: AnchorPair } | undefined => {
      const [x, y] = a < b ? [a, b] : [b, a];
      const named = score(x, y);
      if (named.score >= resolved.threshold) return { swapped: named.swapped };
      const anchored = anchors.get(x * count + y);
      return anchored ? { swapped: anchored.swapped, anchor: anchored } : undefined;
    };
    const ordered = [...anchors.entries()].sort((p, q) => q[1].score - p[1].score || p[0] - q[0]);
    for (const [code] of ordered) {
      const a = Math.floor(code / count);
      const b = code - a * count;
      if ((partners.get(a)?.size ?? 0) > 1 || (partners.get(b)?.size ?? 0) > 1) continue;
      const ra = root[a] as number;
      const rb = root[b] as number;
      if (ra === rb) continue;
      const left = members[ra] as number[];
      const right = members[rb] as number[];
      const clusterBooks = new Set(left.map((i) => nodes[i]?.prepared.listing.book));
      if (right.some((i) => clusterBooks.has(nodes[i]?.prepared.listing.book))) continue;
      const ab = relation(a, b);
      if (!ab?.anchor) continue;
      // The anchor team must match some listing on the other side strongly (by name or by anchor).
      const [lo, hi] = a < b ? [a, b] : [b, a];
      const loSide = sidesOf((nodes[lo] as Node).prepared, ab.anchor.anchor).anchored;
      const hiSide = sidesOf((nodes[hi] as Node).prepared, secondAnchor(ab.anchor)).anchored;
      const [loGroup, hiGroup] = lo === a ? [right, left] : [left, right];
      const strong =
        loGroup.some((j) => plays((nodes[j] as Node).prepared, loSide, resolved.aliases)) ||
        hiGroup.some((i) => i !== hi && plays((nodes[i] as Node).prepared, hiSide, resolved.aliases));
      const shift = ((flip[a] as boolean) !== ab.swapped) !== (flip[b] as boolean);
      const inEvent = new Set([...left, ...right].map((i) => (nodes[i] as Node).prepared));
      const fits = left.every((i) =>
        right.every((j) => {
          const r = relation(i, j);
          const expected = (flip[i] as boolean) !== ((flip[j] as boolean) !== shift);
          if (r?.swapped !== expected) return false;
          if (!r.anchor) return true;
          const [x, y] = i < j ? [i, j] : [j, i];
          const around = [...near(x), ...near(y)];
          return anchorIsUnique(
            (nodes[x] as Node).prepared,
            (nodes[y] as Node).prepared,
            r.anchor,
            around,
            (p) => inEvent.has(p),
            resolved.aliases,
          );
        }),
      );
      if (fits && strong) join(ra, rb, shift);
    }
  }

  const clusters: Cluster[] = [];
  members.forEach((group, r) => {
    if (group.length === 0 || root[r] !== r) return;
    group.sort((a, b) => a - b);
    const first = group[0] as number;
    const listing = (nodes[first] as Node).prepared.listing;
    clusters.push({
      id: `${listing.book}:${listing.eventId}`,
      members: group.map((i) => {
        const l = (nodes[i] as Node).prepared.listing;
        return { book: l.book, eventId: l.eventId, swapped: flip[i] !== flip[first] };
      }),
    });
  });
  return clusters;
}

function compareListings(a: Listing, b: Listing): number {
  return a.book < b.book
    ? -1
    : a.book > b.book
      ? 1
      : a.eventId < b.eventId
        ? -1
        : a.eventId > b.eventId
          ? 1
          : 0;
}
