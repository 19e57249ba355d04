import { describe, expect, it } from 'vitest';
import { listing } from './__fixtures__/listing.js';
import { AliasTable, EventMatcher } from './index.js';

describe('EventMatcher', () => {
  it('gives one canonical id to one fixture across books, and keeps it stable', () => {
    const matcher = new EventMatcher();
    const a = matcher.add(listing('csport', '1', 'Manchester United', 'Chelsea'));
    const b = matcher.add(listing('sbo', 'x9', 'Man Utd', 'Chelsea FC', 5));
    expect(b).toMatchObject({ id: a.id, swapped: false });
    expect(b.confidence).toBeGreaterThan(0.8);
    expect(matcher.add(listing('pin', 'p1', 'Manchester City', 'Chelsea')).id).not.toBe(a.id);
    // Removing the first listing keeps the id for the rest.
    matcher.remove('csport', '1');
    expect(matcher.get('sbo', 'x9')?.id).toBe(a.id);
    expect(matcher.add(listing('csport', '1', 'Manchester United', 'Chelsea')).id).toBe(a.id);
  });

  it('never puts two listings of one book in one event', () => {
    const matcher = new EventMatcher();
    const a = matcher.add(listing('csport', '1', 'Arsenal', 'Chelsea'));
    const b = matcher.add(listing('csport', '2', 'Arsenal', 'Chelsea'));
    expect(b.id).not.toBe(a.id);
  });

  it('records a swapped listing, so the hub flips sides and handicap signs', () => {
    const matcher = new EventMatcher();
    const a = matcher.add(listing('csport', '1', 'Brazil (N)', 'Argentina'));
    expect(matcher.add(listing('sbo', '2', 'Argentina', 'Brazil'))).toMatchObject({
      id: a.id,
      swapped: true,
    });
  });

  it('keeps the two legs of a tie a week apart as two fixtures', () => {
    const matcher = new EventMatcher();
    const first = matcher.add(listing('csport', '1', 'Benfica', 'Porto'));
    const second = matcher.add(listing('sbo', '2', 'Porto', 'Benfica', 7 * 24 * 60));
    expect(second.id).not.toBe(first.id);
  });

  it('re-places a listing whose teams or time changed, and keeps a lone listing’s id', () => {
    const matcher = new EventMatcher();
    const a = matcher.add(listing('csport', '1', 'Arsenal', 'Chelsea'));
    const b = matcher.add(listing('sbo', '2', 'Arsenal', 'Chelsea'));
    expect(b.id).toBe(a.id);
    const moved = matcher.update(listing('sbo', '2', 'Arsenal', 'Chelsea', 3 * 60));
    expect(moved.id).not.toBe(a.id);
    const alone = matcher.update(listing('sbo', '2', 'Arsenal', 'Chelsea', 4 * 60));
    expect(alone.id).toBe(moved.id);
    expect(matcher.get('csport', '1')?.confidence).toBe(1);
  });

  it('learns a spelling from a merge anchored by an exact match, and uses it later', () => {
    const aliases = new AliasTable([]);
    const matcher = new EventMatcher({ aliases });
    matcher.add(listing('csport', '1', 'Alpha Town', 'Beta Rovers'));
    matcher.add(listing('sbo', '1', 'Alpha T', 'Beta Rovers'));
    expect(matcher.learnedAliases).toBe(1);
    // A week later, half an hour apart: "Alpha T" now counts as "Alpha Town" outright.
    const later = matcher.add(listing('csport', '2', 'Gamma City', 'Alpha Town', 7 * 24 * 60));
    expect(matcher.add(listing('sbo', '2', 'Gamma City', 'Alpha T', 7 * 24 * 60 + 30)).id).toBe(later.id);
    // The same pair without what was learned falls below the threshold.
    const fresh = new EventMatcher({ aliases: new AliasTable([]) });
    const x = fresh.add(listing('csport', '2', 'Gamma City', 'Alpha Town'));
    expect(fresh.add(listing('sbo', '2', 'Gamma City', 'Alpha T', 30)).id).not.toBe(x.id);
  });

  it('lists canonical events in the /events shape', () => {
    const matcher = new EventMatcher();
    matcher.add(listing('csport', '1', 'Arsenal', 'Chelsea'));
    matcher.add(listing('sbo', '2', 'Arsenal FC', 'Chelsea FC', 2));
    expect(matcher.canonicalEvents()).toEqual([
      expect.objectContaining({
        home: 'Arsenal',
        away: 'Chelsea',
        members: [
          expect.objectContaining({ book: 'csport', eventId: '1', swapped: false }),
          expect.objectContaining({ book: 'sbo', eventId: '2', swapped: false }),
        ],
      }),
    ]);
  });

  it('refuses a listing that is not one, naming the field', () => {
    const matcher = new EventMatcher();
    expect(() => matcher.add({ ...listing('csport', '1', 'A', 'B'), startTime: 'soon' })).toThrow(
      'startTime',
    );
  });
});
