import { describe, expect, it } from 'vitest';
import { labelledListings } from './__fixtures__/labelled-set.js';
import { EventMatcher, clusterListings } from './index.js';

const labelled = labelledListings();
const truth = new Map(labelled.map((l) => [`${l.listing.book}|${l.listing.eventId}`, l]));

/** Pairwise precision and recall over pairs of listings from different books. */
function pairwise(groups: { book: string; eventId: string; swapped: boolean }[][]) {
  const predicted = new Map<string, string>();
  const orientation = new Map<string, boolean>();
  groups.forEach((members, g) => {
    members.forEach((m) => {
      predicted.set(`${m.book}|${m.eventId}`, String(g));
      orientation.set(`${m.book}|${m.eventId}`, m.swapped);
    });
  });
  let truePositive = 0;
  let falsePositive = 0;
  let falseNegative = 0;
  let wrongOrientation = 0;
  const falseMerges: string[] = [];
  const misses: string[] = [];
  const keys = [...truth.keys()];
  for (let i = 0; i < keys.length; i += 1) {
    for (let j = i + 1; j < keys.length; j += 1) {
      const a = truth.get(keys[i] ?? '')!;
      const b = truth.get(keys[j] ?? '')!;
      if (a.listing.book === b.listing.book) continue;
      const same = a.fixture === b.fixture;
      const merged = predicted.get(keys[i] ?? '') === predicted.get(keys[j] ?? '');
      const names = `${a.listing.home} v ${a.listing.away} | ${b.listing.home} v ${b.listing.away}`;
      if (same && merged) {
        truePositive += 1;
        const relative = orientation.get(keys[i] ?? '') !== orientation.get(keys[j] ?? '');
        if (relative !== (a.swapped !== b.swapped)) wrongOrientation += 1;
      } else if (merged) {
        falsePositive += 1;
        falseMerges.push(names);
      } else if (same) {
        falseNegative += 1;
        misses.push(names);
      }
    }
  }
  return {
    precision: truePositive / (truePositive + falsePositive),
    recall: truePositive / (truePositive + falseNegative),
    truePositive,
    falseMerges,
    misses,
    wrongOrientation,
  };
}

describe('the labelled set', () => {
  it('has at least 300 listings over 6 books', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(300);
    expect(new Set(labelled.map((l) => l.listing.book)).size).toBe(6);
  });

  it('clusterListings: precision >= 0.995, recall >= 0.97, every swap recorded', () => {
    const clusters = clusterListings(labelled.map((l) => l.listing));
    const result = pairwise(clusters.map((c) => c.members));
    console.log(
      `clusterListings on ${labelled.length} listings: precision ${result.precision.toFixed(4)}, recall ${result.recall.toFixed(4)} ` +
        `(${result.truePositive} true pairs; false merges ${result.falseMerges.length}, misses ${result.misses.length})`,
    );
    expect(result.falseMerges).toEqual([]);
    expect(result.precision).toBeGreaterThanOrEqual(0.995);
    expect(result.recall, result.misses.join('\n')).toBeGreaterThanOrEqual(0.97);
    expect(result.wrongOrientation).toBe(0);
  });

  it('EventMatcher, fed in a shuffled order: the same targets', () => {
    const matcher = new EventMatcher();
    const order = [...labelled].sort(
      (a, b) =>
        ((a.listing.eventId.length * 7919 + a.listing.home.length) % 13) -
        ((b.listing.eventId.length * 7919 + b.listing.home.length) % 13),
    );
    for (const { listing } of order) matcher.add(listing);
    const events = matcher.canonicalEvents();
    const result = pairwise(
      events.map((e) =>
        e.members.map((m) => ({ book: m.book, eventId: m.eventId, swapped: m.swapped ?? false })),
      ),
    );
    console.log(
      `EventMatcher on ${labelled.length} listings: precision ${result.precision.toFixed(4)}, recall ${result.recall.toFixed(4)}, ` +
        `${matcher.learnedAliases} aliases learned`,
    );
    expect(result.falseMerges).toEqual([]);
    expect(result.precision).toBeGreaterThanOrEqual(0.995);
    expect(result.recall, result.misses.join('\n')).toBeGreaterThanOrEqual(0.97);
    expect(result.wrongOrientation).toBe(0);
  });
});
