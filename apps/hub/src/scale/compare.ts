// How the scale-out tests compare hubs: what must be the same, without the ids each hub
// makes its own (arbitrage ids, canonical event ids).
import type { Arb, EventsAnswer } from '@arbhub/schema';
import { arbKey } from './results.js';

/** The open arbitrage as its legs and profit, sorted. */
export const arbSet = (arbs: Iterable<Arb>): string[] =>
  [...arbs].map((a) => `${arbKey(a)} ${a.profitPct.toFixed(6)}`).sort();

/** Each canonical event as the sorted keys of its listings, sorted. */
export const eventSets = (events: EventsAnswer): string[] =>
  events
    .map((e) =>
      e.members
        .map((m) => `${m.book}|${m.eventId}`)
        .sort()
        .join(' '),
    )
    .sort();
