// clusterListings: the batch form. Candidate pairs (blocked, never all pairs) are
// merged best first, each merge checked against every member of both clusters
// (complete linkage), never two listings of one book in a cluster.
import { listingSchema, parse } from '@arbhub/schema';
import type { Listing } from '@arbhub/schema';
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
    const key = `${node.prepared.listing.book}|${node.prepared.listing.eventId}`;
    if (seen.has(key)) throw new Error(`listing ${node.index}: ${key} is listed twice`);
    seen.add(key);
  }

  // Sorted-neighbourhood join: listings sharing a sport and a name key, sorted by
  // kickoff; only pairs within the window of each other are candidates.
  const count = nodes.length;
  const times = Float64Array.from(nodes, (node) => node.prepared.time);
  const books = nodes.map((node) => node.prepared.listing.book);
  const blocks = new Map<string, number[]>();
  nodes.forEach((node, at) => {
    for (const key of nameKeys(node.prepared, resolved.aliases)) {
      const blockKey = `${node.prepared.listing.sport}|${key}`;
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
  for (let k = 0; k < candidates.length; k += 1) {
    const code = candidates[k] ?? 0;
    if (k > 0 && code === candidates[k - 1]) continue;
    const a = Math.floor(code / count);
    const b = code - a * count;
    const pair = scorePair((nodes[a] as Node).prepared, (nodes[b] as Node).prepared, resolved);
    if (pair.score >= resolved.threshold) {
      scores.set(code, pair);
      edges.push({ a, b, score: pair.score });
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
    const books = new Set(left.map((i) => nodes[i]?.prepared.listing.book));
    if (right.some((i) => books.has(nodes[i]?.prepared.listing.book))) continue;
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
    for (const b of right) {
      root[b] = ra;
      flip[b] = (flip[b] as boolean) !== shift;
      left.push(b);
    }
    members[rb] = [];
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
