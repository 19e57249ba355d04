// pin: modelled on the Pinnacle API. No browser: HTTP Basic on every request; JSON
// with a `since` cursor that returns only what changed; decimal odds.
import type { FastifyInstance } from 'fastify';
import type { World, Listing } from '../world/world.js';
import { HISTORY_VERSIONS } from '../world/world.js';
import type { BookSessions } from './sessions.js';
import { bookSide, handicapLines, quoteOf } from './shared.js';
import type { Clock } from '@arbhub/schema';

export interface PinDeps {
  world: World;
  sessions: BookSessions;
  accounts: { user: string; password: string }[];
  clock: Clock;
}

export function pinRoutes(app: FastifyInstance, { world, sessions, accounts, clock }: PinDeps): void {
  /** Pinnacle has no login: each account gets one session, made on its first request. */
  const tokens = new Map<string, string>();

  // Pinnacle has no login page: its base URL answers the HTTP Basic challenge.
  app.get('/pin/', (_request, reply) =>
    reply
      .code(401)
      .header('www-authenticate', 'Basic realm="pin"')
      .send({ code: 'UNAUTHORIZED', message: 'HTTP Basic credentials required' }),
  );

  app.get('/pin/v3/odds', (request, reply) => {
    const [scheme, encoded] = (request.headers.authorization ?? '').split(' ');
    const [user, ...rest] =
      scheme === 'Basic' && encoded ? Buffer.from(encoded, 'base64').toString().split(':') : [];
    const account = accounts.find((a) => a.user === user && a.password === rest.join(':'));
    if (!account)
      return reply
        .code(401)
        .header('www-authenticate', 'Basic realm="pin"')
        .send({ code: 'UNAUTHORIZED', message: 'Invalid credentials' });
    let token = tokens.get(account.user);
    let check = sessions.check(token);
    if (!check.ok && check.reason !== 'rate_limited') {
      token = sessions.login(account.user);
      tokens.set(account.user, token);
      check = sessions.check(token);
    }
    if (!check.ok) {
      const retry = check.reason === 'rate_limited' ? check.retryAfterS : 1;
      return reply
        .code(429)
        .header('retry-after', String(retry))
        .send({ code: 'TOO_MANY_REQUESTS', message: 'Request limit exceeded' });
    }
    const query = request.query as { since?: string };
    const version = world.versions.get('pin') ?? 1;
    const since = query.since === undefined ? undefined : Number(query.since);
    if (since !== undefined && (!Number.isInteger(since) || since < 0))
      return reply.code(400).send({ code: 'INVALID_SINCE', message: 'since must be a non-negative integer' });
    const stale = since !== undefined && since < version - HISTORY_VERSIONS;
    const all = world.listings.get('pin') ?? [];
    const changed = all.filter(
      (l) => l.removedAt === undefined && (since === undefined || stale || l.changedAt > since),
    );
    return {
      sportId: 29,
      last: version,
      /** true when `since` was too old to answer with changes: this is everything. */
      full: since === undefined || stale,
      leagues: groupByLeague(world, changed, clock.now()),
      removed:
        since === undefined || stale
          ? []
          : all.filter((l) => l.removedAt !== undefined && l.removedAt > since).map((l) => Number(l.eventId)),
    };
  });
}

function groupByLeague(world: World, listings: Listing[], now: number) {
  const leagues = new Map<string, ReturnType<typeof eventOf>[]>();
  for (const listing of listings) {
    const name = world.names(listing).league;
    const events = leagues.get(name) ?? [];
    events.push(eventOf(world, listing, now));
    leagues.set(name, events);
  }
  return [...leagues].map(([name, events], i) => ({ id: 1000 + i, name, events }));
}

function eventOf(world: World, listing: Listing, now: number) {
  const names = world.names(listing);
  const flip = (side: 'home' | 'away') => bookSide(listing, side);
  const odds = (market: string, period: string, side: string, line?: number) =>
    quoteOf(listing, market, period, side, line)?.native;
  const ahLines = handicapLines(listing);
  const total = listing.prices.find((p) => p.market.market === 'ou')?.market.line;
  const live = world.inPlay(listing.fixture, now);
  const [h, a] = listing.fixture.score;
  const period = (number: 0 | 1) => {
    const p = number === 0 ? 'ft' : 'ht';
    return {
      number,
      moneyline: {
        home: odds('1x2', p, flip('home')),
        away: odds('1x2', p, flip('away')),
        draw: odds('1x2', p, 'draw'),
      },
      spreads:
        number === 0
          ? ahLines.map((line) => ({
              hdp: listing.swapped ? -line : line,
              home: odds('ah', 'ft', flip('home'), line),
              away: odds('ah', 'ft', flip('away'), line),
              max: 1500,
            }))
          : [],
      totals:
        number === 0 && total !== undefined
          ? [{ points: total, over: odds('ou', 'ft', 'over'), under: odds('ou', 'ft', 'under'), max: 1000 }]
          : [],
    };
  };
  return {
    id: Number(listing.eventId),
    home: names.home,
    away: names.away,
    starts: new Date(listing.kickoff).toISOString().replace('.000Z', 'Z'),
    liveStatus: live ? 1 : 0,
    homeScore: live ? (listing.swapped ? a : h) : undefined,
    awayScore: live ? (listing.swapped ? h : a) : undefined,
    periods: [period(0), period(1)],
  };
}
