// buildApp: the hub as a Fastify instance. It registers everything and never listens
// (main.ts does); tests use inject and real clients on loopback.
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import { CalcError, DEFAULT_GUARDS, calculate, groupArbs } from '@arbhub/odds';
import {
  LOG_REDACT_PATHS,
  SchemaError,
  arbsQuerySchema,
  check,
  marketKey,
  oddsQuerySchema,
} from '@arbhub/schema';
import type { Clock, Health, StreamMessage } from '@arbhub/schema';
import { AliasTable, DEFAULT_ALIAS_SOURCES } from '@arbhub/matcher';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { Counter, Gauge, Registry } from 'prom-client';
import { presentedToken, tokenMatches } from './auth.js';
import type { Config } from './config.js';
import { dashboardRoutes } from './dashboard.js';
import { arbFilter } from './arb-filter.js';
import { ringHistory } from './history.js';
import type { History } from './history.js';
import { DebugRequestLog } from './request-log.js';
import { matchingRoutes } from './matching-routes.js';
import { memoryMatchingStore } from './matching-store.js';
import type { MatchingStore } from './matching-store.js';
import { LiveState } from './state.js';
import { StreamHub } from './stream.js';
import { WorkerHub, closeSockets } from './workers.js';

export interface HubDeps {
  config: Pick<Config, 'WORKER_TOKEN' | 'STALE_AFTER_MS' | 'HEARTBEAT_MS' | 'MAX_MESSAGE_BYTES'> &
    Partial<Pick<Config, 'ARB_SAME_BOOK' | 'ARB_SUSPICIOUS_PCT' | 'SWEEP_INTERVAL_MS'>>;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  /** Where closed arbitrages go: redisHistory with REDIS_URL, else a ring buffer of 1,000. */
  history?: History;
  /** The built dashboard (dashboard/dist/ by default). */
  dashboardDir?: string;
  /** Alias files (ALIAS_FILES), parsed, added after the built-in ones; each validated (a SchemaError names the file's field). */
  aliasFiles?: readonly unknown[];
  /** Where learned aliases and matching decisions are kept: Redis, a file under DATA_DIR, or (default) nowhere. */
  matchingStore?: MatchingStore;
}

/** Log fields never written: tokens, cookies, passwords (the list every process shares). */
export const REDACT = LOG_REDACT_PATHS;

