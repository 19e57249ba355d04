import { describe, expect, it } from 'vitest';
import { examples, issuesOf, marketKey, marketSchema, matchSchema, mutated, parse } from './index.js';

const matchWith = (change: (m: any) => unknown) => mutated(examples.match, change);

describe('matchSchema', () => {
  it('accepts the protocol example as it is', () => {
    const match = parse(matchSchema, examples.match);
    expect(match.markets).toHaveLength(3);
    expect(match.markets[0]).toMatchObject({ market: 'ah', line: -0.25, maxStake: 500 });
  });

  it('accepts an in-play match with a score, withdrawn (null) prices, and fields it does not know', () => {
    const input = matchWith((m) => {
      m.inPlay = true;
      m.score = [1, 2];
      m.markets[0].prices.home = null;
      m.minute = 67;
    });
    expect(issuesOf(matchSchema, input)).toEqual([]);
  });

  it.each([
    [
      'odds of 1',
      (m: any) => (m.markets[0].prices.home = 1),
      'markets[0].prices.home: expected a number > 1',
    ],
    [
      'odds below 1',
      (m: any) => (m.markets[2].prices.draw = 0.5),
      'markets[2].prices.draw: expected a number > 1',
    ],
    [
      'odds as text',
      (m: any) => (m.markets[1].prices.over = '2.0'),
      'markets[1].prices.over: expected a number > 1',
    ],
    ['a missing side', (m: any) => delete m.markets[2].prices.draw, 'markets[2].prices.draw: required'],
    [
      'a side the market lacks',
      (m: any) => (m.markets[0].prices.draw = 3),
      'markets[0].prices: unexpected key "draw"',
    ],
    [
      'ou priced home/away',
      (m: any) => (m.markets[1].prices = { home: 2, away: 2 }),
      'markets[1].prices.over: required',
    ],
    [
      'a line off the quarter grid',
      (m: any) => (m.markets[0].line = -0.3),
      'markets[0].line: expected a multiple of 0.25',
    ],
    ['an ah without a line', (m: any) => delete m.markets[0].line, 'markets[0].line: required'],
    ['a negative total', (m: any) => (m.markets[1].line = -0.5), 'markets[1].line: expected a total >= 0'],
    ['a 1x2 with a line', (m: any) => (m.markets[2].line = 0), 'markets[2].line: 1x2 has no line'],
    [
      'an ml with a line',
      (m: any) => m.markets.push({ market: 'ml', period: 'ft', line: 1, prices: { home: 2, away: 2 } }),
      'markets[3].line: ml has no line',
    ],
    [
      'an unknown market',
      (m: any) => (m.markets[0].market = 'btts'),
      'markets[0].market: expected market "1x2", "ml", "ah" or "ou"',
    ],
    [
      'an unknown period',
      (m: any) => (m.markets[0].period = '2h'),
      'markets[0].period: expected "ft" or "ht"',
    ],
    [
      'a zero maxStake',
      (m: any) => (m.markets[0].maxStake = 0),
      'markets[0].maxStake: expected a number > 0',
    ],
    [
      'in play without a score',
      (m: any) => {
        m.inPlay = true;
        delete m.score;
      },
      'score: required when inPlay is true',
    ],
    ['a negative score', (m: any) => (m.score = [-1, 0]), 'score[0]: expected an integer >= 0'],
    [
      'a local kickoff time',
      (m: any) => (m.startTime = '2026-11-28 15:00'),
      'startTime: expected an ISO-8601 UTC time such as "2026-11-28T15:00:00Z"',
    ],
    ['an empty event id', (m: any) => (m.eventId = ' '), 'eventId: expected a non-empty string'],
    ['a missing away team', (m: any) => delete m.away, 'away: required'],
    ['the same team twice', (m: any) => (m.away = 'MAN UTD'), 'away: home and away are the same team'],
    [
      'a sport in capitals',
      (m: any) => (m.sport = 'Soccer'),
      'sport: expected a sport in lower-case kebab form, e.g. "ice-hockey"',
    ],
    ['inPlay as text', (m: any) => (m.inPlay = 'no'), 'inPlay: expected true or false'],
    [
      'a duplicate market',
      (m: any) => m.markets.push({ ...m.markets[0] }),
      'markets[3]: duplicate market ah ft -0.25 (also markets[0])',
    ],
  ])('rejects %s, naming the field', (_name, change, expected) => {
    expect(issuesOf(matchSchema, matchWith(change))).toContain(expected);
  });

  it('treats the same line in another period as another market', () => {
    const input = matchWith((m) => m.markets.push({ ...m.markets[0], period: 'ht' }));
    expect(issuesOf(matchSchema, input)).toEqual([]);
  });
});

describe('marketKey', () => {
  it('identifies a market by type, period and line', () => {
    const ah = parse(marketSchema, { market: 'ah', period: 'ft', line: -0.25, prices: { home: 2, away: 2 } });
    const x = parse(marketSchema, { market: '1x2', period: 'ht', prices: { home: 2, draw: 3, away: 4 } });
    expect(marketKey(ah)).toBe('ah:ft:-0.25');
    expect(marketKey(x)).toBe('1x2:ht');
  });
});
