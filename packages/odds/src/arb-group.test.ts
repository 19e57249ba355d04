import { describe, expect, it } from 'vitest';
import { Group } from './arb-group.js';
import type { Member } from './arb-group.js';
import { quoteKey, selectionKey } from './arb-types.js';
import type { EngineQuote } from './arb-types.js';
import { winReturn } from './settlement.js';

function member(
  book: string,
  market: '1x2' | 'ah',
  side: 'home' | 'draw' | 'away',
  odds: number,
  line?: number,
): Member {
  const quote: EngineQuote = {
    book,
    bookEventId: `${book}-1`,
    market,
    period: 'ft',
    line,
    side,
    odds,
    ts: 0,
  };
  return {
    key: quoteKey(quote),
    selKey: selectionKey(quote),
    quote,
    settle: { market, side, line, odds },
    win: winReturn(odds),
    payoff: [],
  };
}

/** The group's best z over every pair and 1x2 triple, found the slow way. */
function bestPairOrTriple(group: Group): number {
  let best = 0;
  for (const m of group.members) {
    for (const c of [...group.pairsWith(m, true, 0), ...group.triplesWith(m, true, 0)])
      best = Math.max(best, c.z);
  }
  return best;
}

describe('Group.mayBeat: a proof that no combination is an arbitrage', () => {
  it('two selections: exact, with or without an arbitrage', () => {
    const group = new Group('ft|margin|pre', 'margin', [0, 0]);
    group.put(member('a', 'ah', 'home', 1.9, -0.5));
    group.put(member('b', 'ah', 'away', 1.95, 0.5));
    expect(group.mayBeat(1)).toBe(false); // 1/1.9 + 1/1.95 > 1
    group.put(member('b', 'ah', 'away', 2.2, 0.5));
    expect(group.mayBeat(1)).toBe(true); // 1/1.9 + 1/2.2 < 1
    expect(bestPairOrTriple(group)).toBeGreaterThan(1);
  });

  it('one selection alone never can', () => {
    const group = new Group('ft|margin|pre', 'margin', [0, 0]);
    group.put(member('a', '1x2', 'home', 50));
    group.put(member('b', '1x2', 'home', 60));
    expect(group.mayBeat(0.5)).toBe(false);
  });

  it('three or more: "may" until a dual solve, then proof from its weights until prices break them', () => {
    const group = new Group('ft|margin|pre', 'margin', [0, 0]);
    group.put(member('a', '1x2', 'home', 2.4));
    group.put(member('b', '1x2', 'draw', 3.3));
    group.put(member('c', '1x2', 'away', 2.9));
    group.put(member('a', 'ah', 'away', 1.6, 0.5));
    expect(group.mayBeat(1)).toBe(true); // no weights yet: the full evaluation must run
    expect(group.bestMulti(1, true)).toBeUndefined(); // ...which solves the dual
    expect(group.mayBeat(1)).toBe(false);
    expect(bestPairOrTriple(group)).toBeLessThan(1);
    // A small move keeps under the weights: still proven, still right.
    group.put(member('b', '1x2', 'draw', 3.35));
    expect(group.mayBeat(1)).toBe(false);
    expect(bestPairOrTriple(group)).toBeLessThan(1);
    // A price that makes an arbitrage (home 2.4 against away +0.5 at 2.0) is never hidden.
    group.put(member('d', 'ah', 'away', 2.0, 0.5));
    expect(bestPairOrTriple(group)).toBeGreaterThan(1);
    expect(group.mayBeat(1)).toBe(true);
  });
});
