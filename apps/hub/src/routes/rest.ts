// The REST API (docs/protocol.md): /health, /workers, /events, /odds, /arbs,
// /arbs/history and /calc. Every query and body is read with check() and its schema; a
// bad one is answered 400 naming the field (routes/reply.ts).
import { calculate, groupArbs } from '@arbhub/odds';
import {
  arbsHistoryQuerySchema,
  arbsQuerySchema,
  calcRequestSchema,
  check,
  oddsQuerySchema,
} from '@arbhub/schema';
import type { Health } from '@arbhub/schema';
import type { FastifyPluginCallback } from 'fastify';
import fp from 'fastify-plugin';
import { arbFilter } from '../arb-filter.js';
import { badRequest } from './reply.js';

/** True when every number in `value` (an answer about to be sent) is finite. */
export function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (value !== null && typeof value === 'object') return Object.values(value).every(allFinite);
  return true;
}

const rest: FastifyPluginCallback = (app, _options, done) => {
  const { state, workers, history, records, clock, startedAt } = app.hub;

  // The one route open to all when API_TOKEN is set: load balancers and Compose ask it.
  app.get('/health', { config: { access: 'public' } }, (_request, reply) => {
    const redis = history.redis();
    const db = records?.writer?.status();
    // Redis or the history database down: still serving (sessions fall back, history is
    // buffered), so 200, but degraded.
    const body: Health = {
      status: redis === 'down' || db?.state === 'down' ? 'degraded' : 'ok',
      uptimeMs: clock.now() - startedAt,
      workers: workers.list().length,
      books: workers.books(),
      redis,
      ...(db
        ? {
            history: {
              state: db.state,
              dialect: db.dialect as 'sqlite' | 'postgres',
              buffered: db.buffered,
              dropped: db.dropped,
              written: { changes: db.written.changes, prices: db.written.prices },
            },
          }
        : {}),
    };
    return reply.code(200).send(body);
  });

  app.get('/workers', () => workers.listAll());

  app.get('/events', () => state.events());

  app.get('/odds', (request, reply) => {
    const query = check(oddsQuerySchema, request.query, 'query');
    if (!query.ok) return badRequest(reply, query.error);
    return state.odds(query.value);
  });

  app.get('/arbs', (request, reply) => {
    const query = check(arbsQuerySchema, request.query, 'query');
    if (!query.ok) return badRequest(reply, query.error);
    const arbs = state.openArbs(arbFilter(query.value));
    return query.value.group === 'event' ? groupArbs(arbs) : arbs;
  });

  app.get('/arbs/history', async (request, reply) => {
    const query = check(arbsHistoryQuerySchema, request.query, 'query');
    if (!query.ok) return badRequest(reply, query.error);
    return history.list(query.value.limit);
  });

  app.post('/calc', { config: { rateLimit: { max: 60, timeWindow: 10_000 } } }, (request, reply) => {
    const body = check(calcRequestSchema, request.body, 'body');
    if (!body.ok) return badRequest(reply, body.error);
    const answer = calculate(body.value);
    // JSON has no Infinity or NaN (they would go out as null): every figure is finite or the answer is refused.
    if (!allFinite(answer))
      return reply.code(422).send({
        error: 'not_computable',
        message: 'these selections give a figure that is not a finite number',
      });
    return answer;
  });
  done();
};

export default fp(rest, { name: 'arbhub-rest', dependencies: ['arbhub-live'] });
