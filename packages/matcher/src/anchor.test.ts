import { describe, expect, it } from 'vitest';
import type { Listing } from '@arbhub/schema';
import { listing } from './__fixtures__/listing.js';
import { AliasTable, EventMatcher, clusterListings } from './index.js';

/** Both matchers on one set of listings: the EventMatcher's events and clusterListings' clusters, as sets of keys. */
function both(listings: Listing[], aliases?: () => AliasTable) {
  const matcher = new EventMatcher(aliases ? { aliases: aliases() } : {});
  for (const l of listings) matcher.add(l);
  const events = matcher
    .canonicalEvents()
    .map((e) => e.members.map((m) => `${m.book}:${m.eventId}`).sort())
    .sort();
  const clusters = clusterListings(listings, aliases ? { aliases: aliases() } : {})
    .map((c) => c.members.map((m) => `${m.book}:${m.eventId}`).sort())
    .sort();
  return { matcher, events, clusters };
}

describe('anchor evidence', () => {
  it('one strongly matched team, the only listing against it at its book, the only event it fits: merged as anchor', () => {
    // A sponsor name nobody else prints: "Red Bull Arena Lions" is Leipzig Lions to the others.
    const listings = [
      listing('a', '1', 'Leipzig Lions', 'Hamburg Harbour'),
      listing('b', '1', 'Leipzig Lions', 'Hamburg Harbour', 2),
      listing('c', '1', 'Energy Drink Lions', 'Hamburg Harbour', 5),
      listing('a', '2', 'Dresden Dukes', 'Kassel Kites'),
      listing('c', '2', 'Dresden Dukes', 'Kassel Kites'),
    ];
    const { matcher, events, clusters } = both(listings);
    expect(events).toContainEqual(['a:1', 'b:1', 'c:1']);
    expect(clusters).toContainEqual(['a:1', 'b:1', 'c:1']);
    const placed = matcher.get('c', '1');
    expect(placed).toMatchObject({ evidence: 'anchor' });
    expect(placed?.confidence).toBeLessThan(0.9);
    expect(matcher.get('b', '1')).toMatchObject({ evidence: 'name' });
  });

  it('is refused when the other team is a different known team', () => {
    // Manchester City is not Manchester United even with Everton matching exactly.
    const { events, clusters } = both([
      listing('a', '1', 'Everton', 'Manchester United'),
      listing('b', '1', 'Everton', 'Manchester City'),
    ]);
    expect(events).toHaveLength(2);
    expect(clusters).toHaveLength(2);
  });

  it('keeps the hard negatives apart: two clubs of one city on one day', () => {
    const { events, clusters } = both([
      listing('a', '1', 'Arsenal', 'Manchester United'),
      listing('a', '2', 'Chelsea', 'Manchester City', 150),
      listing('b', '1', 'Arsenal', 'Man Utd'),
      listing('b', '2', 'Chelsea', 'Man City', 150),
      listing('c', '2', 'Chelsea', 'Citizens Sponsor XI', 150),
    ]);
    for (const groups of [events, clusters]) {
      expect(groups).toContainEqual(['a:1', 'b:1']);
      expect(groups).toContainEqual(['a:2', 'b:2', 'c:2']);
    }
  });

  it('keeps a first team and its reserves apart on one day, and the women’s side at the same time', () => {
    const { events, clusters } = both([
      listing('a', '1', 'Bayern Munich', 'Augsburg'),
      listing('b', '1', 'Bayern München II', 'Augsburg II'),
      listing('c', '1', 'Bayern Munich Women', 'Augsburg Frauen'),
      listing('d', '1', 'Bayern', 'Augsburger Sponsor'),
    ]);
    for (const groups of [events, clusters]) {
      expect(groups).toContainEqual(['a:1', 'd:1']);
      expect(groups).toContainEqual(['b:1']);
      expect(groups).toContainEqual(['c:1']);
    }
  });

  it('keeps the two legs of a tie apart (a week between them)', () => {
    const { events, clusters } = both([
      listing('a', '1', 'Porto', 'Roma'),
      listing('b', '1', 'Roma', 'FC Porto Sponsor', 7 * 24 * 60),
    ]);
    expect(events).toHaveLength(2);
    expect(clusters).toHaveLength(2);
  });

  it('is refused when its book lists the anchor team twice in the window, or two events fit', () => {
    const twice = both([
      listing('a', '1', 'Leipzig Lions', 'Hamburg Harbour'),
      listing('c', '1', 'Leipzig Lions', 'Sponsor One'),
      listing('c', '2', 'Leipzig Lions', 'Sponsor Two', 10),
    ]);
    expect(twice.events).toHaveLength(3);
    expect(twice.clusters).toHaveLength(3);
    // Two events with the anchor team at another book (a fixture listed twice by mistake).
    const two = both([
      listing('a', '1', 'Leipzig Lions', 'Hamburg Harbour'),
      listing('a', '2', 'Leipzig Lions', 'Kassel Kites', 5),
      listing('c', '1', 'Leipzig Lions', 'Sponsor One'),
    ]);
    expect(two.events.find((g) => g.includes('c:1'))).toEqual(['c:1']);
    expect(two.clusters.find((g) => g.includes('c:1'))).toEqual(['c:1']);
  });

  it('is refused when the other team is another listing’s team at that time', () => {
    // Hamburg Harbour plays elsewhere at this time: "Kassel Kites" at book c is not them.
    const { events, clusters } = both([
      listing('a', '1', 'Leipzig Lions', 'Hamburg Harbour'),
      listing('c', '1', 'Leipzig Lions', 'Kassel Kites'),
      listing('a', '2', 'Kassel Kites', 'Dresden Dukes', 5),
    ]);
    expect(events.find((g) => g.includes('c:1'))).toEqual(['c:1']);
    expect(clusters.find((g) => g.includes('c:1'))).toEqual(['c:1']);
  });

  it('teaches the alias only after it has held twice', () => {
    const aliases = new AliasTable();
    const matcher = new EventMatcher({ aliases });
    const spelling = () => aliases.canonical(aliases.normalize('Energy Drink Lions').key);
    const real = () => aliases.canonical(aliases.normalize('Leipzig Lions').key);
    matcher.add(listing('a', '1', 'Leipzig Lions', 'Hamburg Harbour'));
    expect(matcher.add(listing('c', '1', 'Energy Drink Lions', 'Hamburg Harbour')).evidence).toBe('anchor');
    expect(spelling()).not.toBe(real());
    matcher.add(listing('a', '2', 'Kassel Kites', 'Leipzig Lions', 7 * 24 * 60));
    expect(matcher.add(listing('c', '2', 'Kassel Kites', 'Energy Drink Lions', 7 * 24 * 60)).evidence).toBe(
      'anchor',
    );
    expect(spelling()).toBe(real());
    expect(matcher.learnedPairs).toContainEqual(['leipzig lions', 'energy drink lions']);
    // A third fixture now merges by name.
    matcher.add(listing('a', '3', 'Leipzig Lions', 'Dresden Dukes', 14 * 24 * 60));
    expect(matcher.add(listing('c', '3', 'Energy Drink Lions', 'Dresden Dukes', 14 * 24 * 60)).evidence).toBe(
      'name',
    );
  });
});

describe('an anchored merge a newer listing makes ambiguous', () => {
  it('is placed again, and the move is reported', () => {
    const moves: string[] = [];
    const matcher = new EventMatcher(
      {},
      { onMove: (book, eventId, placed) => moves.push(`${book}:${eventId}→${placed.id}`) },
    );
    const first = matcher.add(listing('a', '1', 'Leipzig Lions', 'Hamburg Harbour'));
    expect(matcher.add(listing('c', '1', 'Leipzig Lions', 'Sponsor One'))).toMatchObject({
      id: first.id,
      evidence: 'anchor',
    });
    // Book c now lists the Lions twice at this time: the anchor no longer says which.
    matcher.add(listing('c', '2', 'Leipzig Lions', 'Sponsor Two', 10));
    const moved = matcher.get('c', '1');
    expect(moved?.id).not.toBe(first.id);
    expect(moves).toEqual([`c:1→${moved?.id ?? ''}`]);
  });
});
