// `npm run hub`: loads the settings, builds the hub, listens; on SIGTERM or SIGINT stops
// accepting, closes workers and subscribers with 1001 and exits within 5 s.
import { SchemaError } from '@arbhub/schema';
import { createRedisClient } from '@arbhub/session';
import closeWithGrace from 'close-with-grace';
import { REDACT, buildApp } from './app.js';
import { loadConfig } from './config.js';
import { redisHistory, ringHistory } from './history.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  // A bad setting is one line naming the variable and the rule, not a stack trace.
  if (!(error instanceof SchemaError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const production = config.NODE_ENV === 'production';
const redis = config.REDIS_URL ? createRedisClient(config.REDIS_URL) : undefined;
// Errors surface as a degraded /health; ioredis reconnects on its own (see @arbhub/session).
redis?.on('error', () => undefined);
const app = await buildApp({
  config,
  history: redis ? redisHistory(redis) : ringHistory(1000),
  logger: {
    level: config.LOG_LEVEL,
    redact: { paths: REDACT, censor: '[redacted]' },
    ...(production ? {} : { transport: undefined }),
  },
});
closeWithGrace({ delay: 5000 }, async ({ err }) => {
  if (err) app.log.error({ err }, 'hub stopping after an error');
  await app.close();
  redis?.disconnect();
});
await app.listen({ host: config.HUB_HOST, port: config.HUB_PORT });
if (!config.WORKER_TOKEN)
  app.log.warn('WORKER_TOKEN is not set: /ws accepts any worker (not allowed in production)');
