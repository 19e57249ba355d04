// The four parsers on payloads recorded from the simulator (src/testing/record-fixtures.ts),
// malformed rows among them: every good row parses to exactly the prices the book shows
// (the simulator's own, in decimal), every bad one is skipped and counted.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchPrices } from '../testing/book-truth.js';
import { kickoffOf, parseCsportAnswer } from './csport/parse.js';
import { parseSboPage, sboHomeHandicap, sboLineValue } from './sbo/parse.js';
import { parseBmkEvents } from './bmk/parse.js';
import { parsePinAnswer } from './pin/parse.js';
import type { Parsed } from './types.js';

interface Fixture {
  recordedAt: number;
  malformed: string[];
  answer: unknown;
  expected: Record<string, string[]>;
}
const fixture = (book: string, name: string) =>
  JSON.parse(readFileSync(new URL(`./${book}/__fixtures__/${name}`, import.meta.url), 'utf8')) as Fixture;

/** Every expected listing parsed, with exactly its prices; the malformed ones skipped. */
function expectFaithful(parsed: Parsed, f: Fixture) {
  const byId = new Map(parsed.matches.map((m) => [m.eventId, m]));
  expect([...byId.keys()].sort()).toEqual(Object.keys(f.expected).sort());
  for (const [id, prices] of Object.entries(f.expected))
    expect(matchPrices(byId.get(id)!), id).toEqual(prices);
  expect(parsed.skipped).toBe(f.malformed.length);
  expect(parsed.problems.length).toBeGreaterThan(0);
}

describe('csport', () => {
  const f = fixture('csport', 'odds-full.json');
  it('parses the recorded full load: every price as the book shows it, bad rows skipped', () => {
    const parsed = parseCsportAnswer(f.answer, f.recordedAt);
    expectFaithful(parsed, f);
    expect(parsed.skippedIds).toEqual(expect.arrayContaining(['999001', '999002', '999003']));
    expect(parsed.problems.join('\n')).toMatch(/kickoff/);
    const live = parsed.matches.filter((m) => m.inPlay);
    expect(live.length).toBeGreaterThan(0);
    for (const m of live) expect(m.score).toHaveLength(2);
  });

  it('converts malay to decimal: 0.95 → 1.95, -0.80 → 2.25', () => {
    const row = (f.answer as { today: unknown[][] }).today[0]!.slice();
    row[40] = 0.95;
    row[41] = -0.8;
    const [match] = parseCsportAnswer({ t: 1, a: true, data: [], today: [row] }, f.recordedAt).matches;
    const ah = match!.markets.find((m) => m.market === 'ah')!;
    expect(ah.prices).toEqual({ home: 1.95, away: 2.25 });
  });

  it('reads the kickoff in GMT+8 without a year, in the year nearest to now', () => {
    const now = Date.UTC(2026, 10, 23, 12);
    expect(kickoffOf('03:30', '11/24', now)).toBe('2026-11-23T19:30:00Z');
    // Across New Year: on 31 December, "01/01" is tomorrow.
    expect(kickoffOf('20:00', '01/01', Date.UTC(2026, 11, 31, 10))).toBe('2027-01-01T12:00:00Z');
    expect(kickoffOf('20:00', '12/30', Date.UTC(2027, 0, 1, 10))).toBe('2026-12-30T12:00:00Z');
    expect(() => kickoffOf('25:00', '11/24', now)).toThrow(/no such time/);
    expect(() => kickoffOf('10:00', '02/31', now)).toThrow(/no such date/);
  });

  it('refuses an answer that is not the feed', () => {
    expect(() => parseCsportAnswer('<html>', 0)).toThrow(/not an object/);
    expect(() => parseCsportAnswer({ data: [] }, 0)).toThrow(/"t" and "a"/);
  });
});

describe('sbo', () => {
  const f = fixture('sbo', 'odds-page.json');
  it('parses the recorded page through its field header, bad records skipped', () => {
    expectFaithful(parseSboPage(f.answer), f);
  });

  it('reads string lines with the giving team as the home handicap', () => {
    expect(sboLineValue('0-0.5')).toBe(0.25);
    expect(sboLineValue('0.5/1')).toBe(0.75);
    expect(sboLineValue('1-1.5')).toBe(1.25);
    expect(sboLineValue('2.5')).toBe(2.5);
    expect(sboHomeHandicap('0.5/1', 'h')).toBe(-0.75);
    expect(sboHomeHandicap('0-0.5', 'a')).toBe(0.25);
    expect(sboHomeHandicap('0', '')).toBe(0);
    expect(() => sboLineValue('0-0.75')).toThrow(/half a goal/);
    expect(() => sboHomeHandicap('0.5', '')).toThrow(/giver/);
  });

  it('reads fields by the header, wherever they are', () => {
    const body = {
      page: 1,
      pages: 1,
      rows: [
        [
          'f',
          3,
          [
            'p2',
            'p1',
            'period',
            'market',
            'id',
            'home',
            'away',
            'league',
            'kickoff',
            'live',
            'line',
            'giver',
          ],
        ],
        [0, 'm', 4, 'e1', 5, 'Arsenal', 6, 'Everton', 7, 'EPL', 8, '2026-11-28T15:00:00Z', 9, 0],
        [0, 'o', 4, 'e1', 3, 'hdp', 2, 'ft', 10, '0.5', 11, 'h', 1, 0.9, 0, 0.95],
      ],
    };
    const [match] = parseSboPage(body).matches;
    expect(match?.markets).toEqual([
      { market: 'ah', period: 'ft', line: -0.5, prices: { home: 1.9, away: 1.95 } },
    ]);
  });
});

describe('bmk', () => {
  const f = fixture('bmk', 'snapshot.json');
  it('parses the recorded snapshot: american odds to decimal, bad events skipped', () => {
    expectFaithful(parseBmkEvents((f.answer as { events: unknown[] }).events), f);
  });
});

describe('pin', () => {
  const f = fixture('pin', 'odds-full.json');
  it('parses the recorded answer: periods, spreads with their limits, bad events skipped', () => {
    const parsed = parsePinAnswer(f.answer);
    expectFaithful(parsed, f);
    expect(parsed.full).toBe(true);
    expect(parsed.matches[0]?.markets.find((m) => m.market === 'ah')?.maxStake).toBe(1500);
  });
});
