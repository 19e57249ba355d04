// Benchmark: workers (another process, bench/senders.ts) push deltas over loopback
// WebSocket to the real hub process (src/main.ts, as `npm run hub` runs it, measured from
// outside through /metrics and /stream). Measured: quote updates/s the hub accepts, and the latency from a planted
// arbitrage's message leaving a worker to its arb:open (or arb:update) on /stream, with
// deltas that really move prices and only after the hub has taken in the snapshots;
// beside them, the same messages received by a plain WebSocket server that only
// JSON.parses them: the limit.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import { check, workerMessageSchema } from '@arbhub/schema';
import { quantile, round, writeResult } from '../../../bench/util.js';
import {
  freePort,
  now,
  plantLatencies,
  root,
  senders,
  waitForHealth,
  watchPlants,
  withoutSecrets,
} from './run-senders.js';

const here = dirname(fileURLToPath(import.meta.url));
const BOOKS = 4;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const load = { books: BOOKS, events: EVENTS, seconds: SECONDS };

// ---- the limit: receive and JSON.parse only ------------------------------------
/**
 * A plain WebSocket server that only receives and JSON.parses (and with `validate`, also
 * checks each message against the schema, as the hub must): messages/s and quotes/s.
 */
async function receiveOnly(
  validate: boolean,
): Promise<{ messagesPerSecond: number; quotesPerSecond: number }> {
  const plain = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  let plainMessages = 0;
  let counting = false;
  plain.on('connection', (socket) => {
    socket.on('message', (data: Buffer) => {
      const json: unknown = JSON.parse(data.toString());
      if (validate && !check(workerMessageSchema, json).ok) throw new Error('the bench sent a bad message');
      if (counting) plainMessages += 1;
    });
  });
  await new Promise((resolve) => plain.on('listening', resolve));
  const plainPort = (plain.address() as { port: number }).port;
  let plainStart = 0;
  const plainSummary = await senders({
    ...load,
    url: `ws://127.0.0.1:${String(plainPort)}`,
    mode: 'plain',
    onReady: () => {
      counting = true;
      plainStart = now();
    },
  });
  const plainSeconds = (now() - plainStart) / 1000;
  counting = false;
  plain.close();
  quotesPerMessage = plainSummary.quotes / Math.max(1, plainSummary.messages);
  return {
    messagesPerSecond: round(plainMessages / plainSeconds),
    quotesPerSecond: round((plainMessages * quotesPerMessage) / plainSeconds),
  };
}
let quotesPerMessage = 1;
const limit = await receiveOnly(false);
// The same with schema validation: what is left of the limit before the hub does any work of its own.
const validated = await receiveOnly(true);

