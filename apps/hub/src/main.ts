// `npm run hub`: loads the settings, builds the hub, listens; on SIGTERM or SIGINT stops
// accepting, closes workers and subscribers with 1001 and exits within 5 s.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { SchemaError, aliasFileSchema, parse } from '@arbhub/schema';
import { createRedisClient } from '@arbhub/session';
import closeWithGrace from 'close-with-grace';
import { LOG_SERIALIZERS, REDACT, buildApp } from './app.js';
import { loadConfig } from './config.js';
import type { Config } from './config.js';
import { redisHistory, ringHistory } from './history.js';
import { historyLogging, historyWhere, openHistoryReads, openHistoryRecords } from './history-records.js';
import { fileMatchingStore, redisMatchingStore } from './matching-store.js';
import { startEngine } from './scale/engine-process.js';
import { DEFAULT_ROUTING, checkRouting } from './scale/routing.js';

/** One ALIAS_FILES entry, read and checked; a problem is a SchemaError naming the file. */
function readAliasFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SchemaError(
      [{ path: file, message: `cannot read it (${(error as { code?: string }).code ?? String(error)})` }],
      'ALIAS_FILES',
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new SchemaError([{ path: file, message: `not JSON (${(error as Error).message})` }], 'ALIAS_FILES');
  }
  return parse(aliasFileSchema, data, `ALIAS_FILES file ${file}`);
}

let config: Config;
let aliasFiles: unknown[];
try {
  config = loadConfig();
  aliasFiles = config.ALIAS_FILES.map((file) => readAliasFile(file));
} catch (error) {
  // A bad setting is one line naming the variable and the rule, not a stack trace.
  if (!(error instanceof SchemaError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const redis = config.REDIS_URL ? createRedisClient(config.REDIS_URL) : undefined;
// Errors surface as a degraded /health; ioredis reconnects on its own (see @arbhub/session).
redis?.on('error', () => undefined);
/** A second connection for blocking reads of the log (scale-out roles). */
const reader = config.HUB_ROLE !== 'all' ? redis?.duplicate() : undefined;
reader?.on('error', () => undefined);
const logger = {
  level: config.LOG_LEVEL,
  redact: { paths: REDACT, censor: '[redacted]' },
  serializers: LOG_SERIALIZERS,
};
const matchingStore = redis
  ? redisMatchingStore(redis)
  : fileMatchingStore(config.DATA_DIR, (err) => {
      console.error(`could not write matching decisions under ${config.DATA_DIR}: ${String(err)}`);
    });
// The history database: opened now, its schema brought up to date with the first write
// (a PostgreSQL server that is not up yet is retried; meanwhile history is buffered).
let logHistory: (fields: { error?: string }, line: string) => void = (_fields, line) => {
  console.error(line);
};
if (config.HUB_ROLE === 'engine' && redis && reader) {
  const { app, engine, close } = await startEngine({
    config,
    redis,
    reader,
    aliasFiles,
    matchingStore,
    logger,
  });
  closeWithGrace({ delay: 5000 }, async ({ err }) => {
    if (err) app.log.error({ err }, 'engine stopping after an error');
    await close();
    reader.disconnect();
    redis.disconnect();
  });
  await app.listen({ host: config.HUB_HOST, port: config.HUB_PORT });
  app.log.info(
    { engine: engine.stats.shards, shards: config.ENGINE_SHARDS },
    `engine listening for /health on ${config.HUB_HOST}:${config.HUB_PORT.toString()}; shards held: ${engine.shards.join(',') || 'none yet'}`,
  );
} else {
  await runHub();
}

async function runHub(): Promise<void> {
  // A gateway reads the history the engines write; the single hub writes its own.
  const reads =
    config.HISTORY && config.HUB_ROLE === 'gateway'
      ? openHistoryReads({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR })
      : undefined;
  const records =
    config.HISTORY && config.HUB_ROLE === 'all'
      ? openHistoryRecords({
          databaseUrl: config.DATABASE_URL,
          dataDir: config.DATA_DIR,
          retentionDays: config.HISTORY_DAYS,
          ...historyLogging((fields, line) => {
            logHistory(fields, line);
          }),
        })
      : undefined;
  const app = await buildApp({
    config,
    aliasFiles,
    matchingStore,
    ...(records ? { records } : reads ? { records: reads } : {}),
    history: redis ? redisHistory(redis) : ringHistory(1000),
    ...(redis ? { redis } : {}),
    logger,
    ...(config.HUB_ROLE === 'gateway' && redis && reader
      ? {
          gateway: {
            redis,
            reader,
            routing: checkRouting({ ...DEFAULT_ROUTING, shards: config.ENGINE_SHARDS }),
            retainMs: config.ENGINE_RETAIN_MS,
            gatewayId: `gateway-${hostname()}-${process.pid.toString()}`,
          },
        }
      : {}),
  });
  closeWithGrace({ delay: 5000 }, async ({ err }) => {
    if (err) app.log.error({ err }, 'hub stopping after an error');
    await app.close();
    reader?.disconnect();
    redis?.disconnect();
  });
  logHistory = (fields, line) => {
    app.log.warn(fields, line);
  };
  await app.listen({ host: config.HUB_HOST, port: config.HUB_PORT });
  if (records)
    app.log.info(
      { history: records.store.handle.dialect },
      `history: kept in ${records.store.handle.where} for ${config.HISTORY_DAYS.toString()} days`,
    );
  if (reads) app.log.info({ history: reads.store.handle.dialect }, historyWhere(reads.store.handle));
  app.log.info(
    { aliasFiles: config.ALIAS_FILES, matching: matchingStore.where },
    `matching: ${config.ALIAS_FILES.length.toString()} alias file(s) loaded; decisions kept in ${matchingStore.where}`,
  );
  const loopback = ['127.0.0.1', '::1', 'localhost'].includes(config.HUB_HOST);
  app.log.info(
    loopback
      ? `hub listening on ${config.HUB_HOST}:${config.HUB_PORT.toString()} (this machine only; HUB_HOST=0.0.0.0 opens it to the network)`
      : `hub listening on ${config.HUB_HOST}:${config.HUB_PORT.toString()}, reachable from the network`,
  );
  if (!config.API_TOKEN && !loopback)
    app.log.warn(
      `HUB_HOST=${config.HUB_HOST} and API_TOKEN is not set: the arbitrage (/arbs, /stream), the odds (/odds, /events), /calc, /metrics, the matching decisions and the dashboard are open to anyone who can reach port ${config.HUB_PORT.toString()}`,
    );
  if (!config.WORKER_TOKEN)
    app.log.warn(
      loopback
        ? 'WORKER_TOKEN is not set: /ws accepts any worker (not allowed in production)'
        : `WORKER_TOKEN is not set: /ws accepts odds from anyone who can reach port ${config.HUB_PORT.toString()} (not allowed in production)`,
    );
}
