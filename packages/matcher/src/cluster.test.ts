import { describe, expect, it } from 'vitest';
import { labelledListings } from './__fixtures__/labelled-set.js';
import { AliasTable, clusterListings, normalizePlayers, personSimilarity } from './index.js';

const listings = labelledListings().map((l) => l.listing);

describe('clusterListings', () => {
  it('returns every listing exactly once, in the shape checks outside the repo read', () => {
    const clusters = clusterListings(listings);
    const members = clusters.flatMap((c) => c.members);
    expect(members).toHaveLength(listings.length);
    expect(new Set(members.map((m) => `${m.book}|${m.eventId}`)).size).toBe(listings.length);
    for (const cluster of clusters) {
      expect(cluster).toEqual({ id: expect.any(String), members: expect.any(Array) });
      expect(cluster.members[0]?.swapped).toBe(false);
      expect(new Set(cluster.members.map((m) => m.book)).size).toBe(cluster.members.length);
    }
  });

  it('gives the same clusters whatever the order of the input', () => {
    const canonical = (input: typeof listings) =>
      clusterListings(input)
        .map((c) => `${c.id}:${c.members.map((m) => `${m.book}/${m.eventId}/${m.swapped}`).join(',')}`)
        .sort();
    const reversed = [...listings].reverse();
    const interleaved = listings.filter((_, i) => i % 2 === 0).concat(listings.filter((_, i) => i % 2 === 1));
    expect(canonical(reversed)).toEqual(canonical(listings));
    expect(canonical(interleaved)).toEqual(canonical(listings));
  });

  it('refuses bad input with a clear error', () => {
    expect(() => clusterListings([{ ...listings[0], home: '' }])).toThrow(
      'invalid listing 0: home: expected a non-empty string',
    );
    expect(() => clusterListings([listings[0], listings[0]])).toThrow('is listed twice');
  });

  it('works without the built-in aliases, on names alone', () => {
    const clusters = clusterListings(listings, { aliases: new AliasTable([]) });
    expect(clusters.length).toBeGreaterThan(60);
  });
});

describe('a name made of one team’s aliases', () => {
  const fixture = { sport: 'soccer', league: 'Germany - Bundesliga', startTime: '2026-11-24T12:15:00Z' };
  it('"BVB Dortmund" is Borussia Dortmund: "BVB" and "Dortmund" are both its aliases', () => {
    const clusters = clusterListings([
      { book: 'pin', eventId: '1', home: 'Borussia Dortmund', away: 'VfB Stuttgart', ...fixture },
      { book: 'sbo', eventId: '2', home: 'Dortmund', away: 'Stuttgart', ...fixture },
      { book: 'bmk', eventId: '3', home: 'BVB Dortmund', away: 'VfB Stuttgart', ...fixture },
    ]);
    expect(clusters).toHaveLength(1);
  });
  it('only when every token is an alias of that same team', () => {
    const aliases = new AliasTable();
    const dortmund = aliases.canonical(aliases.normalize('Borussia Dortmund').key);
    expect(aliases.compositeCanonical(['bvb', 'dortmund'])).toBe(dortmund);
    expect(aliases.compositeCanonical(['bvb', 'stuttgart'])).toBeUndefined();
    expect(aliases.compositeCanonical(['inter', 'dortmund'])).toBeUndefined();
    expect(aliases.compositeCanonical(['dortmund'])).toBeUndefined();
  });
});

describe('person names', () => {
  const sim = (a: string, b: string) => {
    const [pa] = normalizePlayers(a).players;
    const [pb] = normalizePlayers(b).players;
    return personSimilarity(pa!, pb!);
  };

  it('"Djokovic N." = "Novak Djokovic" = "N. Djokovic" = "Djokovic, Novak"', () => {
    expect(sim('Djokovic N.', 'Novak Djokovic')).toBe(1);
    expect(sim('N. Djokovic', 'Djokovic N.')).toBe(1);
    expect(sim('Djokovic, Novak', 'Novak Djokovic')).toBe(1);
  });

  it('tells siblings apart by initial, and is less sure of a bare surname', () => {
    expect(sim('Williams S.', 'Williams V.')).toBe(0);
    expect(sim('Williams S.', 'Venus Williams')).toBe(0);
    expect(sim('Zverev M.', 'Alexander Zverev')).toBe(0);
    expect(sim('Williams', 'Serena Williams')).toBeCloseTo(0.9, 12);
  });

  it('treats an initial the other side cannot confirm as unverified, not as a contradiction', () => {
    expect(sim('Granollers M.', 'Granollers')).toBeCloseTo(0.9, 12);
    expect(sim('Granollers', 'Granollers M.')).toBeCloseTo(0.9, 12);
    expect(sim('Alcaraz C.', 'Carlos Alcaraz Garfia')).toBe(1);
  });
});
