// `npm run alerter`: loads the settings, follows the hub's /stream, delivers alerts and
// serves GET /health, /alerts and /metrics on ALERTER_PORT; stops on SIGTERM or SIGINT.
import { SchemaError } from '@arbhub/schema';
import { loadConfig } from './config.js';
import { REDACT, createAlerter } from './create.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  // A bad setting is one line naming the variable and the rule, not a stack trace.
  if (!(error instanceof SchemaError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const app = createAlerter(config, {
  logger: { level: config.LOG_LEVEL, redact: { paths: REDACT, censor: '[redacted]' } },
});
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await app.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
await app.server.listen({ host: config.ALERTER_HOST, port: config.ALERTER_PORT });
app.server.log.info(
  {
    channels: app.channels.map((c) => c.name),
    queue: app.queue.kind,
    minProfit: config.ALERT_MIN_PROFIT,
    includeFlagged: config.ALERT_INCLUDE_FLAGGED,
    onClose: config.ALERT_ON_CLOSE,
  },
  `alerting ${app.channels.map((c) => c.name).join(' and ')} (${app.queue.kind === 'bullmq' ? 'BullMQ on REDIS_URL' : 'in memory: set REDIS_URL to share the queue and dedup'})`,
);
if (config.ALERT_WEBHOOK_URL && !config.ALERT_WEBHOOK_SECRET)
  app.server.log.warn(
    'ALERT_WEBHOOK_SECRET is not set: webhooks are signed with a secret made up for this run, which no receiver can check (required when NODE_ENV=production)',
  );
app.follow();
