// `npm run hub`: loads the settings, builds the hub, listens; on SIGTERM or SIGINT stops
// accepting, closes workers and subscribers with 1001 and exits within 5 s.
import closeWithGrace from 'close-with-grace';
import { REDACT, buildApp } from './app.js';
import { loadConfig } from './config.js';

const config = loadConfig();
const production = config.NODE_ENV === 'production';
const app = await buildApp({
  config,
  logger: {
    level: config.LOG_LEVEL,
    redact: { paths: REDACT, censor: '[redacted]' },
    ...(production ? {} : { transport: undefined }),
  },
});
closeWithGrace({ delay: 5000 }, async ({ err }) => {
  if (err) app.log.error({ err }, 'hub stopping after an error');
  await app.close();
});
await app.listen({ host: config.HUB_HOST, port: config.HUB_PORT });
if (!config.WORKER_TOKEN)
  app.log.warn('WORKER_TOKEN is not set: /ws accepts any worker (not allowed in production)');
