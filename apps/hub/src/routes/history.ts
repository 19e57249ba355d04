// The history API (docs/protocol.md, "History"): closed and open arbitrage with filters
// and a cursor, one arbitrage with its prices, statistics per pair of books and per
// book, and the CSV export, streamed. Without a history database (buildApp without
// `records`) each answers 503 history_disabled; a database that does not answer, 503
// history_unavailable (the hub itself goes on).
import { CursorError, arbsCsv } from '@arbhub/history';
import { check, historyArbsQuerySchema, historyStatsQuerySchema } from '@arbhub/schema';
import type { FastifyPluginCallback, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { badRequest } from './reply.js';

const DAY_MS = 86_400_000;

const history: FastifyPluginCallback = (app, _options, done) => {
  const { records, clock } = app.hub;

  const disabled = (reply: FastifyReply) =>
    reply.code(503).send({
      error: 'history_disabled',
      message: 'this hub keeps no history database (it runs without one)',
    });
  /** A database error: 503, the hub's own log has it; a bad cursor: 400. */
  const failed = (reply: FastifyReply, error: unknown) => {
    if (error instanceof CursorError)
      return reply.code(400).send({ error: 'bad_request', message: error.message });
    app.log.warn({ err: error }, 'history query failed');
    return reply.code(503).send({
      error: 'history_unavailable',
      message: 'the history database did not answer; try again shortly',
    });
  };

  app.get('/history/arbs', async (request, reply) => {
    if (!records) return disabled(reply);
    const query = check(historyArbsQuerySchema, request.query, 'query');
    if (!query.ok) return badRequest(reply, query.error);
    try {
      return await records.store.listArbs(query.value);
    } catch (error) {
      return failed(reply, error);
    }
  });

  app.get('/history/arbs.csv', async (request, reply) => {
    if (!records) return disabled(reply);
    const query = check(historyArbsQuerySchema, request.query, 'query');
    if (!query.ok) return badRequest(reply, query.error);
    const { from, to, book, sport, minProfit } = query.value;
    try {
      // The first page is read before the answer starts: a database that is down is a 503, not a cut-off file.
      await records.store.listArbs({ from, to, book, sport, minProfit, limit: 1 });
    } catch (error) {
      return failed(reply, error);
    }
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="arbhub-arbs.csv"')
      .send(arbsCsv(records.store, { from, to, book, sport, minProfit }));
  });

  app.get<{ Params: { id: string } }>('/history/arbs/:id', async (request, reply) => {
    if (!records) return disabled(reply);
    try {
      const arb = await records.store.getArb(request.params.id, clock.now());
      if (!arb)
        return await reply
          .code(404)
          .send({ error: 'not_found', message: `no arbitrage ${request.params.id} in the history` });
      return arb;
    } catch (error) {
      return failed(reply, error);
    }
  });

  app.get('/history/stats', async (request, reply) => {
    if (!records) return disabled(reply);
    const query = check(historyStatsQuerySchema, request.query, 'query');
    if (!query.ok) return badRequest(reply, query.error);
    const to = query.value.to ?? clock.now();
    const from = query.value.from ?? to - DAY_MS;
    try {
      return await records.store.stats(from, to);
    } catch (error) {
      return failed(reply, error);
    }
  });
  done();
};

export default fp(history, { name: 'arbhub-history', dependencies: ['arbhub-live'] });
