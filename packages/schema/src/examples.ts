// Valid examples of every message and answer, taken from protocol.md. Tests across
// the repo start from these and change one thing at a time.
import type { z } from 'zod';
import type { arbSchema } from './stream.js';
import type { calcRequestSchema } from './calc.js';
import type { matchSchema } from './match.js';
import type { workerMessageSchema, hubMessageSchema } from './worker-protocol.js';

type In<S extends z.ZodType> = z.input<S>;

const match: In<typeof matchSchema> = {
  eventId: '12345',
  sport: 'soccer',
  league: 'ENGLISH PREMIER LEAGUE',
  home: 'Man Utd',
  away: 'Chelsea',
  startTime: '2026-11-28T15:00:00Z',
  inPlay: false,
  score: [0, 0],
  markets: [
    { market: 'ah', period: 'ft', line: -0.25, prices: { home: 1.95, away: 1.93 }, maxStake: 500 },
    { market: 'ou', period: 'ft', line: 2.5, prices: { over: 2.0, under: 1.85 } },
    { market: '1x2', period: 'ft', prices: { home: 2.6, draw: 3.3, away: 2.9 } },
  ],
};

const arb: In<typeof arbSchema> = {
  id: 'arb-1',
  eventId: 'ev-1',
  event: {
    home: 'Manchester United',
    away: 'Chelsea',
    league: 'Premier League',
    startTime: '2026-11-28T15:00:00Z',
  },
  period: 'ft',
  kind: 'pair',
  returnRatio: 1.003311,
  profitPct: 0.3311,
  legs: [
    {
      book: 'csport',
      eventId: '12345',
      market: 'ah',
      line: -0.25,
      side: 'home',
      odds: 2.02,
      stakeFraction: 0.4967,
      maxStake: 500,
    },
    {
      book: 'pin',
      eventId: '998',
      market: 'ah',
      line: 0.25,
      side: 'away',
      odds: 2.0,
      stakeFraction: 0.5033,
      maxStake: null,
    },
  ],
  openedAt: 1_795_000_000_000,
  updatedAt: 1_795_000_005_000,
  flags: [],
};

type WorkerMsg = In<typeof workerMessageSchema>;

export const examples = {
  match,
  register: {
    type: 'worker:register',
    workerId: 'csport-1',
    book: 'csport',
    account: 'user1',
    version: '0.1.0',
    partitions: ['soccer:today', 'soccer:early', 'soccer:live'],
  } satisfies WorkerMsg,
  heartbeat: { type: 'worker:heartbeat', workerId: 'csport-1', ts: 1_795_000_000_000 } satisfies WorkerMsg,
  oddsUpdate: {
    type: 'odds:update',
    workerId: 'csport-1',
    book: 'csport',
    ts: 1_795_000_000_000,
    mode: 'snapshot',
    partition: 'soccer:today',
    matches: [match],
    removed: [],
  } satisfies WorkerMsg,
  status: {
    type: 'worker:status',
    workerId: 'csport-1',
    state: 'degraded',
    detail: 'rate limited',
  } satisfies WorkerMsg,
  registered: { type: 'worker:registered', workerId: 'csport-1', partitions: ['soccer:today'] } satisfies In<
    typeof hubMessageSchema
  >,
  assign: { type: 'assign', partitions: ['soccer:today', 'soccer:live'] } satisfies In<
    typeof hubMessageSchema
  >,
  error: {
    type: 'error',
    code: 'bad_message',
    message: 'matches[3].markets[0].prices.home: expected a number > 1',
  } satisfies In<typeof hubMessageSchema>,
  arb,
  calcRequest: {
    selections: [
      { market: 'ah', period: 'ft', line: -0.25, side: 'home', odds: 0.95, format: 'malay', book: 'csport' },
      {
        market: 'ah',
        period: 'ft',
        line: 0.25,
        side: 'away',
        odds: 2.05,
        format: 'decimal',
        commission: 0.02,
      },
    ],
    bankroll: 1000,
    round: 5,
  } satisfies In<typeof calcRequestSchema>,
};
