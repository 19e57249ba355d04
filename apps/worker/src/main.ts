// `npm run worker`: one worker for SITE, until SIGTERM or SIGINT.
import { loadWorkerConfig } from './config.js';
import { createWorker, workerLogger } from './create.js';

let config;
try {
  config = loadWorkerConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const logger = workerLogger(config);
const running = createWorker(config, { logger });
running.start();
logger.info({ workerId: config.WORKER_ID, book: config.SITE, hub: config.HUB_WS_URL }, 'worker started');
let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    void running.stop().then(() => process.exit(0));
  });
