// buildApp: the hub as a Fastify instance, put together from plugins (as fastify/demo
// does): the guard (access, rate limits, security headers, the error shape), metrics,
// the live hub (state, workers, stream, sweeper), then the routes: /ws, /stream, REST,
// matching, the dashboard and its login. It never listens (main.ts does); tests use
// inject and real clients on loopback.
import websocket from '@fastify/websocket';
import { LOG_REDACT_PATHS } from '@arbhub/schema';
import type { Clock } from '@arbhub/schema';
import Fastify from 'fastify';
import type { Redis } from 'ioredis';
import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from 'fastify';
import { configSchema } from './config.js';
import type { Config } from './config.js';
import dashboard from './dashboard.js';
import { ringHistory } from './history.js';
import type { History } from './history.js';
import type { HistoryReads, HistoryRecords } from './history-records.js';
import { memoryMatchingStore } from './matching-store.js';
import type { MatchingStore } from './matching-store.js';
import gateway from './plugins/gateway.js';
import type { GatewayScale } from './plugins/gateway.js';
import guard from './plugins/guard.js';
import live from './plugins/live.js';
import metrics from './plugins/metrics.js';
import { DebugRequestLog } from './request-log.js';
import alerts from './routes/alerts.js';
import historyRoutes from './routes/history.js';
import login from './routes/login.js';
import matching from './routes/matching.js';
import rest from './routes/rest.js';
import stream from './routes/stream.js';
import ws from './routes/ws.js';
import { closeSockets } from './workers.js';

export type { Hub } from './plugins/live.js';

export interface HubDeps {
  config: Pick<Config, 'WORKER_TOKEN' | 'STALE_AFTER_MS' | 'HEARTBEAT_MS' | 'MAX_MESSAGE_BYTES'> &
    Partial<
      Pick<
        Config,
        | 'ARB_SAME_BOOK'
        | 'ARB_SUSPICIOUS_PCT'
        | 'SWEEP_INTERVAL_MS'
        | 'STREAM_UPDATE_MS'
        | 'API_TOKEN'
        | 'METRICS_TOKEN'
        | 'SESSION_TTL_S'
        | 'TRUST_PROXY'
        | 'MAX_STREAM_CLIENTS'
        | 'MAX_STREAM_CLIENTS_PER_IP'
        | 'REGISTER_TIMEOUT_MS'
        | 'RATE_LIMIT_MAX'
        | 'RATE_LIMIT_WINDOW_MS'
        | 'ALERTER_URL'
      >
    >;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  /** Where closed arbitrages go: redisHistory with REDIS_URL, else a ring buffer of 1,000. */
  history?: History;
  /**
   * The history database (GET /history/*): main.ts opens it; the app closes it. None by
   * default. A gateway's only reads it (HistoryReads: the engines write).
   */
  records?: HistoryRecords | HistoryReads;
  /** The built dashboard (dashboard/dist/ by default). */
  dashboardDir?: string;
  /** Alias files (ALIAS_FILES), parsed, added after the built-in ones; each validated (a SchemaError names the file's field). */
  aliasFiles?: readonly unknown[];
  /** Where learned aliases and matching decisions are kept: Redis, a file under DATA_DIR, or (default) nowhere. */
  matchingStore?: MatchingStore;
  /** HUB_ROLE=gateway: the log and the engines' results in Redis; without it, the single hub. */
  gateway?: GatewayScale;
  /**
   * The hub's Redis (REDIS_URL), when it has one: dashboard logouts and rate-limit counts
   * are shared through it by every hub process (several gateways), and outlive a restart.
   */
  redis?: Redis;
}

/** Log fields never written: tokens, cookies, passwords (the list every process shares). */
export const REDACT = LOG_REDACT_PATHS;

/** A URL as logged: a `token=` in its query (the /ws and /stream way for browsers) is redacted. */
export function redactUrl(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');
}

/** The request as the hub logs it: Fastify's fields, the URL without its token. */
export const LOG_SERIALIZERS = {
  req: (request: FastifyRequest) => ({
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket.remotePort,
  }),
};

export async function buildApp({
  config,
  clock = Date,
  logger = false,
  history = ringHistory(1000),
  records,
  dashboardDir,
  aliasFiles = [],
  matchingStore = memoryMatchingStore(),
  gateway: scale,
  redis,
}: HubDeps): Promise<FastifyInstance> {
  const defaults = configSchema.parse({});
  const app = Fastify({
    logger,
    trustProxy: config.TRUST_PROXY ?? false,
    logController: new DebugRequestLog(),
  });
  await app.register(guard, {
    apiToken: config.API_TOKEN,
    metricsToken: config.METRICS_TOKEN,
    sessionTtlS: config.SESSION_TTL_S ?? defaults.SESSION_TTL_S,
    rateLimitMax: config.RATE_LIMIT_MAX ?? defaults.RATE_LIMIT_MAX,
    rateLimitWindowMs: config.RATE_LIMIT_WINDOW_MS ?? defaults.RATE_LIMIT_WINDOW_MS,
    clock,
    redis,
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
  await app.register(metrics);
  const liveConfig = {
    ...config,
    REGISTER_TIMEOUT_MS: config.REGISTER_TIMEOUT_MS ?? defaults.REGISTER_TIMEOUT_MS,
  };
  if (scale)
    await app.register(gateway, { config: liveConfig, clock, history, records, matchingStore, scale });
  else
    await app.register(live, {
      config: liveConfig,
      clock,
      history,
      records: records && 'recorder' in records ? records : undefined,
      aliasFiles,
      matchingStore,
    });
  await app.register(ws, { token: config.WORKER_TOKEN });
  await app.register(stream, {
    max: config.MAX_STREAM_CLIENTS ?? defaults.MAX_STREAM_CLIENTS,
    maxPerAddress: config.MAX_STREAM_CLIENTS_PER_IP ?? defaults.MAX_STREAM_CLIENTS_PER_IP,
  });
  await app.register(rest);
  await app.register(historyRoutes);
  await app.register(matching);
  await app.register(alerts, { alerterUrl: config.ALERTER_URL, apiToken: config.API_TOKEN });
  await app.register(login);
  await app.register(dashboard, { dir: dashboardDir });
  return app;
}
