// buildApp: the simulator's HTTP side. Never listens (main.ts does); tests inject.
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { check, simFaultRequestSchema, truthPriceLogQuerySchema } from '@arbhub/schema';
import type {
  Clock,
  SimFaultKind,
  TruthArb,
  TruthFixture,
  TruthPrice,
  TruthPriceLog,
  TruthStats,
} from '@arbhub/schema';
import { bmkRoutes } from './books/bmk.js';
import { CMD_OPERATOR, CSPORT_OPERATOR, betlightRoutes } from './books/csport.js';
import { ibcRoutes } from './books/ibc.js';
import { pinRoutes } from './books/pin.js';
import { sboRoutes } from './books/sbo.js';
import { BookSessions } from './books/sessions.js';
import type { Config } from './config.js';
import { PriceLog, PriceLogGap, truthPrice } from './price-log.js';
import { BOOKS } from './world/teams.js';
import type { BookId } from './world/teams.js';
import type { World } from './world/world.js';

export interface AppDeps {
  config: Pick<
    Config,
    | 'SIM_ACCOUNTS'
    | 'SIM_SESSION_TTL_MS'
    | 'SIM_TRUTH'
    | 'SIM_RATE_LIMIT'
    | 'SIM_HEARTBEAT_MS'
    | 'SIM_SLOW_MS'
    | 'SIM_IBC_HK_ACCOUNTS'
  >;
  world: World;
  clock: Clock;
  logger?: boolean | object;
}

export async function buildApp({ config, world, clock, logger = false }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: logger as boolean });
  await app.register(formbody);
  // C-Sport's feed accepts multipart form-data as well as urlencoded: fields become the body.
  await app.register(multipart, { attachFieldsToBody: 'keyValues' });

  const sessions = new Map(
    BOOKS.map((book) => [
      book,
      new BookSessions(book, { ttlMs: config.SIM_SESSION_TTL_MS, rateLimit: config.SIM_RATE_LIMIT, clock }),
    ]),
  );
  const faults = new Map<BookId, { kind: SimFaultKind; until: number }>();
  const bookOf = (url: string): BookId | undefined => BOOKS.find((book) => url.startsWith(`/${book}/`));

  app.addHook('onRequest', async (request, reply) => {
    const book = bookOf(request.url);
    const fault = book ? faults.get(book) : undefined;
    if (!book || !fault || fault.until <= clock.now()) return;
    if (fault.kind === 'down') {
      request.raw.socket.destroy();
      return reply;
    }
    if (fault.kind === 'http_500')
      return reply.code(500).type('text/html').send('<h1>500 Internal Server Error</h1>');
    if (fault.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, config.SIM_SLOW_MS));
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    const book = bookOf(request.url);
    const fault = book ? faults.get(book) : undefined;
    if (fault?.kind === 'malformed' && fault.until > clock.now() && typeof payload === 'string')
      return payload.slice(0, Math.max(1, Math.floor(payload.length / 2)));
    return payload;
  });

  app.post('/admin/faults', async (request, reply) => {
    const parsed = check(simFaultRequestSchema, request.body);
    if (!parsed.ok) return reply.code(400).send({ error: 'bad_request', message: parsed.error.message });
    const { book, kind, durationMs } = parsed.value;
    for (const target of book ? [book] : BOOKS) {
      if (kind === 'expire_sessions') sessions.get(target)?.expireAll();
      else faults.set(target, { kind, until: clock.now() + durationMs });
      if (kind === 'drop_stream' && target === 'bmk') bmk.dropAll();
    }
    return { ok: true, book: book ?? 'all', kind, until: clock.now() + durationMs };
  });
  app.delete('/admin/faults', () => {
    faults.clear();
    return { ok: true };
  });

  // csport and cmd: two operators of one platform (BetLight), each its own site.
  for (const operator of [CSPORT_OPERATOR, CMD_OPERATOR])
    betlightRoutes(
      app,
      { world, sessions: sessions.get(operator.book) as BookSessions, accounts: config.SIM_ACCOUNTS, clock },
      operator,
    );
  ibcRoutes(app, {
    world,
    sessions: sessions.get('ibc') as BookSessions,
    accounts: config.SIM_ACCOUNTS,
    clock,
    hkAccounts: config.SIM_IBC_HK_ACCOUNTS,
  });
  const bmk = await bmkRoutes(app, {
    world,
    sessions: sessions.get('bmk') as BookSessions,
    accounts: config.SIM_ACCOUNTS,
    clock,
    heartbeatMs: config.SIM_HEARTBEAT_MS,
  });
  sboRoutes(app, {
    world,
    sessions: sessions.get('sbo') as BookSessions,
    accounts: config.SIM_ACCOUNTS,
    clock,
  });
  pinRoutes(app, {
    world,
    sessions: sessions.get('pin') as BookSessions,
    accounts: config.SIM_ACCOUNTS,
    clock,
  });

  if (config.SIM_TRUTH) {
    app.get('/truth/fixtures', (): TruthFixture[] =>
      BOOKS.flatMap((book) =>
        world.listed(book).map((l) => ({ book, eventId: l.eventId, fixtureId: l.fixture.id })),
      ),
    );
    app.get('/truth/arbs', (): TruthArb[] =>
      world.arbs().map(({ id, fixtureId, legs, returnRatio, openedAt, closedAt, cause, kind, book }) => ({
        id,
        fixtureId,
        legs,
        returnRatio,
        openedAt,
        closedAt,
        palpable: cause === 'palpable',
        cause,
        kind,
        book,
      })),
    );
    // Every price every book shows now, in the fixture's orientation and the legs' terms
    // (an ah line is the side's own handicap), so a test can confirm a reported arbitrage
    // on the books' own prices.
    app.get('/truth/prices', (): TruthPrice[] =>
      BOOKS.flatMap((book) =>
        world
          .listed(book)
          .flatMap((listing) => listing.prices.map((price) => truthPrice(book, listing, price))),
      ),
    );
    // Every change of those prices since the simulator started (kept for 10 minutes): a
    // sample of /truth/prices misses a price that lived between two samples.
    const log = new PriceLog(world, clock);
    app.get('/truth/price-log', async (request, reply) => {
      const parsed = check(truthPriceLogQuerySchema, request.query);
      if (!parsed.ok) return reply.code(400).send({ error: 'bad_request', message: parsed.error.message });
      const { since } = parsed.value;
      if (since === undefined) return { next: log.last, changes: log.current() } satisfies TruthPriceLog;
      try {
        return { next: log.last, changes: log.after(since) } satisfies TruthPriceLog;
      } catch (error) {
        if (!(error instanceof PriceLogGap)) throw error;
        return reply
          .code(410)
          .send({ error: 'gone', message: `${error.message}; ask without since for the state now` });
      }
    });
    app.get('/truth/stats', (): TruthStats => ({
      books: Object.fromEntries(
        BOOKS.map((book) => [book, { accounts: Object.fromEntries(sessions.get(book)?.stats ?? []) }]),
      ),
    }));
  }
  app.get('/health', () => ({ status: 'ok', fixtures: world.fixtures.length }));
  return app;
}