export async function buildApp({
  config,
  clock = Date,
  logger = false,
  history = ringHistory(1000),
  dashboardDir,
  aliasFiles = [],
  matchingStore = memoryMatchingStore(),
}: HubDeps): Promise<FastifyInstance> {
  const aliases = new AliasTable([...DEFAULT_ALIAS_SOURCES, ...aliasFiles]);
  // What was learned and decided before a restart applies again before any worker connects.
  const memory = await matchingStore.load();
  for (const [a, b] of memory.learned) aliases.learn(a, b);
  const app = Fastify({ logger, trustProxy: false, logController: new DebugRequestLog() });
  const startedAt = clock.now();
  const stream = new StreamHub();
  const metrics = new Registry();
  const messages = new Counter({
    name: 'arbhub_ws_messages_total',
    help: 'Worker messages accepted, by type',
    labelNames: ['type'],
    registers: [metrics],
  });
  const arbEvents = new Counter({
    name: 'arbhub_arbs_total',
    help: 'Arbitrage changes, by kind of change',
    labelNames: ['change'],
    registers: [metrics],
  });

  const underround = new Counter({
    name: 'arbhub_underround_markets_total',
    help: 'Markets a book quoted under 100% (a data error, never traded), by book',
    labelNames: ['book'],
    registers: [metrics],
  });
  /** One warning per book a minute: a broken feed would otherwise flood the log. */
  const warnedAt = new Map<string, number>();

  const state = new LiveState({
    aliases,
    onLearn: (a, b) => {
      matchingStore.learned(a, b);
    },
    staleAfterMs: config.STALE_AFTER_MS,
    clock,
    sameBook: config.ARB_SAME_BOOK === true,
    guards: { ...DEFAULT_GUARDS, suspiciousPct: config.ARB_SUSPICIOUS_PCT ?? DEFAULT_GUARDS.suspiciousPct },
    onUnderround: ({ book, workerId, eventId, market, sum }) => {
      underround.inc({ book });
      const now = clock.now();
      if (now - (warnedAt.get(book) ?? -Infinity) < 60_000) return;
      warnedAt.set(book, now);
      app.log.warn(
        { book, workerId, eventId, market: marketKey(market), prices: market.prices, impliedSum: sum },
        `${book} quotes a market under 100% (a data error): its prices are not used for arbitrage`,
      );
    },
    onChanges: (changes) => {
      stream.broadcastAll([
        ...changes.opened.map((arb): StreamMessage => ({ type: 'arb:open', arb })),
        ...changes.updated.map((arb): StreamMessage => ({ type: 'arb:update', arb })),
        ...changes.closed.map(({ arb, reason, closedAt }): StreamMessage => ({
          type: 'arb:close',
          id: arb.id,
          reason,
          closedAt,
          arb,
        })),
      ]);
      for (const { arb, reason, closedAt } of changes.closed)
        history.add({ arb, reason, closedAt, lifetimeMs: closedAt - arb.openedAt });
      arbEvents.inc({ change: 'open' }, changes.opened.length);
      arbEvents.inc({ change: 'update' }, changes.updated.length);
      arbEvents.inc({ change: 'close' }, changes.closed.length);
    },
  });
  for (const decision of memory.decisions) state.applyDecision(decision);
  const workers = new WorkerHub({
    state,
    clock,
    heartbeatMs: config.HEARTBEAT_MS,
    log: app.log,
    onStatus: (status) => {
      stream.broadcast({ type: 'worker:status', ...status });
    },
    onMessage: (type) => {
      messages.inc({ type });
    },
  });
  new Gauge({
    name: 'arbhub_workers',
    help: 'Connected workers',
    registers: [metrics],
    collect() {
      this.set(workers.list().length);
    },
  });
  new Gauge({
    name: 'arbhub_open_arbs',
    help: 'Open arbitrages',
    registers: [metrics],
    collect() {
      this.set(state.stats().openArbs);
    },
  });
  new Gauge({
    name: 'arbhub_open_arbs_flagged',
    help: 'Open arbitrages carrying each flag (one arbitrage may carry several)',
    labelNames: ['flag'],
    registers: [metrics],
    collect() {
      for (const [flag, count] of state.stats().flagged) this.set({ flag }, count);
    },
  });
  new Gauge({
    name: 'arbhub_quotes',
    help: 'Live quotes',
    registers: [metrics],
    collect() {
      this.set(state.stats().quotes);
    },
  });
  new Gauge({
    name: 'arbhub_bad_messages',
    help: 'Worker messages refused',
    registers: [metrics],
    collect() {
      this.set(workers.badMessages);
    },
  });
  new Gauge({
    name: 'arbhub_stream_subscribers',
    help: '/stream subscribers',
    registers: [metrics],
    collect() {
      this.set(stream.size);
    },
  });

  await app.register(websocket, {
    options: { maxPayload: config.MAX_MESSAGE_BYTES },
    // On close, workers and subscribers hear 1001 (going away), not the plugin's bare close.
    preClose: async function (this: FastifyInstance) {
      const server = this.websocketServer;
      await closeSockets([...server.clients], 1001, 'hub shutting down');
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  });
  await app.register(rateLimit, { global: false });

  app.setErrorHandler((thrown, _request, reply) => {
    const error = thrown as { statusCode?: number; code?: string; message?: string };
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      app.log.error({ err: thrown }, 'request failed');
      return reply.code(status).send({ error: 'internal', message: 'the hub could not answer this request' });
    }
    return reply
      .code(status)
      .send({ error: error.code ?? 'bad_request', message: error.message ?? 'bad request' });
  });

  app.get(
    '/ws',
    {
      websocket: true,
      preValidation: async (request, reply) => {
        if (config.WORKER_TOKEN && !tokenMatches(presentedToken(request), config.WORKER_TOKEN)) {
          await reply.code(401).send({ error: 'unauthorized', message: 'a valid worker token is required' });
        }
      },
    },
    (socket) => {
      workers.connect(socket);
    },
  );

  app.get('/stream', { websocket: true }, (socket) => {
    stream.add(socket, { type: 'arb:snapshot', arbs: state.openArbs() });
  });

  dashboardRoutes(app, dashboardDir);

  app.get('/health', (_request, reply) => {
    const redis = history.redis();
    // Redis down: still serving (sessions fall back, history stays local), so 200, but degraded.
    const body: Health = {
      status: redis === 'down' ? 'degraded' : 'ok',
      uptimeMs: clock.now() - startedAt,
      workers: workers.list().length,
      books: workers.books(),
      redis,
    };
    return reply.code(200).send(body);
  });

  app.get('/workers', () => workers.list());

  app.get('/events', () => state.events());

  matchingRoutes(app, state, matchingStore);

  app.get('/odds', (request, reply) => {
    const query = check(oddsQuerySchema, request.query, 'query');
    if (!query.ok) return reply.code(400).send({ error: 'bad_request', message: query.error.message });
    return state.odds(query.value);
  });

  app.get('/arbs', (request, reply) => {
    const query = check(arbsQuerySchema, request.query, 'query');
    if (!query.ok) return reply.code(400).send({ error: 'bad_request', message: query.error.message });
    const arbs = state.openArbs(arbFilter(query.value));
    return query.value.group === 'event' ? groupArbs(arbs) : arbs;
  });

  app.get('/arbs/history', async (request, reply) => {
    const limit = Number((request.query as { limit?: string }).limit ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
      return reply
        .code(400)
        .send({ error: 'bad_request', message: 'limit: expected an integer from 1 to 10000' });
    }
    return history.list(limit);
  });

  app.post('/calc', { config: { rateLimit: { max: 60, timeWindow: 10_000 } } }, (request, reply) => {
    try {
      return calculate(request.body);
    } catch (err: unknown) {
      if (err instanceof CalcError || err instanceof SchemaError)
        return reply.code(400).send({ error: 'bad_request', message: err.message });
      throw err;
    }
  });

  app.get('/metrics', async (_request, reply) =>
    reply.type(metrics.contentType).send(await metrics.metrics()),
  );

  // Quotes go stale; silent workers become stale.
  const sweeper = setInterval(() => {
    state.sweep();
    workers.checkHeartbeats();
  }, config.SWEEP_INTERVAL_MS ?? 1000);
  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    await matchingStore.flush();
  });
  app.decorate('hub', { state, workers, stream });
  return app;
}
