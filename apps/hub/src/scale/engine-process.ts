// HUB_ROLE=engine as a process: the Engine (engine.ts) with the single hub's live state
// per shard (the same aliases, alias files, learned pairs and people's matching decisions,
// the same guards), the history of the arbitrage it publishes (written to the database the
// gateways read /history from), and a small HTTP server for GET /health (its shards and counts).
import { hostname } from 'node:os';
import { AliasTable, DEFAULT_ALIAS_SOURCES } from '@arbhub/matcher';
import { DEFAULT_GUARDS } from '@arbhub/odds';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Redis } from 'ioredis';
import type { ArbRecorder } from '@arbhub/history';
import type { Config } from '../config.js';
import { historyLogging, historyWhere, openHistoryRecords } from '../history-records.js';
import type { MatchingStore } from '../matching-store.js';
import { LiveState } from '../state.js';
import { Engine } from './engine.js';
import { DEFAULT_ROUTING, checkRouting } from './routing.js';
import type { Told } from './shard-publisher.js';

export interface EngineProcessOptions {
  config: Config;
  redis: Redis;
  reader: Redis;
  aliasFiles: readonly unknown[];
  matchingStore: MatchingStore;
  logger: FastifyServerOptions['logger'];
}

export async function startEngine({
  config,
  redis,
  reader,
  aliasFiles,
  matchingStore,
  logger,
}: EngineProcessOptions): Promise<{ app: FastifyInstance; engine: Engine; close: () => Promise<void> }> {
  const app = Fastify({ logger });
  const startedAt = Date.now();
  const aliases = new AliasTable([...DEFAULT_ALIAS_SOURCES, ...aliasFiles]);
  const memory = await matchingStore.load();
  for (const [a, b] of memory.learned) aliases.learn(a, b);
  const records = config.HISTORY
    ? openHistoryRecords({
        databaseUrl: config.DATABASE_URL,
        dataDir: config.DATA_DIR,
        retentionDays: config.HISTORY_DAYS,
        ...historyLogging((fields, line) => {
          app.log.warn(fields, line);
        }),
      })
    : undefined;
  const engine = new Engine({
    redis,
    reader,
    engineId: config.ENGINE_ID ?? `engine-${hostname()}-${process.pid.toString()}`,
    routing: checkRouting({ ...DEFAULT_ROUTING, shards: config.ENGINE_SHARDS }),
    leaseMs: config.ENGINE_LEASE_MS,
    retainMs: config.ENGINE_RETAIN_MS,
    sweepMs: config.SWEEP_INTERVAL_MS,
    log: app.log,
    ...(records
      ? {
          onTold: (told: Told) => {
            record(records.recorder, told);
          },
        }
      : {}),
    makeState: (_shard, hooks) => {
      const state = new LiveState({
        ...hooks,
        // Every quote of its shards, replayed ones too: the tape holds the prices before an opening.
        ...(records
          ? {
              onQuotes: (quotes) => {
                records.recorder.quotes(quotes);
              },
            }
          : {}),
        aliases,
        onLearn: (a, b) => {
          matchingStore.learned(a, b);
        },
        staleAfterMs: config.STALE_AFTER_MS,
        sameBook: config.ARB_SAME_BOOK,
        updateEveryMs: config.STREAM_UPDATE_MS,
        guards: { ...DEFAULT_GUARDS, suspiciousPct: config.ARB_SUSPICIOUS_PCT },
      });
      for (const decision of memory.decisions) state.applyDecision(decision);
      return state;
    },
  });
  // GET /health of an engine: its shards and what it has done.
  app.get('/health', () => ({
    status: 'ok',
    role: 'engine',
    uptimeMs: Date.now() - startedAt,
    shards: engine.shards,
    entries: engine.stats.entries,
    quotes: engine.stats.quotes,
    published: engine.stats.published,
    unreadable: engine.stats.unreadable,
    rebuilds: engine.stats.rebuilds.slice(-20),
    history: records ? records.writer.status() : { state: 'off' },
  }));
  await engine.start();
  if (records)
    app.log.info(
      { history: records.store.handle.dialect, days: config.HISTORY_DAYS },
      historyWhere(records.store.handle),
    );
  return {
    app,
    engine,
    close: async () => {
      await engine.stop();
      await records?.close();
      await matchingStore.flush();
      await app.close();
    },
  };
}

/**
 * A publication into the history, under the id it was published with. An opening told
 * again of one it already watches (Redis restarted without its data and the shard put it
 * again) is an update: the opening is in the database.
 */
export function record(recorder: ArbRecorder, told: Told): void {
  if (told.kind === 'open') {
    if (recorder.watching(told.arb.id)) recorder.updated(told.arb);
    else recorder.opened(told.arb);
  } else if (told.kind === 'update') recorder.updated(told.arb, told.updates);
  else recorder.closed(told.arb, told.reason, told.closedAt);
}
