import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Every variable docs/system.md names (the per-book ones for each book).
const BOOKS = ['CSPORT', 'SBO', 'BMK', 'PIN'];
const VARIABLES = [
  // the hub's own settings beyond system.md
  'HEARTBEAT_MS',
  'MAX_MESSAGE_BYTES',
  // the simulator's own knobs beyond system.md
  'SIMBOOK_HOST',
  'SIM_RATE_LIMIT',
  'SIM_HEARTBEAT_MS',
  'SIM_SLOW_MS',
  'HUB_HOST',
  'HUB_PORT',
  'WORKER_TOKEN',
  // who may read (API_TOKEN and the limits)
  'API_TOKEN',
  'METRICS_TOKEN',
  'SESSION_TTL_S',
  'TRUST_PROXY',
  'MAX_STREAM_CLIENTS',
  'MAX_STREAM_CLIENTS_PER_IP',
  'REGISTER_TIMEOUT_MS',
  'RATE_LIMIT_MAX',
  'RATE_LIMIT_WINDOW_MS',
  'NODE_ENV',
  'HUB_WS_URL',
  'REDIS_URL',
  'SESSION_SECRET',
  'SITE',
  'WORKER_ID',
  'CHROMIUM_PATH',
  'STALE_AFTER_MS',
  'SIMBOOK_PORT',
  'SIM_SEED',
  'SIM_FIXTURES',
  'SIM_TICK_MS',
  'SIM_ARB_RATE',
  'SIM_SESSION_TTL_MS',
  'SIM_ACCOUNTS',
  'SIM_TRUTH',
  'LOG_LEVEL',
  ...BOOKS.flatMap((book) => [`${book}_BASE_URL`, `${book}_USERNAME`, `${book}_PASSWORD`]),
];

const lines = readFileSync(new URL('../.env.example', import.meta.url), 'utf8').split('\n');
/** name → index of its line, set (`NAME=`) or commented out (`# NAME=`). */
const defined = new Map(
  lines.flatMap((line, index) => {
    const match = /^(?:# )?([A-Z][A-Z0-9_]*)=/.exec(line);
    return match ? [[match[1], index]] : [];
  }),
);

describe('.env.example', () => {
  it.each(VARIABLES)('lists %s', (name) => {
    expect(defined.has(name)).toBe(true);
  });

  it('puts a comment line above every variable', () => {
    for (const [name, index] of defined) {
      const above = lines[index - 1] ?? '';
      expect(above.startsWith('# ') && !/^# [A-Z][A-Z0-9_]*=/.test(above), `comment above ${name}`).toBe(
        true,
      );
    }
  });

  it('holds no real secret: secrets are placeholders', () => {
    for (const line of lines.filter((l) => /(TOKEN|SECRET|REDIS_PASSWORD)=/.test(l))) {
      expect(line).toMatch(/change-me/);
    }
  });
});
