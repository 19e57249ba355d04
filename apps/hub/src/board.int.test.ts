// The hub's API for a board a bettor can act on, over loopback: /arbs flags and
// filters, ?group=event, distinct books, and a market under 100% counted in /workers
// and /metrics with a warning that names the book.
import { Writable } from 'node:stream';
import {
  arbGroupsAnswerSchema,
  arbsAnswerSchema,
  errorBodySchema,
  workersAnswerSchema,
} from '@arbhub/schema';
import type { MatchInput } from '@arbhub/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { HubHarness, ahMatch } from './testing/harness.js';

const harness = new HubHarness();
afterEach(async () => {
  await harness.close();
});

/** Arsenal v Everton far in the future (no starting_soon), with the given markets. */
const fixture = (
  eventId: string,
  markets: MatchInput['markets'],
  over: Partial<MatchInput> = {},
): MatchInput => ({
  ...ahMatch(eventId, 'Arsenal', 'Everton', 2, 2),
  startTime: '2030-01-05T15:00:00Z',
  markets,
  ...over,
});
const ah = (line: number, home: number, away: number): MatchInput['markets'][number] => ({
  market: 'ah',
  period: 'ft',
  line,
  prices: { home, away },
});
const getJson = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
};

describe('/arbs for the board', () => {
  it('groups the alternatives of one event, filters by profit and flags, and refuses an unknown flag', async () => {
    const { base, ws } = await harness.start();
    // pin and sbo disagree on two lines of one event (4 pairs across the books), bmk and csport agree with pin,
    // and a second event has one clean pair.
    const pin = await harness.worker(ws, 'pin');
    const sbo = await harness.worker(ws, 'sbo');
    await pin.snapshot([
      fixture('p1', [ah(-0.5, 2.06, 1.88), ah(-0.25, 1.86, 2.08)]),
      fixture('p2', [ah(-0.5, 2.04, 1.9)], { home: 'Chelsea', away: 'Fulham' }),
    ]);
    await sbo.snapshot([
      fixture('s1', [ah(-0.5, 1.88, 2.06), ah(-0.25, 2.08, 1.86)]),
      fixture('s2', [ah(-0.5, 1.9, 2.04)], { home: 'Chelsea', away: 'Fulham' }),
    ]);
    const all = arbsAnswerSchema.parse((await getJson(`${base}/arbs`)).body);
    expect(all.length).toBeGreaterThan(2);
    for (const arb of all) {
      expect(new Set(arb.legs.map((l) => l.book)).size).toBe(arb.legs.length);
      expect(arb.flags).toEqual([]);
    }
    const sorted = [...all].sort((a, b) => b.profitPct - a.profitPct);
    expect(all.map((a) => a.id)).toEqual(sorted.map((a) => a.id)); // the plain /arbs is unchanged: by profit
    const grouped = arbGroupsAnswerSchema.parse((await getJson(`${base}/arbs?group=event`)).body);
    expect(grouped).toHaveLength(2);
    expect(grouped.reduce((n, g) => n + 1 + g.alternatives.length, 0)).toBe(all.length);
    for (const group of grouped) {
      for (const alt of group.alternatives) {
        expect(alt.eventId).toBe(group.eventId);
        expect(alt.profitPct).toBeLessThanOrEqual(group.best.profitPct);
      }
    }
    expect(grouped[0]?.best.profitPct).toBe(Math.max(...all.map((a) => a.profitPct)));
    const cut = sorted[1]?.profitPct ?? 0;
    const above = arbsAnswerSchema.parse((await getJson(`${base}/arbs?minProfit=${cut}`)).body);
    const below = arbsAnswerSchema.parse((await getJson(`${base}/arbs?maxProfit=${cut}`)).body);
    expect(above.every((a) => a.profitPct >= cut)).toBe(true);
    expect(below.every((a) => a.profitPct <= cut)).toBe(true);
    expect(above.length + below.length).toBe(all.length + all.filter((a) => a.profitPct === cut).length);
    expect(arbsAnswerSchema.parse((await getJson(`${base}/arbs?flags=none`)).body)).toHaveLength(all.length);
    expect((await getJson(`${base}/arbs?flags=outlier,high_profit`)).body).toEqual([]);
    const bad = await getJson(`${base}/arbs?flags=outlier,phantom`);
    expect(bad.status).toBe(400);
    expect(errorBodySchema.parse(bad.body).message).toMatch(/flags: .*none.*\(not phantom\)/);
    expect((await getJson(`${base}/arbs?group=book`)).status).toBe(400);
  });

  it('flags an arbitrage too good to be true and one far off the other books', async () => {
    const { base, ws } = await harness.start({ ARB_SUSPICIOUS_PCT: 5 });
    for (const book of ['pin', 'bmk', 'csport'])
      await (await harness.worker(ws, book)).snapshot([fixture(`${book}1`, [ah(-0.5, 1.95, 1.95)])]);
    await (await harness.worker(ws, 'sbo')).snapshot([fixture('s1', [ah(-0.5, 2.35, 1.6)])]);
    const arbs = arbsAnswerSchema.parse((await getJson(`${base}/arbs`)).body);
    expect(arbs.length).toBe(3);
    // 1/2.35 + 1/1.95 = 0.9384: 6.6% profit, above 5; 1/2.35 = 0.4255 is not 4 x 0.02 below 0.5.
    for (const arb of arbs) expect(arb.flags).toEqual(['high_profit']);
    expect(arbsAnswerSchema.parse((await getJson(`${base}/arbs?flags=high_profit`)).body)).toHaveLength(3);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/arbhub_open_arbs_flagged\{flag="high_profit"\} 3/);
    expect(metrics).toMatch(/arbhub_open_arbs_flagged\{flag="outlier"\} 0/);
    expect((await getJson(`${base}/arbs?flags=none`)).body).toEqual([]);
  });

  it('counts a market under 100% per book in /workers and /metrics, warns naming the book, and trades none of it', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const { base, ws } = await harness.start({}, { level: 'info', stream: sink });
    await (await harness.worker(ws, 'sbo')).snapshot([fixture('s1', [ah(-0.5, 1.9, 2.04)])]);
    // pin AH home -0.25 @ 2.146 with away +0.25 @ 2.056: a negative margin on its own market.
    await (
      await harness.worker(ws, 'pin')
    ).snapshot([fixture('p1', [ah(-0.5, 2.04, 1.9), ah(-0.25, 2.146, 2.056)])]);
    const workers = workersAnswerSchema.parse((await getJson(`${base}/workers`)).body);
    expect(Object.fromEntries(workers.map((w) => [w.book, w.underround]))).toEqual({ pin: 1, sbo: 0 });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/arbhub_underround_markets_total\{book="pin"\} 1/);
    const warning = lines
      .map((l) => JSON.parse(l) as { level: number; msg: string; book?: string })
      .find((l) => l.level === 40 && l.book === 'pin');
    expect(warning?.msg).toMatch(/pin quotes a market under 100%/);
    const arbs = arbsAnswerSchema.parse((await getJson(`${base}/arbs`)).body);
    expect(arbs.length).toBe(1); // the -0.5 pair across pin and sbo; nothing at -0.25
    expect(arbs[0]?.legs.every((l) => l.line === -0.5 || l.line === 0.5)).toBe(true);
  });
});
