// The alerter's settings, from the environment (README.md lists them).
import { envFlag, envList, envOptional, parse } from '@arbhub/schema';
import { z } from 'zod';

/** Books and sports: a comma-separated list, lower-cased. */
const list = envList({ lowercase: true });

export const configSchema = z
  .object({
    /** The hub whose /stream is followed (http or https; /stream is derived). */
    HUB_URL: z.url({ error: 'expected an http(s) URL' }).default('http://127.0.0.1:8000'),
    /** The hub's API token, when it has one (sent as Authorization: Bearer on /stream); also guards /alerts here. */
    API_TOKEN: envOptional(z.string().min(16, { error: 'API_TOKEN must be at least 16 characters' })),
    ALERTER_HOST: z.string().min(1).default('127.0.0.1'),
    ALERTER_PORT: z.coerce.number().int().min(0).max(65535).default(8010),
    /** With it: BullMQ queues, dedup keys and the delivery log in Redis, shared by every alerter. */
    REDIS_URL: envOptional(z.string()),
    /** Only arbitrage at or above this profit (percent). */
    ALERT_MIN_PROFIT: z.coerce.number({ error: 'expected a number (percent)' }).min(0).default(0.5),
    /** Only these sports (comma-separated); empty: every sport. */
    ALERT_SPORTS: list,
    /** Only arbitrage whose every leg is at one of these books; empty: every book. */
    ALERT_BOOKS: list,
    /** `1` alerts the close of an arbitrage that was alerted open. */
    ALERT_ON_CLOSE: envFlag(),
    /** `1` alerts flagged arbitrage too (by default a flagged one is not alerted). */
    ALERT_INCLUDE_FLAGGED: envFlag(),
    /** The money the stakes in an alert are worked out for, and the unit they are rounded to. */
    ALERT_BANKROLL: z.coerce.number().positive().max(1e9).default(1000),
    ALERT_ROUND: z.coerce.number().positive().max(1e6).default(1),
    /** The same opportunity is not alerted again within this many seconds... */
    ALERT_DEDUP_TTL_S: z.coerce
      .number()
      .int()
      .min(1)
      .max(30 * 86_400)
      .default(7200),
    /** ...unless its profit rose by at least this many percentage points since it was alerted. */
    ALERT_REALERT_GAIN: z.coerce.number().min(0).default(0.5),
    TELEGRAM_BOT_TOKEN: envOptional(z.string().min(1)),
    TELEGRAM_CHAT_ID: envOptional(z.string().min(1)),
    TELEGRAM_API_URL: z.url({ error: 'expected an http(s) URL' }).default('https://api.telegram.org'),
    ALERT_WEBHOOK_URL: envOptional(z.url({ error: 'expected an http(s) URL' })),
    /** The HMAC-SHA256 key of X-Arbhub-Signature. */
    ALERT_WEBHOOK_SECRET: envOptional(
      z.string().min(16, { error: 'ALERT_WEBHOOK_SECRET must be at least 16 characters' }),
    ),
    /** Where an alert's link points (the dashboard); default HUB_URL. */
    DASHBOARD_URL: envOptional(z.url({ error: 'expected an http(s) URL' })),
    /** BullMQ's lock on a job being sent (ms): an alerter killed mid-send frees its job after this. */
    ALERT_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
    LOG_LEVEL: z.string().default('info'),
    NODE_ENV: z.string().default('development'),
  })
  .superRefine((config, ctx) => {
    if (!config.ALERT_WEBHOOK_URL && !config.TELEGRAM_BOT_TOKEN)
      ctx.addIssue({
        code: 'custom',
        path: ['ALERT_WEBHOOK_URL'],
        message:
          'no channel: set ALERT_WEBHOOK_URL (and ALERT_WEBHOOK_SECRET), or TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID',
      });
    if (config.TELEGRAM_BOT_TOKEN && !config.TELEGRAM_CHAT_ID)
      ctx.addIssue({
        code: 'custom',
        path: ['TELEGRAM_CHAT_ID'],
        message: 'required with TELEGRAM_BOT_TOKEN',
      });
    // Outside production a missing secret is made up for the run (main.ts warns): alerts
    // still go out signed, but no receiver can check them until one is set.
    if (config.ALERT_WEBHOOK_URL && !config.ALERT_WEBHOOK_SECRET && config.NODE_ENV === 'production')
      ctx.addIssue({
        code: 'custom',
        path: ['ALERT_WEBHOOK_SECRET'],
        message:
          'required with ALERT_WEBHOOK_URL when NODE_ENV=production (the receiver checks X-Arbhub-Signature with it)',
      });
  });
export type Config = z.output<typeof configSchema>;

/** Reads the settings; a bad or missing value throws naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  return parse(configSchema, env, 'alerter settings');
}
