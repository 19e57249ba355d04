// HUB_ROLE=gateway: the live hub in a scale-out deployment, decorated as `hub` like the
// single hub's (plugins/live.ts), so every route is the same. Workers' updates are
// checked here and go to the log; what /arbs, /stream, /events and /odds show is what the
// engines publish. Stateless but for the workers connected here: any number of gateways
// serve the same answers.
import { randomUUID } from 'node:crypto';
import type { Clock, StreamMessage } from '@arbhub/schema';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Gauge } from 'prom-client';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { workerHub } from './live.js';
import type { History } from '../history.js';
import type { HistoryReads } from '../history-records.js';
import type { MatchingStore } from '../matching-store.js';
import { DecisionClient } from '../scale/decisions.js';
import { GatewayState } from '../scale/gateway-state.js';
import { ShardLog } from '../scale/log.js';
import { ResultsMirror } from '../scale/mirror.js';
import { LogPublisher } from '../scale/publisher.js';
import type { Routing } from '../scale/routing.js';
import { WorkerRegistry } from '../scale/registry.js';
import { ViewReader } from '../scale/views.js';
import { StreamHub } from '../stream.js';

/** How often a gateway writes its workers to the registry and reads the others'. */
export const REGISTRY_BEAT_MS = 1000;

/** What a gateway needs of the deployment: Redis (commands, and a connection for blocking reads) and the routing. */
export interface GatewayScale {
  redis: Redis;
  reader: Redis;
  routing: Routing;
  /** ENGINE_RETAIN_MS: how long the shard streams keep entries. */
  retainMs: number;
  /** This gateway's id in the worker registry (unique per process). */
  gatewayId: string;
  prefix?: string;
}

export interface GatewayOptions {
  config: Pick<Config, 'HEARTBEAT_MS' | 'REGISTER_TIMEOUT_MS'> & Partial<Pick<Config, 'SWEEP_INTERVAL_MS'>>;
  clock: Clock;
  history: History;
  /** The history database the engines write, read for GET /history/*. */
  records?: HistoryReads | undefined;
  matchingStore: MatchingStore;
  scale: GatewayScale;
}

function gateway(
  app: FastifyInstance,
  { config, clock, history, records, matchingStore, scale }: GatewayOptions,
  done: (err?: Error) => void,
): void {
  const { counters } = app.hubMetrics;
  const prefix = scale.prefix ?? 'arbhub:';
  const stream = new StreamHub();
  let warnedAt = -Infinity;
  const publisher = new LogPublisher({
    log: new ShardLog(scale.redis, { prefix, retainMs: scale.retainMs, clock }),
    routing: scale.routing,
    clock,
    onError: (error) => {
      if (clock.now() - warnedAt < 60_000) return;
      warnedAt = clock.now();
      app.log.warn(
        { err: String(error) },
        'gateway: cannot append to the log; updates wait until Redis answers',
      );
    },
    onPressure: (hold) => {
      workers.setPaused(hold);
    },
  });
  const mirror = new ResultsMirror({
    redis: scale.redis,
    reader: scale.reader,
    prefix,
    clock,
    log: app.log,
    onMessages: (messages: StreamMessage[]) => {
      stream.broadcastAll(messages);
      for (const message of messages) {
        if (message.type === 'arb:open') counters.arbs.inc({ change: 'open' });
        else if (message.type === 'arb:update') counters.arbs.inc({ change: 'update' });
        else if (message.type === 'arb:close') {
          counters.arbs.inc({ change: 'close' });
          history.add({
            arb: message.arb,
            reason: message.reason,
            closedAt: message.closedAt,
            lifetimeMs: message.closedAt - message.arb.openedAt,
          });
        }
      }
    },
  });
  const views = new ViewReader(scale.redis, { prefix, shards: scale.routing.shards, clock });
  // Decisions wait for an engine's answer on a connection of their own (BLPOP holds it).
  const replies = scale.redis.duplicate();
  const decisions = new DecisionClient({ publisher, replies, prefix, clock, newId: randomUUID });
  const state = new GatewayState(publisher, mirror, views, decisions);
  const registry = new WorkerRegistry({
    redis: scale.redis,
    gatewayId: scale.gatewayId,
    beatMs: REGISTRY_BEAT_MS,
    prefix,
    clock,
  });
  const syncRegistry = async () => {
    if (await registry.sync(workers.offers(), workers.list())) workers.rebalance();
  };
  const workers = workerHub(
    app,
    { state, clock, config, stream },
    {
      allOffers: (local) => registry.offers(local),
      remoteWorkers: () => registry.workers(),
      onGone: (workerId) => {
        void registry.remove(workerId).catch(() => undefined); // Redis away: the entry goes stale in 3 beats
      },
      onStatus: (status) => {
        // A worker came or went: the other gateways hear of it at this sync, not the next beat.
        if (status.state === 'ok' || status.state === 'disconnected')
          void syncRegistry().catch(() => undefined);
      },
    },
  );
  // The log's side of a gateway on /metrics.
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [app.hubMetrics.registry],
      collect() {
        this.set(read());
      },
    });
  gauge('arbhub_log_appended', 'Shard log entries appended by this gateway', () => publisher.appended);
  gauge('arbhub_log_waiting', 'Shard log entries waiting to be appended', () => publisher.waiting);
  gauge(
    'arbhub_log_dropped',
    'Shard log entries dropped (more waited than the buffer holds while Redis was away)',
    () => publisher.dropped,
  );
  gauge(
    'arbhub_log_holds',
    'Times the workers were held back for the log to catch up',
    () => publisher.holds,
  );
  gauge(
    'arbhub_changes_lag_ms',
    "How far this gateway's copy of the arbitrage is behind the engines' changes (ms)",
    () => mirror.lagMs,
  );
  gauge('arbhub_log_held_ms', 'Time the workers were held back, in all (ms)', () => workers.pausedMs);
  app.decorate('hub', {
    state,
    workers,
    stream,
    history,
    records,
    matchingStore,
    clock,
    startedAt: clock.now(),
  });
  const started = mirror.start();
  const sweeper = setInterval(() => {
    workers.checkHeartbeats();
  }, config.SWEEP_INTERVAL_MS ?? 1000);
  const registryBeat = setInterval(() => {
    void syncRegistry().catch(() => undefined); // Redis away: the assignment stays as it is
  }, REGISTRY_BEAT_MS);
  const refresher = setInterval(() => {
    void state.refresh().catch(() => undefined); // Redis away: /metrics shows the last views
  }, 2000);
  app.addHook('onReady', async () => {
    await started;
  });
  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    clearInterval(refresher);
    clearInterval(registryBeat);
    await mirror.stop();
    replies.disconnect();
    await publisher.flushed();
    await records?.close();
  });
  done();
}

export default fp(gateway, { name: 'arbhub-live', dependencies: ['arbhub-metrics'] });
