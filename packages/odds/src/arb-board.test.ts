// One row per opportunity: arbitrage grouped by canonical event and period, clean ones first.
import { examples } from '@arbhub/schema';
import type { Arb } from '@arbhub/schema';
import { describe, expect, it } from 'vitest';
import { compareArbs, groupArbs } from './arb-board.js';

const arb = (id: string, eventId: string, profitPct: number, over: Partial<Arb> = {}): Arb => ({
  ...examples.arb,
  id,
  eventId,
  returnRatio: 1 + profitPct / 100,
  profitPct,
  openedAt: 1000,
  updatedAt: 1000,
  flags: [],
  ...over,
});

describe('groupArbs', () => {
  it('makes one group per event and period, its best the most profitable clean one', () => {
    const groups = groupArbs([
      arb('a1', 'ev-1', 1.2),
      arb('a2', 'ev-1', 3.4),
      arb('a3', 'ev-1', 12, { flags: ['high_profit', 'outlier'] }),
      arb('a4', 'ev-1', 0.8, { period: 'ht' }),
      arb('b1', 'ev-2', 2.0),
    ]);
    expect(groups.map((g) => [g.eventId, g.period, g.best.id, g.alternatives.map((a) => a.id)])).toEqual([
      ['ev-1', 'ft', 'a2', ['a1', 'a3']],
      ['ev-2', 'ft', 'b1', []],
      ['ev-1', 'ht', 'a4', []],
    ]);
  });

  it('puts a group whose arbitrage is all flagged below every clean group, whatever its profit', () => {
    const groups = groupArbs([arb('x', 'ev-9', 25, { flags: ['outlier'] }), arb('y', 'ev-8', 0.5)]);
    expect(groups.map((g) => g.best.id)).toEqual(['y', 'x']);
  });

  it('orders ties by age, then id, so the board does not shuffle', () => {
    const older = arb('b', 'e', 1, { openedAt: 500 });
    const newer = arb('a', 'e', 1, { openedAt: 900 });
    expect([newer, older].sort(compareArbs).map((a) => a.id)).toEqual(['b', 'a']);
    expect([arb('b', 'e', 1), arb('a', 'e', 1)].sort(compareArbs).map((a) => a.id)).toEqual(['a', 'b']);
  });

  it('is empty for no arbitrage', () => {
    expect(groupArbs([])).toEqual([]);
  });
});
