import { describe, expect, it } from 'vitest';
import { listing } from './__fixtures__/listing.js';
import { AliasTable, EventMatcher, MatchingError } from './index.js';

describe('the review queue, link and unlink', () => {
  it('lists an unplaced listing with its candidates; a link moves it, teaches its names and survives a new matcher', () => {
    const matcher = new EventMatcher();
    const event = matcher.add(listing('a', '1', 'Leipzig Lions', 'Hamburg Harbour'));
    matcher.add(listing('b', '1', 'Leipzig Lions', 'Hamburg Harbour'));
    matcher.add(listing('a', '9', 'Far Away', 'Other Day', 24 * 60)); // another day: no candidate
    const lone = matcher.add(listing('c', '1', 'Hafen SV', 'Loewen Club', 5));
    expect(lone.id).not.toBe(event.id);
    const [item, ...rest] = matcher.review();
    expect(rest.filter((i) => i.reason === 'unplaced' && i.listing.eventId === '9')).toEqual([]);
    expect(item).toMatchObject({ reason: 'unplaced', listing: { book: 'c', eventId: '1' } });
    expect(item?.candidates[0]).toMatchObject({ canonicalId: event.id, books: ['a', 'b'] });

    const { placed, decision } = matcher.link('c', '1', event.id);
    expect(placed).toMatchObject({ id: event.id, swapped: true, evidence: 'link', confidence: 1 });
    expect(decision).toMatchObject({
      kind: 'link',
      with: { home: 'Hamburg Harbour', away: 'Leipzig Lions' },
    });
    expect(matcher.review().some((i) => i.listing.book === 'c')).toBe(false);

    // After a restart: the decision applied again, the same listings come back in another order.
    const again = new EventMatcher({ aliases: new AliasTable() });
    again.apply(decision);
    const c = again.add(listing('c', '1', 'Hafen SV', 'Loewen Club', 5));
    const a = again.add(listing('a', '1', 'Leipzig Lions', 'Hamburg Harbour'));
    expect(again.get('c', '1')?.id).toBe(a.id);
    expect(c.id).toBe(a.id);
    // A later fixture of the same teams merges by the names it taught.
    const later = again.add(listing('a', '2', 'Leipzig Lions', 'Hamburg Harbour', 7 * 24 * 60));
    expect(again.add(listing('c', '2', 'Loewen Club', 'Hafen SV', 7 * 24 * 60))).toMatchObject({
      id: later.id,
      evidence: 'name',
      swapped: false,
    });
  });

  it('unlink takes a listing out and keeps later fixtures of the same teams apart', () => {
    const matcher = new EventMatcher();
    const event = matcher.add(listing('a', '1', 'Arsenal', 'Chelsea'));
    matcher.add(listing('b', '1', 'Arsenal London', 'Chelsea FC'));
    const { placed, decision } = matcher.unlink('b', '1');
    expect(placed.id).not.toBe(event.id);
    const again = new EventMatcher();
    again.apply(decision);
    again.add(listing('a', '5', 'Arsenal', 'Chelsea', 3 * 24 * 60));
    expect(again.add(listing('b', '5', 'Arsenal London', 'Chelsea FC', 3 * 24 * 60)).evidence).toBe('alone');
  });

  it('refuses what cannot be linked, with a code', () => {
    const matcher = new EventMatcher();
    const event = matcher.add(listing('a', '1', 'Arsenal', 'Chelsea'));
    matcher.add(listing('a', '2', 'Everton', 'Fulham'));
    expect(() => matcher.link('a', '2', event.id)).toThrow(MatchingError);
    expect(() => matcher.link('a', '2', event.id)).toThrow(/already has a's listing 1/);
    expect(() => matcher.link('z', '2', event.id)).toThrow(/no listing z 2/);
    expect(() => matcher.link('a', '2', 'ev-404')).toThrow(/no canonical event ev-404/);
  });
});
