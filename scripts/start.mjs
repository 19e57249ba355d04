#!/usr/bin/env node
// `npm start`: the whole local system in one command. Starts the sportsbook simulator,
// the hub and one worker per book (WORKERS_PER_BOOK per book with REDIS_URL) as child
// processes, prefixes their logs with the process's name, waits until the hub's /health
// is ok, prints the dashboard and API addresses, restarts a process that dies (with a
// growing delay), and stops everything on Ctrl-C or SIGTERM.
//
// Settings come from the environment, then from `.env` in the repository root if there
// is one (the environment wins). Beyond the apps' own variables (.env.example):
//   WORKERS_PER_BOOK  workers per book (default 1; more than 1 needs REDIS_URL)
//   <BOOK>_WORKERS    workers for one book (CSPORT_WORKERS=2), instead of WORKERS_PER_BOOK
//   BOOKS             the books to run workers for (default csport,sbo,bmk,pin,ibc,cmd)
//   LOG_FORMAT        pretty (default) or json (one JSON line per log, with "proc")
//   SIMBOOK_LOG_LEVEL the simulator's log level (default warn: it logs every request at info)
//   HUB_ENGINES       scale-out on this machine (needs REDIS_URL): two gateways (HUB_PORT and
//                     HUB_PORT+1) and this many engines (/health on HUB_PORT+10...) instead of
//                     the single hub; the workers get both gateways in HUB_WS_URL
// With ALERT_WEBHOOK_URL or TELEGRAM_BOT_TOKEN set it also runs the alerter (apps/alerter).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { prettyFactory } from 'pino-pretty';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const BOOKS = ['csport', 'sbo', 'bmk', 'pin', 'ibc', 'cmd'];

function integer(env, name, fallback, min, max) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  return value;
}

/** The address to reach a server on that listens on `host` (all interfaces → loopback). */
function reachable(host) {
  return !host || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
}

/**
 * What `npm start` runs for these settings: each process's name, app and the settings it
 * gets on top of the environment. Throws an Error saying what to change for bad settings.
 */
export function plan(env) {
  const hubPort = integer(env, 'HUB_PORT', 8000, 1, 65535);
  const simPort = integer(env, 'SIMBOOK_PORT', 7001, 1, 65535);
  const perBook = integer(env, 'WORKERS_PER_BOOK', 1, 1, 64);
  const books = (env.BOOKS ?? BOOKS.join(','))
    .split(',')
    .map((book) => book.trim().toLowerCase())
    .filter(Boolean);
  const unknown = books.filter((book) => !BOOKS.includes(book));
  if (unknown.length > 0)
    throw new Error(`BOOKS: unknown book ${unknown.join(', ')}; known: ${BOOKS.join(', ')}`);
  const counts = new Map();
  for (const book of books) {
    const own = `${book.toUpperCase()}_WORKERS`;
    const name = env[own] ? own : 'WORKERS_PER_BOOK';
    const count = env[own] ? integer(env, own, 1, 1, 64) : perBook;
    if (count > 1 && !env.REDIS_URL)
      throw new Error(
        `${name}=${count} needs REDIS_URL: the workers of one account share its login ` +
          'through Redis (in-memory sessions live inside one process, so each worker would log in ' +
          `on its own and the book would throw the others out). Set REDIS_URL=redis://..., or ${name}=1.`,
      );
    counts.set(book, count);
  }
  // Loopback unless asked: a local system is nobody else's to read.
  const hubHost = env.HUB_HOST || '127.0.0.1';
  const simHost = env.SIMBOOK_HOST || '127.0.0.1';
  const hub = `http://${reachable(hubHost)}:${hubPort}`;
  const simbook = `http://${reachable(simHost)}:${simPort}`;
  const engines = integer(env, 'HUB_ENGINES', 0, 0, 64);
  if (engines > 0 && !env.REDIS_URL)
    throw new Error(
      `HUB_ENGINES=${engines} needs REDIS_URL: the gateways and engines meet in Redis (its streams ` +
        'carry the odds, its keys the results). Start a redis-server and set REDIS_URL=redis://127.0.0.1:6379, or HUB_ENGINES=0.',
    );
  const second = `http://${reachable(hubHost)}:${hubPort + 1}`;
  const hubWs =
    env.HUB_WS_URL ??
    (engines > 0
      ? [hub, second].map((url) => `${url.replace(/^http/, 'ws')}/ws`).join(',')
      : `${hub.replace(/^http/, 'ws')}/ws`);
  const hubEnv = { HUB_HOST: hubHost, HUB_PORT: String(hubPort) };
  const hubs =
    engines > 0
      ? [
          { name: 'hub', app: 'hub', env: { ...hubEnv, HUB_ROLE: 'gateway' } },
          {
            name: 'hub-2',
            app: 'hub',
            env: { ...hubEnv, HUB_PORT: String(hubPort + 1), HUB_ROLE: 'gateway' },
          },
          ...Array.from({ length: engines }, (_, i) => ({
            name: `engine-${i + 1}`,
            app: 'hub',
            env: {
              HUB_HOST: hubHost,
              HUB_PORT: String(hubPort + 10 + i),
              HUB_ROLE: 'engine',
              ENGINE_ID: `engine-${i + 1}`,
            },
          })),
        ]
      : [{ name: 'hub', app: 'hub', env: hubEnv }];
  // The alerter runs when a channel is configured (a webhook, or Telegram).
  const alerts = Boolean(env.ALERT_WEBHOOK_URL || env.TELEGRAM_BOT_TOKEN);
  const alerterPort = integer(env, 'ALERTER_PORT', 8010, 1, 65535);
  const alerter = `http://${reachable(env.ALERTER_HOST || '127.0.0.1')}:${alerterPort}`;
  const workers = books.flatMap((book) =>
    Array.from({ length: counts.get(book) ?? 1 }, (_, i) => {
      const prefix = book.toUpperCase();
      return {
        name: `${book}-${i + 1}`,
        app: 'worker',
        book,
        env: {
          SITE: book,
          WORKER_ID: `${book}-${i + 1}`,
          HUB_WS_URL: hubWs,
          [`${prefix}_BASE_URL`]: env[`${prefix}_BASE_URL`] ?? `${simbook}/${book}`,
        },
      };
    }),
  );
  return {
    hub,
    simbook,
    books,
    hubHost,
    simHost,
    alerter: alerts ? alerter : undefined,
    processes: [
      {
        name: 'simbook',
        app: 'simbook',
        // The simulator logs every request it answers at info: quiet unless asked.
        env: {
          SIMBOOK_HOST: simHost,
          SIMBOOK_PORT: String(simPort),
          LOG_LEVEL: env.SIMBOOK_LOG_LEVEL ?? 'warn',
        },
      },
      ...hubs.map((proc) =>
        alerts && proc.env.HUB_ROLE !== 'engine'
          ? { ...proc, env: { ...proc.env, ALERTER_URL: alerter } }
          : proc,
      ),
      ...(alerts
        ? [
            {
              name: 'alerter',
              app: 'alerter',
              env: {
                HUB_URL: hub,
                ALERTER_HOST: env.ALERTER_HOST || '127.0.0.1',
                ALERTER_PORT: String(alerterPort),
              },
            },
          ]
        : []),
      ...workers,
    ],
  };
}

