// buildApp: the hub as a Fastify instance, put together from plugins (as fastify/demo
// does): metrics, the live hub (state, workers, stream, sweeper), then the routes: /ws,
// /stream, REST, matching and the dashboard. It never listens (main.ts does); tests use
// inject and real clients on loopback.
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import { LOG_REDACT_PATHS } from '@arbhub/schema';
import type { Clock } from '@arbhub/schema';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';
import dashboard from './dashboard.js';
import { ringHistory } from './history.js';
import type { History } from './history.js';
import { memoryMatchingStore } from './matching-store.js';
import type { MatchingStore } from './matching-store.js';
import live from './plugins/live.js';
import metrics from './plugins/metrics.js';
import { DebugRequestLog } from './request-log.js';
import matching from './routes/matching.js';
import rest from './routes/rest.js';
import stream from './routes/stream.js';
import ws from './routes/ws.js';
import { closeSockets } from './workers.js';

export type { Hub } from './plugins/live.js';

export interface HubDeps {
  config: Pick<Config, 'WORKER_TOKEN' | 'STALE_AFTER_MS' | 'HEARTBEAT_MS' | 'MAX_MESSAGE_BYTES'> &
    Partial<Pick<Config, 'ARB_SAME_BOOK' | 'ARB_SUSPICIOUS_PCT' | 'SWEEP_INTERVAL_MS' | 'STREAM_UPDATE_MS'>>;
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
  const app = Fastify({ logger, trustProxy: false, logController: new DebugRequestLog() });
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

  await app.register(metrics);
  await app.register(live, { config, clock, history, aliasFiles, matchingStore });
  await app.register(ws, { token: config.WORKER_TOKEN });
  await app.register(stream);
  await app.register(rest);
  await app.register(matching);
  await app.register(dashboard, { dir: dashboardDir });
  return app;
}
