// One worker from its settings: the book's adapter and HTTP client, the shared session
// store (Redis with REDIS_URL, memory otherwise), the hub link, the loop.
import { LOG_REDACT_PATHS } from '@arbhub/schema';
import type { Clock } from '@arbhub/schema';
import { createRedisClient, createSessionManager, memoryStore, redisStore } from '@arbhub/session';
import type { SessionStore } from '@arbhub/session';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { BOOKS } from './books/index.js';
import type { AdapterDeps, BookAdapter } from './books/types.js';
import type { WorkerConfig } from './config.js';
import { BookHttp } from './http.js';
import { HubLink } from './hub-link.js';
import { loginInChildProcess } from './login.js';
import { Worker } from './worker.js';

export function workerLogger(config: Pick<WorkerConfig, 'LOG_LEVEL' | 'NODE_ENV'>): Logger {
  return pino({
    level: config.LOG_LEVEL,
    redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
    base: { app: 'worker' },
  });
}

export interface CreatedWorker {
  worker: Worker;
  hub: HubLink;
  http: BookHttp;
  adapter: BookAdapter;
  start(): void;
  stop(): Promise<void>;
}

export interface CreateDeps {
  logger?: Logger;
  /** A store to share (tests); otherwise REDIS_URL decides. */
  store?: SessionStore;
  clock?: Clock;
  random?: () => number;
}

export function createWorker(config: WorkerConfig, deps: CreateDeps = {}): CreatedWorker {
  const logger = deps.logger ?? workerLogger(config);
  const clock = deps.clock ?? Date;
  const book = BOOKS[config.SITE];
  const http = new BookHttp({
    book: config.SITE,
    baseUrl: config.BASE_URL,
    userAgent: config.USER_AGENT,
    concurrency: config.CONCURRENCY,
    timeoutMs: config.REQUEST_TIMEOUT_MS,
    loginPage: book.loginPage,
    clock,
  });
  const adapterDeps: AdapterDeps = {
    http,
    baseUrl: config.BASE_URL,
    credentials: { username: config.USERNAME, password: config.PASSWORD },
    clock,
    logger,
  };
  const adapter = book.adapter(adapterDeps, config);
  let redis: ReturnType<typeof createRedisClient> | undefined;
  let store = deps.store;
  if (!store) {
    if (config.REDIS_URL) {
      redis = createRedisClient(config.REDIS_URL);
      redis.on('error', () => undefined); // the session manager reports outages, once each
      store = redisStore(redis);
    } else store = memoryStore();
  }
  const sessions = createSessionManager({
    store,
    secret: config.SESSION_SECRET,
    workerId: config.WORKER_ID,
    logger,
    lockTtlMs: 30_000,
    sessionTtlMs: 30 * 60_000,
    waitTimeoutMs: 90_000,
  });
  const box: { worker?: Worker } = {};
  const hub = new HubLink({
    urls: config.HUB_WS_URL,
    token: config.WORKER_TOKEN,
    workerId: config.WORKER_ID,
    book: config.SITE,
    account: config.USERNAME,
    partitions: adapter.partitions,
    heartbeatMs: config.HEARTBEAT_MS,
    logger,
    random: deps.random,
    clock,
    onRegistered: (partitions) => box.worker?.onRegistered(partitions),
    onAssign: (partitions) => box.worker?.onAssign(partitions),
  });
  const worker = new Worker({
    workerId: config.WORKER_ID,
    account: config.USERNAME,
    adapter,
    sessions,
    login: async () => {
      const started = clock.now();
      logger.info(
        { workerId: config.WORKER_ID, book: config.SITE, account: config.USERNAME },
        'logging in with Chromium',
      );
      const result = await loginInChildProcess({
        site: config.SITE,
        baseUrl: config.BASE_URL,
        username: config.USERNAME,
        password: config.PASSWORD,
        userAgent: config.USER_AGENT,
        executablePath: config.CHROMIUM_PATH,
      });
      logger.info(
        {
          workerId: config.WORKER_ID,
          book: config.SITE,
          ms: clock.now() - started,
          cookies: result.cookies.length,
        },
        'logged in; browser closed',
      );
      return result;
    },
    hub,
    pollMs: config.POLL_MS,
    refreshMs: config.SNAPSHOT_EVERY_MS,
    logger,
    clock,
  });
  box.worker = worker;
  const created = worker;
  return {
    worker: created,
    hub,
    http,
    adapter,
    start() {
      created.start();
      hub.start();
    },
    async stop() {
      await created.stop();
      await hub.stop();
      if (redis) {
        await (store as ReturnType<typeof redisStore>).close();
        redis.disconnect();
      }
    },
  };
}
