// The simulator's settings, from the environment (names in docs/system.md).
import { parse } from '@arbhub/schema';
import { z } from 'zod';

const accountsSchema = z.string().transform((text, ctx) => {
  const pairs = text
    .split(',')
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '');
  const accounts = pairs.map((pair) => {
    const at = pair.indexOf(':');
    return at > 0 ? { user: pair.slice(0, at), password: pair.slice(at + 1) } : undefined;
  });
  if (accounts.length === 0 || accounts.some((a) => a === undefined || a.password === '')) {
    ctx.addIssue({ code: 'custom', message: 'expected user:pass pairs, comma separated' });
    return z.NEVER;
  }
  return accounts as { user: string; password: string }[];
});

export const configSchema = z.object({
  SIMBOOK_PORT: z.coerce.number().int().min(0).max(65535).default(7001),
  /** Where the simulator listens: loopback by default; 0.0.0.0 (every interface) is an explicit choice. */
  SIMBOOK_HOST: z.string().min(1).default('127.0.0.1'),
  /** One seed, the same fixtures and prices. */
  SIM_SEED: z.coerce.number().int().default(42),
  /** How many fixtures the books list between them. */
  SIM_FIXTURES: z.coerce.number().int().min(1).max(100_000).default(20),
  /** Milliseconds between odds-engine ticks. */
  SIM_TICK_MS: z.coerce.number().int().min(10).default(1000),
  /** Planted arbitrages opened per minute, on average. */
  SIM_ARB_RATE: z.coerce.number().min(0).default(2),
  /** The share of planted arbitrage that is a palpable error (a price far off the market). */
  SIM_PALPABLE_SHARE: z.coerce.number().min(0).max(1).default(0.04),
  /** Lifetime of a book login session. */
  SIM_SESSION_TTL_MS: z.coerce.number().int().min(1000).default(600_000),
  SIM_ACCOUNTS: accountsSchema.prefault('demo1:demo1,demo2:demo2,demo3:demo3'),
  /** 1: serve /truth/* (tests and benchmarks only). */
  SIM_TRUTH: z
    .enum(['0', '1'])
    .default('0')
    .transform((v) => v === '1'),
  /** The STOMP heart-beat bmk offers, in ms. */
  SIM_HEARTBEAT_MS: z.coerce.number().int().min(100).default(20_000),
  /** How long the `slow` fault holds each answer, in ms. */
  SIM_SLOW_MS: z.coerce.number().int().min(0).default(3000),
  /** Requests per session per 10 s before 429. */
  SIM_RATE_LIMIT: z.coerce.number().int().min(1).default(100),
  /** ibc accounts whose odds type is HK to begin with (comma separated; the rest see malay). */
  SIM_IBC_HK_ACCOUNTS: z
    .string()
    .default('')
    .transform((text) =>
      text
        .split(',')
        .map((user) => user.trim())
        .filter((user) => user !== ''),
    ),
  LOG_LEVEL: z.string().default('info'),
});
export type Config = z.output<typeof configSchema>;

/** Reads the settings; a bad value throws a SchemaError naming the variable and the rule, in one line. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  return parse(configSchema, env, 'simbook settings');
}
