// Benchmark: the scale-out (HUB_ROLE=gateway | engine on Redis Streams) with 1, 2 and 4
// engine processes in one run. Real processes throughout: a redis-server, one gateway and
// N engines (src/main.ts, as `npm run hub` runs them), the senders (bench/senders.ts) on
// the gateway's /ws. Per N, measured from outside:
// - quote updates/s: the quotes the senders sent at full speed, over the time from the
//   first of them until the engines had applied everything (the log drained);
// - each engine's share of the quotes applied (the routing and the leases should give
//   each 1/N);
// - CPU time (user + system, /proc/<pid>/stat) per quote of each engine, the gateway and
//   Redis: on a machine of 2 cores the processes share the cores, so throughput cannot
//   grow with N here, but the CPU an engine spends per quote should stay flat as its
//   shards are spread over more engines;
// - p50/p99 from a planted arbitrage's message leaving a worker to its arb:open on the
//   gateway's /stream, every deployment at the same rate: half what the first (1 engine)
//   took saturated.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { startRedisServer } from '@arbhub/session/testing';
import { quantile, round, writeResult } from '../../../bench/util.js';
import { startHub } from '../src/testing/processes.js';
import type { HubProcess } from '../src/testing/processes.js';
import { redisCeiling } from './redis-ceiling.js';
import { now, plantLatencies, senders, watchPlants } from './run-senders.js';

const BOOKS = 4;
/** 512 events, a kickoff every 15 minutes: 64 two-hour buckets, 4 on each of the 16 shards. */
const EVENTS = Number(process.env.BENCH_EVENTS ?? 512);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SHARDS = 16;
const ENGINE_COUNTS = (process.env.BENCH_ENGINES ?? '1,2,4').split(',').map(Number);
/** BENCH_SCALE_HISTORY=1: the engines write the history (SQLite under a temporary DATA_DIR), as `HUB_ENGINES=n npm start` runs them. */
const HISTORY = process.env.BENCH_SCALE_HISTORY === '1';
const load = { books: BOOKS, events: EVENTS, seconds: SECONDS };
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());

/** CPU time (ms, user + system) a process has used so far. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid.toString()}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

interface EngineHealth {
  shards: number[];
  entries: number;
  quotes: number;
  /** Arbitrage changes published. */
  published: number;
  /** Shards rebuilt from the log (the last 20): the first takes, and any take-over since. */
  rebuilds: { shard: number; entries: number; ms: number }[];
  history?: { written?: { changes: number; prices: number }; buffered?: number };
}

async function health(hub: HubProcess): Promise<EngineHealth> {
  return (await (await fetch(`${hub.url}/health`)).json()) as EngineHealth;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `ok` holds; throws after `ms`. */
async function until(what: string, ok: () => Promise<boolean>, ms = 60_000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) if (await ok()) return;
  throw new Error(`scale bench: ${what} within ${ms.toString()} ms`);
}

/**
 * Waits until the engines have applied everything the gateway wrote: their entry count
 * unchanged for a second. Resolves with when that count was first seen.
 */
async function drained(engines: HubProcess[]): Promise<number> {
  let last = -1;
  let since = now();
  for (;;) {
    const entries = (await Promise.all(engines.map(health))).reduce((sum, h) => sum + h.entries, 0);
    if (entries !== last) {
      last = entries;
      since = now();
    } else if (now() - since > 1000) return since;
    await sleep(50);
  }
}

/** A gauge of a hub's /metrics. */
async function metric(hub: HubProcess, name: string): Promise<number> {
  const text = await (await fetch(`${hub.url}/metrics`)).text();
  return Number(
    text
      .split('\n')
      .find((line) => line.startsWith(`${name} `))
      ?.split(' ')[1],
  );
}

/** Waits until the gateway's copy of the arbitrage has caught up with the engines' changes. */
async function caughtUp(gateway: HubProcess): Promise<void> {
  for (let behind = 0; behind < 3; await sleep(50))
    behind = (await metric(gateway, 'arbhub_changes_lag_ms')) === 0 ? behind + 1 : 0;
}

/**
 * One deployment of `engineCount` engines. `pacedQuotesPerSecond`: the rate of the latency
 * phase (by default half of what this deployment took saturated).
 */
