// HUB_ROLE=engine as a process: the Engine (engine.ts) with the single hub's live state
// per shard (the same aliases, alias files, learned pairs and people's matching decisions,
// the same guards), and a small HTTP server for GET /health (its shards and counts).
import { hostname } from 'node:os';
import { AliasTable, DEFAULT_ALIAS_SOURCES } from '@arbhub/matcher';
import { DEFAULT_GUARDS } from '@arbhub/odds';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { MatchingStore } from '../matching-store.js';
import { LiveState } from '../state.js';
import { Engine } from './engine.js';
import { DEFAULT_ROUTING, checkRouting } from './routing.js';

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
  const engine = new Engine({
    redis,
    reader,
    engineId: config.ENGINE_ID ?? `engine-${hostname()}-${process.pid.toString()}`,
    routing: checkRouting({ ...DEFAULT_ROUTING, shards: config.ENGINE_SHARDS }),
    leaseMs: config.ENGINE_LEASE_MS,
    retainMs: config.ENGINE_RETAIN_MS,
    sweepMs: config.SWEEP_INTERVAL_MS,
    log: app.log,
    makeState: (_shard, hooks) => {
      const state = new LiveState({
        ...hooks,
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
  }));
  await engine.start();
  return {
    app,
    engine,
    close: async () => {
      await engine.stop();
      await matchingStore.flush();
      await app.close();
    },
  };
}
