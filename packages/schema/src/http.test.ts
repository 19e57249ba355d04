import { describe, expect, it } from 'vitest';
import {
  arbsAnswerSchema,
  arbsQuerySchema,
  errorBodySchema,
  listingKey,
  sameFixture,
  eventsAnswerSchema,
  examples,
  healthSchema,
  issuesOf,
  oddsAnswerSchema,
  oddsQuerySchema,
  parse,
  workersAnswerSchema,
} from './index.js';

const worker = {
  workerId: 'csport-1',
  book: 'csport',
  account: 'demo1',
  state: 'ok',
  connectedAt: 1_795_000_000_000,
  lastSeenAt: 1_795_000_004_000,
  partitions: ['soccer:today'],
  events: 12,
  quotes: 140,
  messages: 33,
  errors: 0,
};
const oddsAnswer = {
  events: [
    {
      id: 'ev-1',
      sport: 'soccer',
      league: 'Premier League',
      home: 'Manchester United',
      away: 'Chelsea',
      startTime: '2026-11-28T15:00:00Z',
      inPlay: false,
      books: {
        csport: {
          eventId: '12345',
          home: 'Man Utd',
          away: 'Chelsea',
          markets: examples.match.markets,
          updatedAt: 1_795_000_000_000,
        },
      },
    },
  ],
};
const eventsAnswer = [
  {
    id: 'ev-1',
    sport: 'soccer',
    league: 'Premier League',
    home: 'Manchester United',
    away: 'Chelsea',
    startTime: '2026-11-28T15:00:00Z',
    members: [
      { book: 'csport', eventId: '12345', home: 'Man Utd', away: 'Chelsea', confidence: 0.97 },
      { book: 'sbo', eventId: 'x9', home: 'Chelsea', away: 'Manchester Utd', confidence: 0.9, swapped: true },
    ],
  },
];

describe('REST answers', () => {
  it.each([
    ['/health', healthSchema, { status: 'ok', uptimeMs: 1200, workers: 4, books: 4, redis: 'disabled' }],
    ['/workers', workersAnswerSchema, [worker]],
    ['/odds', oddsAnswerSchema, oddsAnswer],
    ['/events', eventsAnswerSchema, eventsAnswer],
    ['/arbs', arbsAnswerSchema, [examples.arb]],
    [
      'an error',
      errorBodySchema,
      { error: 'bad_request', message: 'selections[0].odds: malay odds must be ...' },
    ],
  ])('accepts a valid %s answer', (_name, schema, answer) => {
    expect(issuesOf(schema, answer)).toEqual([]);
  });

  it.each([
    [
      '/health with an unknown status',
      healthSchema,
      { status: 'fine', uptimeMs: 1, workers: 0, books: 0, redis: 'up' },
      'status: Invalid option: expected one of "ok"|"degraded"',
    ],
    [
      '/health with negative workers',
      healthSchema,
      { status: 'ok', uptimeMs: 1, workers: -1, books: 0, redis: 'up' },
      'workers: expected an integer >= 0',
    ],
    [
      '/workers with an unknown state',
      workersAnswerSchema,
      [{ ...worker, state: 'gone' }],
      '[0].state: Invalid option: expected one of "ok"|"login"|"degraded"|"stale"|"disconnected"',
    ],
    [
      '/workers without errors',
      workersAnswerSchema,
      [{ ...worker, errors: undefined }],
      '[0].errors: required',
    ],
    [
      '/odds with a bad book entry',
      oddsAnswerSchema,
      { events: [{ ...oddsAnswer.events[0], books: { 'my-book': { eventId: '' } } }] },
      'events[0].books["my-book"].eventId: expected a non-empty string',
    ],
    [
      '/events with confidence above 1',
      eventsAnswerSchema,
      [{ ...eventsAnswer[0], members: [{ ...eventsAnswer[0]!.members[0], confidence: 1.5 }] }],
      '[0].members[0].confidence: Too big: expected number to be <=1',
    ],
    ['an error without a code', errorBodySchema, { message: 'x' }, 'error: required'],
  ])('rejects %s, naming the field', (_name, schema, answer, expected) => {
    expect(issuesOf(schema, answer)).toContain(expected);
  });
});

describe('query filters', () => {
  it('parses /arbs filters from query strings', () => {
    expect(parse(arbsQuerySchema, { minProfit: '0.5', book: 'pin' })).toEqual({
      minProfit: 0.5,
      book: 'pin',
    });
    expect(parse(arbsQuerySchema, {})).toEqual({});
    expect(issuesOf(arbsQuerySchema, { minProfit: 'lots' })).toEqual([
      'minProfit: expected a number (percent)',
    ]);
  });

  it('parses /odds filters and refuses empty ones', () => {
    expect(parse(oddsQuerySchema, { q: ' chelsea ', sport: 'soccer' })).toEqual({
      q: 'chelsea',
      sport: 'soccer',
    });
    expect(issuesOf(oddsQuerySchema, { book: '' })).toEqual([
      'book: Too small: expected string to have >=1 characters',
    ]);
  });
});

describe('listingKey and sameFixture', () => {
  const fixture = {
    sport: 'soccer',
    league: 'England Premier League',
    home: 'Arsenal',
    away: 'Chelsea',
    startTime: '2026-11-28T15:00:00Z',
  };
  it('keys a listing by book and event id', () => {
    expect(listingKey('csport', '123')).toBe('csport|123');
  });
  it('is the same fixture while teams, league, sport and kickoff are, whatever else changes', () => {
    expect(sameFixture(fixture, { ...fixture, inPlay: true, score: [1, 0] } as typeof fixture)).toBe(true);
    for (const field of ['sport', 'league', 'home', 'away', 'startTime'] as const)
      expect(sameFixture(fixture, { ...fixture, [field]: 'other' })).toBe(false);
  });
});