async function measure(engineCount: number, pacedQuotesPerSecond?: number) {
  const redisServer = await startRedisServer();
  const redis = new Redis(redisServer.url);
  const redisPid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1]);
  const dataDir = mkdtempSync(join(tmpdir(), 'arbhub-scale-bench-'));
  const env = {
    HISTORY: HISTORY ? '1' : '0',
    DATA_DIR: dataDir,
    REDIS_URL: redisServer.url,
    ENGINE_SHARDS: SHARDS.toString(),
    ENGINE_LEASE_MS: '3000',
    STALE_AFTER_MS: '60000',
    HEARTBEAT_MS: '10000',
    MAX_MESSAGE_BYTES: String(16 << 20),
  };
  const [gateway, engines] = await Promise.all([
    startHub('gateway', { ...env, HUB_ROLE: 'gateway' }),
    Promise.all(
      Array.from({ length: engineCount }, (_, i) =>
        startHub(`engine-${(i + 1).toString()}`, {
          ...env,
          HUB_ROLE: 'engine',
          ENGINE_ID: `engine-${(i + 1).toString()}`,
        }),
      ),
    ),
  ]);
  try {
    // Each engine holds its fair share, and together all shards.
    await until(
      `${engineCount.toString()} engines did not share the ${SHARDS.toString()} shards`,
      async () => {
        const held = (await Promise.all(engines.map(health))).map((h) => h.shards);
        return held.flat().length === SHARDS && held.every((s) => s.length === SHARDS / engineCount);
      },
    );
    const opened = new Map<string, number>();
    let stream = await watchPlants(gateway.url, opened);
    const pids = {
      gateway: gateway.proc.pid ?? 0,
      redis: redisPid,
      engines: engines.map((e) => e.proc.pid ?? 0),
    };
    const cpu = () => ({
      gateway: cpuMs(pids.gateway),
      redis: cpuMs(pids.redis),
      engines: pids.engines.map(cpuMs),
    });

    // Saturated: the senders as fast as the sockets take their messages.
    let startedAt = 0;
    let idleMsPerSecond: number[] = [];
    let before = { cpu: cpu(), quotes: [] as number[], entries: 0, rebuilds: 0, published: 0 };
    const published = async () =>
      (await Promise.all(engines.map(health))).reduce((n, h) => n + h.published, 0);
    const rebuilds = async () =>
      (await Promise.all(engines.map(health))).reduce((n, h) => n + h.rebuilds.length, 0);
    const summary = await senders({
      ...load,
      url: `${gateway.url.replace('http', 'ws')}/ws`,
      mode: 'hub',
      onReady: () => {
        startedAt = now();
      },
      settled: async () => {
        await drained(engines);
        await caughtUp(gateway);
        // What an engine spends with its shards full and nothing coming in (lease beats,
        // views, reconciles): its CPU over 3 idle seconds, the fixed cost, told apart from the
        // cost per quote.
        const idleFrom = { at: now(), cpu: cpu() };
        await sleep(3000);
        const idleTo = { at: now(), cpu: cpu() };
        idleMsPerSecond = pids.engines.map(
          (_, i) =>
            (((idleTo.cpu.engines[i] ?? 0) - (idleFrom.cpu.engines[i] ?? 0)) * 1000) /
            (idleTo.at - idleFrom.at),
        );
        before = {
          cpu: cpu(),
          quotes: (await Promise.all(engines.map(health))).map((h) => h.quotes),
          entries: (await Promise.all(engines.map(health))).reduce((n, h) => n + h.entries, 0),
          rebuilds: await rebuilds(),
          published: await published(),
        };
      },
    });
    const drainedAt = await drained(engines);
    // How long the gateway's copy of the arbitrage took to catch up after the engines had.
    await caughtUp(gateway);
    const changesCaughtUpMs = now() - drainedAt;
    const publishedSaturated = (await published()) - before.published;
    const afterHealth = await Promise.all(engines.map(health));
    const after = { cpu: cpu(), quotes: afterHealth.map((h) => h.quotes) };
    // Log entries (one per shard a message touches) per quote, and their size: what the log carries.
    const entries = afterHealth.reduce((n, h) => n + h.entries, 0) - before.entries;
    const sample = (await redis.xrevrange('arbhub:shard:0', '+', '-', 'COUNT', 500)) as [string, string[]][];
    const entryBytes = mean(sample.map(([, fields]) => (fields[1] ?? '').length));
    const seconds = (drainedAt - startedAt) / 1000;
    const applied = after.quotes.map((q, i) => q - (before.quotes[i] ?? 0));
    const totalApplied = applied.reduce((a, b) => a + b, 0);
    const quotesPerSecond = summary.quotes / seconds;

    // Paced at about half that: the latency of the system's own work, not of a queue.
    stream.close(); // a fresh subscriber for the paced phase
    stream = await watchPlants(gateway.url, opened);
    const quotesPerMessage = summary.quotes / Math.max(1, summary.messages);
    const rate =
      Number(process.env.BENCH_PACED_RATE ?? 0) ||
      Math.max(1, Math.floor((pacedQuotesPerSecond ?? quotesPerSecond * 0.5) / quotesPerMessage / BOOKS));
    const paced = await senders({
      ...load,
      url: `${gateway.url.replace('http', 'ws')}/ws`,
      mode: 'hub',
      rate,
      onReady: () => {
        opened.clear();
      },
      settled: async () => {
        await drained(engines);
        await caughtUp(gateway);
      },
    });
    await drained(engines);
    await sleep(500);
    const latencies = plantLatencies(paced, opened);
    const subscriberDrops = stream.drops;
    // Shards rebuilt while measured: a lease lost under load (none expected).
    const rebuiltWhileMeasured = (await rebuilds()) - before.rebuilds;
    stream.close();
    const perQuote = (ms: number, quotes: number) => round((ms * 1000) / Math.max(1, quotes));
    // What the engines' history writers put in the database over the whole run.
    const written = HISTORY
      ? (await Promise.all(engines.map(health))).reduce(
          (sum, h) => ({
            changes: sum.changes + (h.history?.written?.changes ?? 0),
            prices: sum.prices + (h.history?.written?.prices ?? 0),
            buffered: sum.buffered + (h.history?.buffered ?? 0),
          }),
          { changes: 0, prices: 0, buffered: 0 },
        )
      : undefined;
    return {
      engines: engineCount,
      ...(written ? { historyWritten: written } : {}),
      quotesSent: summary.quotes,
      seconds: round(seconds),
      quotesPerSecond: round(quotesPerSecond),
      quotesApplied: totalApplied,
      // A listing near a bucket boundary is applied by both its shards.
      appliedPerSent: round(totalApplied / Math.max(1, summary.quotes)),
      logEntriesPerQuote: round(entries / Math.max(1, summary.quotes)),
      logEntryBytes: round(entryBytes),
      shareOfQuotes: applied.map((q) => round(q / Math.max(1, totalApplied))),
      shareOfIdeal: applied.map((q) => round((q / Math.max(1, totalApplied)) * engineCount)),
      sharesWithin20Pct: applied.every(
        (q) => Math.abs((q / Math.max(1, totalApplied)) * engineCount - 1) <= 0.2,
      ),
      cpuMicrosecondsPerQuote: {
        engines: applied.map((q, i) =>
          perQuote((after.cpu.engines[i] ?? 0) - (before.cpu.engines[i] ?? 0), q),
        ),
        // The same less the engine's idle cost over the phase: the work each quote adds.
        enginesLessIdle: applied.map((q, i) =>
          perQuote(
            (after.cpu.engines[i] ?? 0) - (before.cpu.engines[i] ?? 0) - (idleMsPerSecond[i] ?? 0) * seconds,
            q,
          ),
        ),
        gateway: perQuote(after.cpu.gateway - before.cpu.gateway, summary.quotes),
        redis: perQuote(after.cpu.redis - before.cpu.redis, summary.quotes),
      },
      engineIdleCpuMsPerSecond: idleMsPerSecond.map(round),
      rebuiltWhileMeasured,
      // Arbitrage changes (open, update, close) the engines published in the saturated phase.
      publishedSaturated,
      changesCaughtUpMs: round(changesCaughtUpMs),
      arbOpenLatencyMs: {
        offeredQuotesPerSecond: round(rate * BOOKS * quotesPerMessage),
        planted: paced.plants.length,
        seen: latencies.length,
        // Times the gateway dropped the /stream subscriber (it fell behind) meanwhile.
        subscriberDrops,
        p50: round(quantile(latencies, 0.5)),
        p99: round(quantile(latencies, 0.99)),
      },
    };
  } finally {
    await Promise.all([gateway, ...engines].map((hub) => hub.kill('SIGTERM')));
    redis.disconnect();
    await redisServer.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const runs = [];
// Every deployment's latency at the same offered rate: half of what the first took saturated.
let pacedQuotesPerSecond: number | undefined;
for (const engineCount of ENGINE_COUNTS) {
  const run = await measure(engineCount, pacedQuotesPerSecond);
  pacedQuotesPerSecond ??= run.quotesPerSecond * 0.5;
  console.log(JSON.stringify(run));
  runs.push(run);
}
// The log's own ceiling, for entries of the size the runs wrote.
const ceiling = await redisCeiling(mean(runs.map((r) => r.logEntryBytes)));
console.log(JSON.stringify({ redisCeiling: ceiling }));
const result = {
  history: HISTORY,
  what: 'the scale-out (1 gateway, N engines, one redis-server, all on this machine) fed by the hub bench senders: quote updates/s through the gateway until the engines had applied all, each engine share of the quotes, CPU time per quote per process, planted-message-to-arb:open latency on the gateway /stream at half that rate',
  machine: { cores: (await import('node:os')).availableParallelism() },
  books: BOOKS,
  eventsPerBook: EVENTS,
  shards: SHARDS,
  seconds: SECONDS,
  runs,
  engineCpuMicrosecondsPerQuote: runs.map((r) => ({
    engines: r.engines,
    mean: round(mean(r.cpuMicrosecondsPerQuote.engines)),
    meanLessIdle: round(mean(r.cpuMicrosecondsPerQuote.enginesLessIdle)),
  })),
  redisXaddPerSecond: {
    what: "redis-benchmark (Redis's own tool) appending entries of the size the gateways wrote, 50 to a round trip, to a fresh redis-server on this machine",
    ...ceiling,
  },
  targets: { shareWithinOfIdeal: 0.2 },
};
console.log(JSON.stringify(writeResult(HISTORY ? 'scale-history' : 'scale', result), null, 2));