// ---- the hub -----------------------------------------------------------------------
// Run with the history database (HISTORY=1, SQLite under a temporary DATA_DIR, as `npm
// start` runs it) and without (HISTORY=0), alternately, so both see the same machine.
async function measureHub(history: boolean) {
  // The real hub process, as `npm run hub` starts it (src/main.ts through tsx), measured from
  // outside: its own counters on /metrics, its arbitrage on /stream.
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'arbhub-bench-'));
  const hubProcess = spawn(
    process.execPath,
    [
      // BENCH_HUB_NODE_ARGS: more node flags for the hub, e.g. `--cpu-prof --cpu-prof-dir=prof` to profile it.
      ...(process.env.BENCH_HUB_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== ''),
      '--import',
      'tsx',
      '--conditions=@arbhub/source',
      join(here, '..', 'src', 'main.ts'),
    ],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...withoutSecrets(process.env),
        HUB_HOST: '127.0.0.1',
        HUB_PORT: String(port),
        STALE_AFTER_MS: '60000',
        HEARTBEAT_MS: '10000',
        MAX_MESSAGE_BYTES: String(16 << 20),
        LOG_LEVEL: 'warn',
        DATA_DIR: dataDir,
        HISTORY: history ? '1' : '0',
      },
    },
  );
  const base = `http://127.0.0.1:${String(port)}`;
  await waitForHealth(base);
  async function hubHealth(): Promise<{
    history?: { written?: { changes: number; prices: number }; buffered: number; dropped: number };
  }> {
    return (await (await fetch(`${base}/health`)).json()) as Awaited<ReturnType<typeof hubHealth>>;
  }
  /** Worker messages the hub has applied so far (its own counter): read between phases. */
  async function hubMessages(): Promise<number> {
    const text = await (await fetch(`${base}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith('arbhub_ws_messages_total{type="odds:update"}'));
    return Number(line?.split(' ').at(-1) ?? 0);
  }
  const opened = new Map<string, number>(); // csport event id → when its planted price reached /stream
  const subscribe = () => watchPlants(base, opened);
  /** Resolves once the hub has stopped counting messages: it has worked through its sockets. */
  async function hubIdle(): Promise<void> {
    for (let last = -1, count = await hubMessages(); count !== last; count = await hubMessages()) {
      last = count;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  let stream = await subscribe();
  let hubStart = 0;
  let messagesAtStart = 0;
  const hubSummary = await senders({
    ...load,
    url: `${base.replace('http', 'ws')}/ws`,
    mode: 'hub',
    onReady: () => {
      hubStart = now();
      opened.clear();
    },
    settled: async () => {
      await hubIdle();
      messagesAtStart = await hubMessages();
    },
  });
  // What the hub had applied when the senders stopped, over the time since GO.
  const messagesApplied = (await hubMessages()) - messagesAtStart;
  const hubSeconds = (now() - hubStart) / 1000;
  const bufferedAfterSaturation = (await hubHealth()).history?.buffered ?? 0;
  // Quote updates: the messages the hub applied, at the senders' own quotes per message.
  const accepted = (messagesApplied * (hubSummary.quotes / Math.max(1, hubSummary.messages))) / hubSeconds;
  // Saturated, messages queue up and latency only measures the queue. Measure it again at
  // about half the capacity just found, where it measures the hub's own work.
  // Wait until the hub has worked through what the saturated phase left in its sockets.
  await hubIdle();
  // The saturated phase outran this subscriber, and the hub dropped it (as it should): subscribe again.
  stream.close();
  stream = await subscribe();
  const paced = Math.max(1, Math.floor((accepted * 0.5) / quotesPerMessage / BOOKS));
  const pacedSummary = await senders({
    ...load,
    url: `${base.replace('http', 'ws')}/ws`,
    mode: 'hub',
    onReady: () => {
      opened.clear();
    },
    rate: paced,
    settled: hubIdle,
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const latencies = plantLatencies(pacedSummary, opened);
  stream.close();
  // The history writes behind the hub (a low-priority thread): how long until it has caught up.
  const catchUpFrom = now();
  let health = await hubHealth();
  while ((health.history?.buffered ?? 0) > 0 && now() - catchUpFrom < 120_000) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    health = await hubHealth();
  }
  const historyCatchUpMs = now() - catchUpFrom;
  hubProcess.kill('SIGTERM');
  await new Promise((resolve) => hubProcess.on('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
  return {
    accepted,
    hubSummary,
    pacedSummary,
    paced,
    latencies,
    history: health.history && { ...health.history, bufferedAfterSaturation, catchUpMs: historyCatchUpMs },
  };
}
const runs = {
  off: [] as Awaited<ReturnType<typeof measureHub>>[],
  on: [] as Awaited<ReturnType<typeof measureHub>>[],
};
for (let round = 0; round < Number(process.env.BENCH_HUB_ROUNDS ?? 2); round += 1) {
  runs.off.push(await measureHub(false));
  runs.on.push(await measureHub(true));
}
const best = (list: Awaited<ReturnType<typeof measureHub>>[]) =>
  list.reduce((a, b) => (b.accepted > a.accepted ? b : a));
const { accepted, hubSummary, pacedSummary, paced, latencies } = best(runs.on);
const withoutHistory = best(runs.off);

const result = {
  what: 'quote updates/s the hub accepts from workers over loopback, and planted-message-to-/stream latency (deltas move every price they carry), beside receive+JSON.parse only (the limit) and receive+JSON.parse+schema validation',
  books: BOOKS,
  eventsPerBook: EVENTS,
  seconds: SECONDS,
  limit,
  receiveParseValidate: {
    ...validated,
    shareOfLimit: round(validated.quotesPerSecond / limit.quotesPerSecond),
  },
  history: {
    what: 'the same hub with its history database (HISTORY=1, SQLite) and without (HISTORY=0), alternately; best round of each',
    rounds: runs.on.length,
    acceptedWithout: round(withoutHistory.accepted),
    acceptedWith: round(accepted),
    eachRoundWithout: runs.off.map((r) => round(r.accepted)),
    eachRoundWith: runs.on.map((r) => round(r.accepted)),
    throughputChange: round(accepted / withoutHistory.accepted - 1),
    p99MsWithout: round(quantile(withoutHistory.latencies, 0.99)),
    rowsWrittenEachRound: runs.on.map((r) => r.history?.written),
    // Rows waiting when the saturated phase ended, dropped (the bounded buffer), and the
    // time the write thread took to catch up after the round's last phase.
    bufferedAfterSaturationEachRound: runs.on.map((r) => r.history?.bufferedAfterSaturation),
    droppedEachRound: runs.on.map((r) => r.history?.dropped),
    catchUpMsEachRound: runs.on.map((r) => r.history && round(r.history.catchUpMs)),
  },
  hub: {
    acceptedQuoteUpdatesPerSecond: round(accepted),
    shareOfLimit: round(accepted / limit.quotesPerSecond),
    saturatedPlantsSeen: hubSummary.plants.length,
    arbOpenLatencyMs: {
      offeredQuotesPerSecond: round(paced * BOOKS * quotesPerMessage),
      planted: pacedSummary.plants.length,
      seen: latencies.length,
      p50: round(quantile(latencies, 0.5)),
      p99: round(quantile(latencies, 0.99)),
    },
  },
  targets: { shareOfLimit: 0.5, acceptedQuoteUpdatesPerSecond: 20_000, p99Ms: 20 },
};
console.log(JSON.stringify(writeResult('hub', result), null, 2));
