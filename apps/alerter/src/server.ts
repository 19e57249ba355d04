// The alerter's own HTTP API on ALERTER_PORT: GET /health, GET /alerts (the last 200
// deliveries and the dead-letter list: channel, arbitrage, attempts, status, the last
// error, never a secret) and GET /metrics. With API_TOKEN, /alerts and /metrics need it
// as a bearer token, as the hub's do.
import { tokenMatches } from '@arbhub/session';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { AlerterMetrics } from './metrics.js';
import type { AlertQueue } from './queue.js';

export interface ServerOptions {
  queue: AlertQueue;
  metrics: AlerterMetrics;
  apiToken?: string | undefined;
  channels: readonly string[];
  hubConnected: () => boolean;
  redis: () => 'up' | 'down' | 'disabled';
  logger?: FastifyServerOptions['logger'];
}

export function buildServer({
  queue,
  metrics,
  apiToken,
  channels,
  hubConnected,
  redis,
  logger = false,
}: ServerOptions): FastifyInstance {
  const app = Fastify({ logger });
  app.addHook('onRequest', (request, reply, done) => {
    if (!apiToken || request.url === '/health') {
      done();
      return;
    }
    const header = request.headers.authorization;
    if (tokenMatches(header?.startsWith('Bearer ') ? header.slice(7) : undefined, apiToken)) {
      done();
      return;
    }
    void reply
      .code(401)
      .header('www-authenticate', 'Bearer realm="arbhub"')
      .send({ error: 'unauthorized', message: 'this route needs Authorization: Bearer <API_TOKEN>' });
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0] ?? ''}` }),
  );
  app.setErrorHandler((error, request, reply) => {
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'the alerter could not answer this request' });
  });
  app.get('/health', () => {
    const redisState = redis();
    return {
      status: hubConnected() && redisState !== 'down' ? 'ok' : 'degraded',
      hub: hubConnected() ? 'connected' : 'disconnected',
      redis: redisState,
      queue: queue.kind,
      channels,
    };
  });
  app.get('/alerts', async () => ({
    deliveries: await queue.deliveries(),
    deadLetters: await queue.deadLetters(),
  }));
  app.get('/metrics', async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
  return app;
}
