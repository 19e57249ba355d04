import { describe, expect, it } from 'vitest';
import { ArbEngine, arbSelections, calculate, seededRandom } from './index.js';
import type { Arb } from '@arbhub/schema';
import type { ArbChanges, EngineQuote, EventInfo } from './index.js';

const INFO: EventInfo = {
  home: 'Home FC',
  away: 'Away FC',
  league: 'Test League',
  startTime: '2026-11-28T15:00:00Z',
};
const BOOKS = ['csport', 'sbo', 'bmk', 'pin'];
type Sel = Pick<EngineQuote, 'market' | 'line' | 'side'> & { fair: number };
const SELECTIONS: Sel[] = [
  { market: '1x2', side: 'home', fair: 2.5 },
  { market: '1x2', side: 'draw', fair: 3.4 },
  { market: '1x2', side: 'away', fair: 3.1 },
  ...[-0.75, -0.5, -0.25, 0].flatMap((line): Sel[] => [
    { market: 'ah', line, side: 'home', fair: 2 - line },
    { market: 'ah', line: -line, side: 'away', fair: 2 + line },
  ]),
  { market: 'ou', line: 2.25, side: 'over', fair: 1.95 },
  { market: 'ou', line: 2.25, side: 'under', fair: 1.95 },
  { market: 'ou', line: 2.75, side: 'over', fair: 2.3 },
  { market: 'ou', line: 2.75, side: 'under', fair: 1.65 },
];

/** The open arbitrages as comparable facts: legs, kind, z. */
function facts(arbs: Arb[]): string[] {
  return arbs
    .map(
      (a) =>
        `${a.eventId} ${a.kind} ${a.legs.map((l) => `${l.book}:${l.market}:${l.line}:${l.side}@${l.odds}`).join(',')} ${a.returnRatio.toFixed(9)}`,
    )
    .sort();
}

/**
 * A random walk of one price at a time over three events, four books and the selections
 * above, around each fair price with a 4% margin: wide enough that arbitrage comes and goes.
 */
function randomWalk(seed: number) {
  const random = seededRandom(seed);
  const clock = {
    t: 0,
    now() {
      return this.t;
    },
  };
  const prices = new Map<string, number>();
  const step = (): { eventId: string; key: string; quote: EngineQuote } => {
    clock.t += Math.floor(random() * 40);
    const eventId = `ev${Math.floor(random() * 3)}`;
    const book = BOOKS[Math.floor(random() * BOOKS.length)]!;
    const sel = SELECTIONS[Math.floor(random() * SELECTIONS.length)]!;
    const key = `${eventId}|${book}|${sel.market}|${sel.line}|${sel.side}`;
    const previous = prices.get(key) ?? sel.fair * 0.96;
    const odds = Math.max(1.05, Math.round(previous * (1 + (random() - 0.5) * 0.08) * 100) / 100);
    prices.set(key, odds);
    return {
      eventId,
      key,
      quote: { book, bookEventId: `${book}-${eventId}`, period: 'ft', ...sel, odds, ts: clock.t },
    };
  };
  return { clock, step };
}

describe('ArbEngine, property: incremental detection equals a full rescan', () => {
  it('over 3,000 random-walk price changes with staleness, and calculate() confirms every arbitrage', () => {
    const { clock, step: walk } = randomWalk(7);
    const options = { staleAfterMs: 4_000 };
    const engine = new ArbEngine(options, { clock });
    const live = new Map<string, { eventId: string; quote: EngineQuote }>();
    let opened = 0;
    let multis = 0;
    for (let step = 0; step < 3000; step += 1) {
      const { eventId, key, quote } = walk();
      live.set(key, { eventId, quote });
      const changes = engine.upsert(eventId, [quote], INFO);
      opened += changes.opened.length;
      multis += changes.opened.filter((a) => a.kind === 'multi').length;
      for (const arb of [...changes.opened, ...changes.updated]) {
        const answer = calculate({ selections: arbSelections(arb) });
        expect(answer.arbitrage).toBe(true);
        expect(answer.returnRatio).toBeCloseTo(arb.returnRatio, 9);
      }
      if (step % 50 === 0) {
        engine.sweep();
        // A fresh engine given only the live quotes must see exactly the same arbitrages.
        const fresh = new ArbEngine(options, { clock });
        for (const { eventId: id, quote: q } of live.values()) {
          if (clock.t - q.ts <= options.staleAfterMs) fresh.upsert(id, [q], INFO);
        }
        expect(facts(engine.openArbs()), `step ${step}`).toEqual(facts(fresh.openArbs()));
      }
    }
    expect(opened).toBeGreaterThan(50);
    expect(multis).toBeGreaterThan(0);
  });
});

describe('ArbEngine, property: deferred updates end where every update would', () => {
  it('a subscriber of an updateEveryMs engine sees what one of an eager engine sees, after takeUpdated()', () => {
    const { clock, step: walk } = randomWalk(11);
    const eager = new ArbEngine({ staleAfterMs: 4_000 }, { clock });
    const deferred = new ArbEngine({ staleAfterMs: 4_000, updateEveryMs: 500 }, { clock });
    /** What a /stream subscriber holds: every open arbitrage by id, as last told. */
    const board = () => {
      const seen = new Map<string, Arb>();
      return {
        seen,
        hear(changes: ArbChanges) {
          for (const arb of [...changes.opened, ...changes.updated]) seen.set(arb.id, arb);
          for (const { arb } of changes.closed) seen.delete(arb.id);
        },
      };
    };
    const eagerBoard = board();
    const deferredBoard = board();
    const updates = { eager: 0, deferred: 0 };
    for (let step = 0; step < 3000; step += 1) {
      const { eventId, quote } = walk();
      const a = eager.upsert(eventId, [quote], INFO);
      const b = deferred.upsert(eventId, [quote], INFO);
      // Opens and closes are never deferred: the same ones, with the same figures.
      expect(facts(b.opened)).toEqual(facts(a.opened));
      expect(facts(b.closed.map((c) => c.arb))).toEqual(facts(a.closed.map((c) => c.arb)));
      // An arbitrage not told for 500 ms is told at once; others wait for takeUpdated().
      for (const arb of b.updated) expect(arb.updatedAt).toBe(clock.t);
      updates.eager += a.updated.length;
      updates.deferred += b.updated.length;
      eagerBoard.hear(a);
      deferredBoard.hear(b);
      if (step % 25 === 0) {
        // Taken in slices of at most 3, as the hub spreads a large batch over turns.
        while (deferred.hasDeferred) {
          const taken = deferred.takeUpdated(3);
          expect(taken.updated.length).toBeLessThanOrEqual(3);
          updates.deferred += taken.updated.length;
          deferredBoard.hear(taken);
        }
        expect(facts([...deferredBoard.seen.values()]), `step ${step}`).toEqual(
          facts([...eagerBoard.seen.values()]),
        );
        expect(facts(deferred.openArbs())).toEqual(facts(eager.openArbs()));
        expect(deferred.hasDeferred).toBe(false);
      }
    }
    // Each arbitrage is told at most once per interval: fewer updates than one per move.
    expect(updates.eager).toBeGreaterThan(100);
    expect(updates.deferred).toBeLessThan(updates.eager);
    expect(updates.deferred).toBeGreaterThan(0);
  });
});
