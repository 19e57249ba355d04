// A worker's settings, from the environment (names in docs/system.md; the worker's own
// beyond them in .env.example). The book's URL and account come from <BOOK>_BASE_URL,
// <BOOK>_USERNAME and <BOOK>_PASSWORD, defaulting to the simulator and its demo account.
import { hostname } from 'node:os';
import { parse } from '@arbhub/schema';
import { z } from 'zod';
import { BOOK_IDS } from './books/index.js';
import type { BookId } from './books/index.js';

/** How often each book is polled by default (ms): its feed's pace. bmk streams; its poll only forwards. */
export const DEFAULT_POLL_MS: Readonly<Record<BookId, number>> = {
  csport: 1000,
  sbo: 2000,
  bmk: 1000,
  pin: 1000,
  ibc: 2000,
  cmd: 1000,
};

const ms = (fallback: number, min = 10) => z.coerce.number().int().min(min).default(fallback);

export const workerConfigSchema = z.object({
  SITE: z.enum(BOOK_IDS as [BookId, ...BookId[]], { error: `SITE must be one of ${BOOK_IDS.join(', ')}` }),
  WORKER_ID: z.string().min(1).optional(),
  /** The hub's /ws, or several gateways' (comma-separated): a lost connection moves on to the next. */
  HUB_WS_URL: z
    .string()
    .default('ws://127.0.0.1:8000/ws')
    .transform((text) =>
      text
        .split(',')
        .map((url) => url.trim())
        .filter((url) => url !== ''),
    )
    .pipe(
      z
        .array(
          z.url({
            protocol: /^wss?$/,
            error: 'HUB_WS_URL must be a ws:// or wss:// URL (several: comma-separated)',
          }),
        )
        .min(1, { error: 'HUB_WS_URL must be a ws:// or wss:// URL (several: comma-separated)' }),
    ),
  WORKER_TOKEN: z.string().optional(),
  REDIS_URL: z.string().optional(),
  SESSION_SECRET: z.string().optional(),
  CHROMIUM_PATH: z.string().optional(),
  BASE_URL: z.url(),
  USERNAME: z.string().min(1),
  PASSWORD: z.string().min(1),
  /** Milliseconds between polls of the book (<BOOK>_POLL_MS). */
  POLL_MS: z.coerce.number().int().min(50),
  /** At most this many requests to the book at once (<BOOK>_CONCURRENCY). */
  CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  USER_AGENT: z
    .string()
    .min(1)
    .default(
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36',
    ),
  REQUEST_TIMEOUT_MS: ms(10_000, 100),
  /** Each partition is sent in full this often (unchanged prices too), so the hub never ages out a price that holds still. */
  SNAPSHOT_EVERY_MS: ms(5_000, 100),
  /** How often the worker sends worker:heartbeat. */
  HEARTBEAT_MS: ms(5_000, 100),
  /** The STOMP heart-beat bmk is asked for. */
  BMK_HEARTBEAT_MS: ms(20_000, 100),
  LOG_LEVEL: z.string().default('info'),
  NODE_ENV: z.string().default('development'),
});
export type WorkerConfig = z.output<typeof workerConfigSchema> & { WORKER_ID: string; SITE: BookId };

const DEFAULT_BASE = 'http://127.0.0.1:7001';

/** Reads the settings; a bad or missing value throws naming the variable. */
export function loadWorkerConfig(env: Record<string, string | undefined> = process.env): WorkerConfig {
  const site = (env.SITE ?? '').trim().toLowerCase();
  const prefix = site.toUpperCase();
  const book = BOOK_IDS.includes(site as BookId) ? (site as BookId) : undefined;
  const config = parse(
    workerConfigSchema,
    {
      ...env,
      SITE: site,
      BASE_URL: env[`${prefix}_BASE_URL`] ?? `${DEFAULT_BASE}/${site}`,
      USERNAME: env[`${prefix}_USERNAME`] ?? 'demo1',
      PASSWORD: env[`${prefix}_PASSWORD`] ?? 'demo1',
      POLL_MS: env[`${prefix}_POLL_MS`] ?? (book ? DEFAULT_POLL_MS[book] : 1000),
      CONCURRENCY: env[`${prefix}_CONCURRENCY`],
    },
    'worker settings',
  );
  return {
    ...config,
    SITE: config.SITE,
    WORKER_ID: config.WORKER_ID ?? `${config.SITE}-${hostname()}-${process.pid}`,
  };
}
