// The parsers on payloads recorded from the simulator (src/testing/record-fixtures.ts),
// malformed rows among them: every good row parses to exactly the prices the book shows
// (the simulator's own, in decimal), every bad one is skipped and counted.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchPrices } from '../testing/book-truth.js';
import { kickoffOf, parseCsportAnswer } from './csport/parse.js';
import { parseSboPage, sboHomeHandicap, sboLineValue } from './sbo/parse.js';
import { parseBmkEvents } from './bmk/parse.js';
import { parsePinAnswer } from './pin/parse.js';
import { ibcHomeHandicap, ibcKickoff, parseIbcMatch, parseIbcPage } from './ibc/parse.js';
import { CMD } from './cmd/adapter.js';
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

describe('cmd (the BetLight platform, CMD368 operator)', () => {
  const f = fixture('cmd', 'odds-full.json');
  it('parses the recorded full load with the platform parser, in indo odds: bad rows skipped', () => {
    const parsed = parseCsportAnswer(f.answer, f.recordedAt, CMD);
    expectFaithful(parsed, f);
    expect(parsed.skippedIds).toEqual(expect.arrayContaining(['777001', '777002']));
    expect(parsed.problems.join('\n')).toMatch(/indo|position 40/);
  });

  it('converts indo to decimal: -1.25 → 1.8, 1.5 → 2.5, and 0.5 is no indo price', () => {
    const row = (f.answer as { today: unknown[][] }).today[0]!.slice();
    row[40] = -1.25;
    row[41] = 1.5;
    const [match] = parseCsportAnswer({ t: 1, a: true, data: [], today: [row] }, f.recordedAt, CMD).matches;
    expect(match!.markets.find((m) => m.market === 'ah')!.prices).toEqual({ home: 1.8, away: 2.5 });
    // Read as malay the same row is refused: the operator's odds type matters.
    const malay = parseCsportAnswer({ t: 1, a: true, data: [], today: [row] }, f.recordedAt);
    expect(malay.matches).toEqual([]);
    expect(malay.problems.join()).toMatch(/malay odds must be/);
  });
});

describe('ibc', () => {
  const malay = fixture('ibc', 'odds-malay.json');
  const hk = fixture('ibc', 'odds-hk.json');
  it('parses a recorded page of a malay account: every price as the book shows it, bad matches skipped', () => {
    const parsed = parseIbcPage(malay.answer);
    expect(parsed).toMatchObject({ format: 'malay', pageIndex: 1, pageCount: 1 });
    expectFaithful(parsed, malay);
    expect(parsed.skippedIds).toEqual(expect.arrayContaining(['888001', '888002', '888003', '888004']));
    expect(parsed.problems.join('\n')).toMatch(/GameTime/);
    expect(parsed.problems.join('\n')).toMatch(/both sides give/);
  });

  it('parses the same page for an HK account in HK odds', () => {
    const parsed = parseIbcPage(hk.answer);
    expect(parsed.format).toBe('hk');
    expectFaithful(parsed, hk);
  });

  it('reads the handicap each side gives as the home team’s handicap, and the site’s GMT-4 time', () => {
    expect(ibcHomeHandicap(0.75, 0)).toBe(-0.75); // home gives 0.75
    expect(ibcHomeHandicap(0, 0.25)).toBe(0.25); // away gives: home receives
    expect(ibcHomeHandicap(0, 0)).toBe(0);
    expect(() => ibcHomeHandicap(-0.5, 0)).toThrow(/what a side gives/);
    expect(ibcKickoff('2026-11-23T20:30:00')).toBe('2026-11-24T00:30:00Z');
    expect(ibcKickoff('2026-12-31T22:00')).toBe('2027-01-01T02:00:00Z');
    expect(() => ibcKickoff('2026-02-30T10:00:00')).toThrow(/no such time/);
    expect(() => ibcKickoff('23/11 20:30')).toThrow(/YYYY-MM-DD/);
  });

  it('reads malay and HK prices and leaves other bet types alone', () => {
    const base = {
      MatchId: 1,
      LeagueName: 'L',
      HomeName: 'A (N)',
      AwayName: 'B',
      GameTime: '2026-11-23T20:30:00',
      IsLive: 0,
    };
    const sets = [
      { BetTypeId: 1, Hdp1: 0.25, Hdp2: 0, Odds1: -0.8, Odds2: 0.95 },
      { BetTypeId: 3, Hdp1: 2.5, Hdp2: 0, Odds1: 0.9, Odds2: 0.96 },
      { BetTypeId: 5, Odds1: 2.1, OddsX: 3.3, Odds2: 3.6 },
      { BetTypeId: 2, Odds1: 0.9, Odds2: 0.9 }, // odd/even: not priced by arbhub
    ];
    const m = parseIbcMatch({ ...base, Oddsets: sets }, 'malay');
    expect(m.home).toBe('A (N)'); // the neutral marker goes to the matcher as the book wrote it
    expect(m.markets.find((x) => x.market === 'ah')).toMatchObject({
      line: -0.25,
      prices: { home: 2.25, away: 1.95 },
    });
    expect(m.markets.find((x) => x.market === 'ou')).toMatchObject({
      line: 2.5,
      prices: { over: 1.9, under: 1.96 },
    });
    expect(m.markets.find((x) => x.market === '1x2')).toMatchObject({
      prices: { home: 2.1, draw: 3.3, away: 3.6 },
    });
    expect(m.markets).toHaveLength(3);
    const h = parseIbcMatch(
      { ...base, Oddsets: [{ BetTypeId: 1, Hdp1: 0, Hdp2: 0, Odds1: 1.25, Odds2: 0.7 }] },
      'hk',
    );
    expect(h.markets[0]!.prices).toEqual({ home: 2.25, away: 1.7 });
  });

  it('refuses an answer that is not the feed, or the site’s error', () => {
    expect(() => parseIbcPage('<html>')).toThrow(/not an object/);
    expect(() => parseIbcPage({ ErrorCode: 3, ErrorMsg: 'Session timeout' })).toThrow(/Session timeout/);
    expect(() =>
      parseIbcPage({ ErrorCode: 0, Data: { OddsType: 'EU', PageIndex: 1, PageCount: 1, Matches: [] } }),
    ).toThrow(/OddsType/);
  });
});
