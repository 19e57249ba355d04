// The hub's settings, from the environment (names in docs/system.md).
import { envFlag, envList, envOptional, parse } from '@arbhub/schema';
import { z } from 'zod';

/** A secret of 16+ characters; an empty value (`NAME=` in .env or Compose) is no secret at all. */
const secret = (name: string) =>
  envOptional(z.string().min(16, { error: `${name} must be at least 16 characters` }));

export const configSchema = z
  .object({
    /** Where the hub listens: loopback by default; 0.0.0.0 (every interface) is an explicit choice. */
    HUB_HOST: z.string().min(1).default('127.0.0.1'),
    HUB_PORT: z.coerce.number().int().min(0).max(65535).default(8000),
    /** Shared secret workers present on /ws; none means open (refused in production). */
    WORKER_TOKEN: secret('WORKER_TOKEN'),
    /**
     * Bearer token every route but GET /health needs (REST, /metrics, /stream, the
     * dashboard's data); none means open (refused in production).
     */
    API_TOKEN: secret('API_TOKEN'),
    /** A token of its own for GET /metrics (a scraper need not hold API_TOKEN); API_TOKEN works there too. */
    METRICS_TOKEN: secret('METRICS_TOKEN'),
    /** How long a dashboard login lasts (seconds). */
    SESSION_TTL_S: z.coerce
      .number()
      .int()
      .min(60)
      .max(30 * 86_400)
      .default(12 * 3600),
    /** Behind a reverse proxy: `1` reads the client address (limits) and https from X-Forwarded-*. */
    TRUST_PROXY: envFlag(),
    /** Most /stream subscribers at once, and per client address; more are refused 429. */
    MAX_STREAM_CLIENTS: z.coerce.number().int().min(1).max(100_000).default(200),
    MAX_STREAM_CLIENTS_PER_IP: z.coerce.number().int().min(1).max(100_000).default(20),
    /** A /ws connection that has not sent worker:register within this many ms is closed (1008). */
    REGISTER_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
    /** REST requests one address may make per RATE_LIMIT_WINDOW_MS; more are answered 429 with Retry-After. */
    RATE_LIMIT_MAX: z.coerce.number().int().min(1).max(1_000_000).default(1200),
    RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
    /** The alerter's API (apps/alerter): GET /alerts here passes on its deliveries and dead-letter list for the dashboard. */
    ALERTER_URL: envOptional(z.url({ error: 'expected an http(s) URL' })),
    NODE_ENV: z.string().default('development'),
    /** A quote older than this is ignored; default 3 x the worker's heartbeat (set per book by polls). */
    STALE_AFTER_MS: z.coerce.number().int().min(1000).default(15_000),
    /** Workers send a heartbeat this often; silent for 3 intervals means stale. */
    HEARTBEAT_MS: z.coerce.number().int().min(100).default(5_000),
    REDIS_URL: z.string().optional(),
    /**
     * `all`: the whole hub in this process (no Redis needed). Scale-out (REDIS_URL needed):
     * `gateway` takes workers and serves the API from what the engines publish; `engine`
     * runs the matcher and the arbitrage of the shards it holds.
     */
    HUB_ROLE: z
      .enum(['all', 'gateway', 'engine'], { error: 'expected all, gateway or engine' })
      .default('all'),
    /** How many shards the fixtures are routed to; every gateway and engine must agree. */
    ENGINE_SHARDS: z.coerce.number().int().min(1).max(4096).default(16),
    /** An engine's hold on a shard: another takes it over this long after it stops renewing (ms). */
    ENGINE_LEASE_MS: z.coerce.number().int().min(1000).max(600_000).default(10_000),
    /** How long the shard streams keep entries; an engine taking a shard over replays them (ms). */
    ENGINE_RETAIN_MS: z.coerce.number().int().min(10_000).max(86_400_000).default(120_000),
    /** This engine's id (default engine-<hostname>-<pid>). */
    ENGINE_ID: envOptional(z.string().min(1)),
    /** Where the embedded defaults keep files: matching decisions and learned aliases (without REDIS_URL). */
    DATA_DIR: z.string().min(1).default('./data'),
    /**
     * The history database: PostgreSQL at this URL; without it, a SQLite file under
     * DATA_DIR (history.sqlite), no server needed.
     */
    DATABASE_URL: envOptional(
      z.string().regex(/^postgres(ql)?:\/\//, { error: 'expected a postgres:// or postgresql:// URL' }),
    ),
    /** `0` keeps no history database (GET /history/* answers 503 history_disabled). */
    HISTORY: z
      .enum(['0', '1'], { error: 'expected 0 or 1' })
      .default('1')
      .transform((v) => v === '1'),
    /** History older than this many days is deleted (in batches, hourly). */
    HISTORY_DAYS: z.coerce
      .number({ error: 'expected a number of days' })
      .int({ error: 'expected a whole number of days' })
      .min(1, { error: 'expected at least 1 day' })
      .max(3650, { error: 'expected at most 3650 days' })
      .default(30),
    /** Extra alias files (JSON, aliasFileSchema), comma-separated, loaded after the built-in ones. */
    ALIAS_FILES: envList(),
    LOG_LEVEL: z.string().default('info'),
    /** Largest /ws message, in bytes; a larger one closes the connection with 1009. */
    MAX_MESSAGE_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(4 * 1024 * 1024),
    /** How often stale quotes and silent workers are swept, and open arbitrages' flags worked out again (ms). */
    SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
    /**
     * An open arbitrage's new figures reach /stream at most this often (ms), at the latest
     * prices; opens and closes go at once. 0 sends every change.
     */
    STREAM_UPDATE_MS: z.coerce.number().int().min(0).max(10_000).default(250),
    /** `1` lets an arbitrage take two legs at one book; by default every leg is at a different book. */
    ARB_SAME_BOOK: envFlag(),
    /** An arbitrage above this profit (percent) is flagged `high_profit`. */
    ARB_SUSPICIOUS_PCT: z.coerce
      .number({ error: 'expected a number (percent)' })
      .positive({ error: 'expected a percentage > 0' })
      .default(10),
  })
  .superRefine((config, ctx) => {
    if (config.HUB_ROLE !== 'all' && !config.REDIS_URL)
      ctx.addIssue({
        code: 'custom',
        path: ['REDIS_URL'],
        message: `required when HUB_ROLE=${config.HUB_ROLE} (the log and the results live in Redis)`,
      });
    if (config.NODE_ENV !== 'production' || config.HUB_ROLE === 'engine') return;
    for (const name of ['WORKER_TOKEN', 'API_TOKEN'] as const)
      if (!config[name])
        ctx.addIssue({ code: 'custom', path: [name], message: 'required when NODE_ENV=production' });
  });
export type Config = z.output<typeof configSchema>;

/** Reads the settings; a bad or missing value throws naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  return parse(configSchema, env, 'hub settings');
}