/** Formats one line of a child's output: pino JSON pretty-printed (or tagged, for LOG_FORMAT=json), anything else as is. */
export function lineFormatter(format, colorize) {
  const pretty = prettyFactory({
    colorize,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,app',
    // Workers log `error` as a message string: keep it on the line.
    errorLikeObjectKeys: ['err'],
  });
  return (name, line) => {
    let record;
    if (line.startsWith('{')) {
      try {
        record = JSON.parse(line);
      } catch {
        record = undefined;
      }
    }
    const isLog = record !== null && typeof record === 'object' && 'level' in record;
    if (format === 'json')
      return isLog ? JSON.stringify({ proc: name, ...record }) : JSON.stringify({ proc: name, line });
    const text = isLog ? pretty(record).trimEnd() : line;
    return text
      .split('\n')
      .map((part) => `${name.padEnd(9)} | ${part}`)
      .join('\n');
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function getJson(url, headers = {}) {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(2000) });
  return { status: response.status, body: await response.json() };
}

async function main() {
  const envFile = join(root, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  let setup;
  try {
    setup = plan(process.env);
  } catch (error) {
    console.error(`arbhub: ${error.message}`);
    process.exit(1);
  }
  const format = process.env.LOG_FORMAT === 'json' ? 'json' : 'pretty';
  const say = (message) => {
    console.log(
      format === 'json'
        ? JSON.stringify({ proc: 'start', msg: message })
        : `${'start'.padEnd(9)} | ${message}`,
    );
  };
  const formatLine = lineFormatter(format, Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
  if (existsSync(envFile)) say('settings from the environment, then .env');
  say(
    process.env.REDIS_URL
      ? 'sessions in Redis (REDIS_URL)'
      : 'sessions in memory (set REDIS_URL to share them through Redis)',
  );
  const local = (host) => ['127.0.0.1', '::1', 'localhost'].includes(host);
  say(
    local(setup.hubHost) && local(setup.simHost)
      ? `the hub and the simulator listen on ${setup.hubHost} only: this machine (HUB_HOST=0.0.0.0 and SIMBOOK_HOST=0.0.0.0 open them to the network)`
      : `listening beyond this machine: the hub on ${setup.hubHost}, the simulator on ${setup.simHost}`,
  );
  say(
    process.env.API_TOKEN
      ? 'the API and the dashboard need API_TOKEN (Authorization: Bearer ..., or log in on the dashboard)'
      : 'the API and the dashboard are open to whoever reaches the hub (set API_TOKEN to guard them)',
  );
  // Only the bearer header carries the token; it is never printed.
  const auth = process.env.API_TOKEN ? { authorization: `Bearer ${process.env.API_TOKEN}` } : {};

  let stopping = false;
  const running = new Map();
  const failures = new Map();

  const launch = (proc) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        pathToFileURL(join(root, 'scripts', 'orphan-guard.mjs')).href,
        '--conditions=@arbhub/source',
        join('apps', proc.app, 'src', 'main.ts'),
      ],
      // The IPC channel is only a lifeline: its closing tells the child npm start is gone.
      { cwd: root, env: { ...process.env, ...proc.env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
    );
    const started = Date.now();
    running.set(proc.name, child);
    say(`${proc.name} started (pid ${child.pid})`);
    for (const stream of [child.stdout, child.stderr])
      createInterface({ input: stream }).on('line', (line) => {
        console.log(formatLine(proc.name, line));
      });
    child.on('exit', (code, signal) => {
      running.delete(proc.name);
      if (stopping) return;
      const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
      // A process that keeps dying at start has a problem restarting will not fix.
      const early = Date.now() - started < 5000;
      const count = early ? (failures.get(proc.name) ?? 0) + 1 : 1;
      failures.set(proc.name, count);
      if (early && count >= 3) {
        say(
          `${proc.name} ${how} within 5 s of starting, 3 times in a row: stopping everything (its log is above)`,
        );
        void stop(1);
        return;
      }
      const delay = Math.min(30_000, 1000 * 2 ** (count - 1));
      say(`${proc.name} ${how}; starting it again in ${delay / 1000} s`);
      setTimeout(() => {
        if (!stopping) launch(proc);
      }, delay);
    });
  };

  const stop = async (exitCode) => {
    if (stopping) return;
    stopping = true;
    say('stopping every process');
    const children = [...running.values()];
    for (const child of children) child.kill('SIGTERM');
    const deadline = Date.now() + 10_000;
    while (running.size > 0 && Date.now() < deadline) await sleep(100);
    for (const child of running.values()) child.kill('SIGKILL');
    say(running.size > 0 ? `killed ${running.size} process(es) that did not stop within 10 s` : 'stopped');
    process.exit(exitCode);
  };
  let signals = 0;
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.on(signal, () => {
      signals += 1;
      if (signals > 1) {
        for (const child of running.values()) child.kill('SIGKILL');
        process.exit(1);
      }
      void stop(0);
    });

  // The hub serves the dashboard from apps/hub/dashboard/dist: build it first (well under a second).
  const built = spawnSync(process.execPath, [join(root, 'apps', 'hub', 'dashboard', 'build.mjs')], {
    cwd: root,
    encoding: 'utf8',
  });
  say(
    built.status === 0
      ? built.stdout.trim()
      : `the dashboard did not build (the API works without it): ${built.stderr.trim()}`,
  );

  // The simulator and the hub first; the workers once both answer /health, so that a
  // normal start has no worker retrying a connection the hub is not yet listening for.
  const [servers, workers] = [
    setup.processes.filter((proc) => proc.app !== 'worker'),
    setup.processes.filter((proc) => proc.app === 'worker'),
  ];
  for (const proc of servers) launch(proc);
  const since = Date.now();
  let warned = false;
  for (;;) {
    if (stopping) return;
    const [health, simHealth] = await Promise.all([
      getJson(`${setup.hub}/health`).catch(() => undefined),
      getJson(`${setup.simbook}/health`).catch(() => undefined),
    ]);
    if (health?.status === 200 && health.body.status === 'ok' && simHealth?.status === 200) break;
    if (!warned && Date.now() - since > 60_000) {
      warned = true;
      say(
        `the hub's /health is not ok after 60 s (${health ? JSON.stringify(health.body) : 'no answer'}); still waiting`,
      );
    }
    await sleep(200);
  }
  for (const proc of workers) launch(proc);
  say('arbhub is up');
  say(`  dashboard  ${setup.hub}/${process.env.API_TOKEN ? '  (log in with API_TOKEN)' : ''}`);
  say(`  API        ${setup.hub}/health  /workers  /events  /odds  /arbs  /metrics  (POST /calc)`);
  say(`  stream     ${setup.hub.replace(/^http/, 'ws')}/stream`);
  say(`  simulator  ${setup.simbook}/  (books under /csport /sbo /bmk /pin /ibc /cmd)`);
  if (setup.alerter) say(`  alerts     ${setup.alerter}/alerts  (the dashboard's Alerts panel shows them)`);
  say('Ctrl-C stops everything');
  const reportSince = Date.now();
  warned = false;
  for (;;) {
    if (stopping) return;
    const workers = await getJson(`${setup.hub}/workers`, auth).catch(() => undefined);
    const ok = new Set(
      Array.isArray(workers?.body) ? workers.body.filter((w) => w.state === 'ok').map((w) => w.book) : [],
    );
    const waiting = setup.books.filter((book) => !ok.has(book));
    if (waiting.length === 0) {
      say(`every book reports: ${setup.books.join(', ')}`);
      return;
    }
    if (!warned && Date.now() - reportSince > 60_000) {
      warned = true;
      say(`no worker in state ok after 60 s for: ${waiting.join(', ')} (see ${setup.hub}/workers)`);
    }
    await sleep(1000);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
