import { parse, workerMessageSchema } from '@arbhub/schema';
import type { OddsUpdate } from '@arbhub/schema';
import { describe, expect, it } from 'vitest';
import { LiveState } from './state.js';

const match = (eventId: string, home: number) => ({
  eventId,
  sport: 'soccer',
  league: 'Premier League',
  home: eventId === 'e1' ? 'Arsenal' : 'Chelsea',
  away: eventId === 'e1' ? 'Everton' : 'Fulham',
  startTime: '2026-11-28T15:00:00Z',
  inPlay: false,
  markets: [{ market: 'ah', period: 'ft', line: -0.5, prices: { home, away: 1.9 } }],
});
const update = (
  workerId: string,
  mode: 'snapshot' | 'delta',
  matches: object[],
  partition = 'all',
  removed: string[] = [],
) =>
  parse(workerMessageSchema, {
    type: 'odds:update',
    workerId,
    book: 'csport',
    ts: 1,
    mode,
    partition,
    matches,
    removed,
  }) as OddsUpdate;

describe('LiveState: listings by worker', () => {
  const state = () =>
    new LiveState({ staleAfterMs: 60_000, clock: { now: () => 1 }, onChanges: () => undefined });

  it('a listing another worker of the book took over stays when the first worker goes', () => {
    const live = state();
    live.apply(update('csport-1', 'snapshot', [match('e1', 1.9), match('e2', 1.9)]));
    live.apply(update('csport-2', 'delta', [match('e1', 1.95)]));
    expect(live.countsFor('csport-1')).toEqual({ events: 1, quotes: 2, underround: 0 });
    expect(live.countsFor('csport-2')).toEqual({ events: 1, quotes: 2, underround: 0 });

    live.removeWorker('csport-1', 'book_gone');
    expect(live.listingKeys()).toEqual(['csport|e1']);
    expect(live.countsFor('csport-1')).toEqual({ events: 0, quotes: 0, underround: 0 });
  });

  it("a worker's snapshot drops only that worker's listings it no longer carries", () => {
    const live = state();
    live.apply(update('csport-1', 'snapshot', [match('e1', 1.9)]));
    live.apply(update('csport-2', 'snapshot', [match('e2', 1.9)]));
    live.apply(update('csport-1', 'snapshot', []));
    expect(live.listingKeys()).toEqual(['csport|e2']);
    expect(live.stats().quotes).toBe(2);
  });

  it('a removal from one partition leaves an event already reported under another', () => {
    const live = state();
    live.apply(update('csport-1', 'snapshot', [match('e1', 1.9)], 'soccer:today'));
    // e1 kicks off: the live partition reports it, then the today partition lets it go.
    live.apply(update('csport-2', 'delta', [match('e1', 1.9)], 'soccer:live'));
    live.apply(update('csport-1', 'delta', [], 'soccer:today', ['e1']));
    expect(live.listingKeys()).toEqual(['csport|e1']);
    // Removed from the partition that holds it, it goes.
    live.apply(update('csport-2', 'delta', [], 'soccer:live', ['e1']));
    expect(live.listingKeys()).toEqual([]);
  });
});

describe('LiveState: one message, one report of its changes', () => {
  const listing = (eventId: string, home: number, away: number) => ({
    ...match(eventId.endsWith('e1') ? 'e1' : 'e2', home),
    eventId,
    markets: [{ market: 'ah', period: 'ft', line: -0.5, prices: { home, away } }],
  });
  const sbo = (matches: object[]) =>
    parse(workerMessageSchema, {
      type: 'odds:update',
      workerId: 'sbo-1',
      book: 'sbo',
      ts: 1,
      mode: 'delta',
      matches,
    }) as OddsUpdate;

  it('hears the arbitrage changes of a whole message together, once', () => {
    const heard: { opened: string[]; updated: string[]; closed: string[] }[] = [];
    const live = new LiveState({
      staleAfterMs: 60_000,
      clock: { now: () => 1 },
      onChanges: (changes) =>
        heard.push({
          opened: changes.opened.map((a) => a.event.home),
          updated: changes.updated.map((a) => a.event.home),
          closed: changes.closed.map((c) => c.arb.event.home),
        }),
    });
    live.apply(update('csport-1', 'snapshot', [listing('e1', 2.2, 1.5), listing('e2', 2.2, 1.5)]));
    // One sbo message opens an arbitrage on each of two events: one report with both.
    live.apply(sbo([listing('sbo-e1', 1.5, 2.2), listing('sbo-e2', 1.5, 2.2)]));
    expect(heard).toEqual([{ opened: ['Arsenal', 'Chelsea'], updated: [], closed: [] }]);
    // The next moves one and takes the other back: one report again.
    live.apply(sbo([listing('sbo-e1', 1.5, 2.3), listing('sbo-e2', 1.5, 1.7)]));
    expect(heard.slice(1)).toEqual([{ opened: [], updated: ['Arsenal'], closed: ['Chelsea'] }]);
    expect(live.openArbs().map((a) => a.legs.find((l) => l.book === 'sbo')?.odds)).toEqual([2.3]);
  });
});
