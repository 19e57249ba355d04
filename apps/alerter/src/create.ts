// Puts an alerter together from its settings: the channels, the queue and dedup (BullMQ
// and Redis with REDIS_URL, in memory without), the /stream follower, the HTTP API. main.ts
// runs it; tests run several on one Redis.
import { randomBytes } from 'node:crypto';
import { LOG_REDACT_PATHS } from '@arbhub/schema';
import type { Logger } from '@arbhub/schema';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { Redis } from 'ioredis';
import { Alerter } from './alerter.js';
import { telegramChannel } from './channels/telegram.js';
import { webhookChannel } from './channels/webhook.js';
import type { Config } from './config.js';
import { memoryDedup, redisDedup } from './dedup.js';
import type { Channel, Delivery } from './delivery.js';
import { followStream } from './follower.js';
import type { Follower } from './follower.js';
import { alerterMetrics } from './metrics.js';
import { memoryQueue } from './memory-queue.js';
import { bullQueue } from './queue.js';
import type { AlertQueue, QueueEvents } from './queue.js';
import { buildServer } from './server.js';

export interface AlerterApp {
  server: FastifyInstance;
  alerter: Alerter;
  queue: AlertQueue;
  follower: Follower | undefined;
  channels: readonly Channel[];
  /** Starts following the hub's /stream (main.ts does it once listening). */
  follow(): void;
  close(): Promise<void>;
}

export interface CreateOptions {
  logger?: FastifyServerOptions['logger'];
  /** BullMQ's lock on a job being sent; an alerter killed mid-send frees it after this (tests shorten it). */
  lockMs?: number;
  clock?: { now(): number };
}

/** Log fields never written, the hub's and workers' list: tokens, cookies, passwords. */
export const REDACT = LOG_REDACT_PATHS;

export function channelsOf(config: Config, clock: { now(): number } = Date): Channel[] {
  const channels: Channel[] = [];
  const dashboardUrl = config.DASHBOARD_URL ?? config.HUB_URL;
  if (config.TELEGRAM_BOT_TOKEN && config.TELEGRAM_CHAT_ID)
    channels.push(
      telegramChannel({
        apiUrl: config.TELEGRAM_API_URL,
        botToken: config.TELEGRAM_BOT_TOKEN,
        chatId: config.TELEGRAM_CHAT_ID,
        bankroll: config.ALERT_BANKROLL,
        round: config.ALERT_ROUND,
        dashboardUrl,
      }),
    );
  if (config.ALERT_WEBHOOK_URL)
    channels.push(
      webhookChannel(
        config.ALERT_WEBHOOK_URL,
        config.ALERT_WEBHOOK_SECRET ?? randomBytes(32).toString('hex'),
        clock,
      ),
    );
  return channels;
}

export function createAlerter(
  config: Config,
  { logger = false, lockMs = config.ALERT_LOCK_MS, clock = Date }: CreateOptions = {},
): AlerterApp {
  const metrics = alerterMetrics();
  const channels = channelsOf(config, clock);
  let log: Logger = { info: () => undefined, warn: () => undefined };
  const described = (delivery: Delivery) => ({
    channel: delivery.channel,
    delivery: delivery.id,
    arbId: delivery.arb.id,
    type: delivery.type,
  });
  const events: QueueEvents = {
    delivered(delivery, attempts) {
      metrics.delivered.inc({ channel: delivery.channel });
      metrics.latency.observe(
        { channel: delivery.channel },
        Math.max(0, clock.now() - delivery.seenAt) / 1000,
      );
      log.info({ ...described(delivery), attempts }, `alert delivered to ${delivery.channel}`);
    },
    retrying(delivery, attempts, error) {
      metrics.retried.inc({ channel: delivery.channel });
      log.warn(
        { ...described(delivery), attempts, error: error.message },
        `alert to ${delivery.channel} failed; trying again`,
      );
    },
    failed(delivery, attempts, error) {
      metrics.failed.inc({ channel: delivery.channel });
      log.warn(
        { ...described(delivery), attempts, error: error.message },
        `alert to ${delivery.channel} failed for good: kept in the dead-letter list`,
      );
    },
  };
  const dedupOptions = { ttlS: config.ALERT_DEDUP_TTL_S, realertGain: config.ALERT_REALERT_GAIN };
  const clients: Redis[] = [];
  const redisClient = () => {
    // BullMQ's workers block on their connection: it must retry forever (maxRetriesPerRequest null).
    const client = new Redis(config.REDIS_URL ?? '', { maxRetriesPerRequest: null, lazyConnect: false });
    client.on('error', () => undefined);
    clients.push(client);
    return client;
  };
  const queue = config.REDIS_URL
    ? bullQueue({
        connection: redisClient(),
        keepS: config.ALERT_DEDUP_TTL_S,
        channels,
        events,
        lockMs,
      })
    : memoryQueue({ channels, keepS: config.ALERT_DEDUP_TTL_S, events, clock });
  const dedup = config.REDIS_URL ? redisDedup(redisClient(), dedupOptions) : memoryDedup(dedupOptions, clock);
  const alerter = new Alerter({
    config,
    channels,
    dedup,
    queue,
    clock,
    onSkipped: (reason) => {
      metrics.skipped.inc({ reason });
    },
    onError: (error) => {
      log.warn(
        { error: error instanceof Error ? error.message : String(error) },
        'an arbitrage could not be queued',
      );
    },
  });
  let follower: Follower | undefined;
  const server = buildServer({
    queue,
    metrics,
    apiToken: config.API_TOKEN,
    channels: channels.map((c) => c.name),
    hubConnected: () => follower?.connected ?? false,
    redis: () => {
      const first = clients[0];
      if (!first) return 'disabled';
      return first.status === 'ready' ? 'up' : 'down';
    },
    logger,
  });
  log = server.log;
  return {
    server,
    alerter,
    queue,
    channels,
    get follower() {
      return follower;
    },
    follow() {
      follower = followStream({
        hubUrl: config.HUB_URL,
        apiToken: config.API_TOKEN,
        onMessage: (message) => void alerter.take(message),
        onState: (state, detail) => {
          metrics.hub.set(state === 'connected' ? 1 : 0);
          if (state === 'connected') log.info({ hub: config.HUB_URL }, 'following the hub /stream');
          else
            log.warn(
              { hub: config.HUB_URL, detail },
              `lost the hub /stream${detail ? `: ${detail}` : ''}; reconnecting`,
            );
        },
      });
    },
    async close() {
      follower?.close();
      await alerter.idle();
      await server.close();
      await queue.close();
      for (const client of clients) client.disconnect();
    },
  };
}
