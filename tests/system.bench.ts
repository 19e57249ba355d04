// Benchmark: the whole system as `npm start` runs it (in-memory sessions, one worker per
// book) against the simulator's truth, for BENCH_SECONDS (default 120): start-up time,
// event matching precision and recall, planted arbitrage found and the detection latency
// (planted opening → arb:open on /stream), reports not confirmed on the books' prices, and
// each process's resident memory. Writes bench/results/system.json.
//   node --import tsx --conditions=@arbhub/source tests/system.bench.ts   (npm run bench runs it)
import { readFileSync } from 'node:fs';
import { observeStream, recordPrices, sleep, startSystem } from './system.js';
import { quantile, writeResult } from '../bench/util.js';
import { arbScore, matchingScore } from './truth.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 120);

const rssMb = (pid: number) => {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return Math.round((Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) / 1024) * 10) / 10;
  } catch {
    return NaN;
  }
};

const started = Date.now();
const system = await startSystem(
  { SIM_TRUTH: '1', SIM_SEED: '11', SIM_FIXTURES: '20', SIM_ARB_RATE: '10' },
  90_000,
);
const startupMs = Date.now() - started;
const stream = observeStream(system.hub);
const prices = recordPrices(system.simbook);
try {
  await sleep(5000);
  const from = Date.now();
  const rss = new Map<string, number[]>();
  for (let s = 0; s < SECONDS; s += 5) {
    await sleep(5000);
    for (const [name, pid] of system.pids()) rss.set(name, [...(rss.get(name) ?? []), rssMb(pid)]);
  }
  const end = Date.now();
  const matching = await matchingScore(system.hub, system.simbook);
  const arbs = await arbScore(system.simbook, stream.seen, prices, from, end);
  const median = (xs: number[]) =>
    quantile(
      [...xs].sort((a, b) => a - b),
      0.5,
    );
  const result = {
    what: 'npm start (simulator, hub, one worker per book, in-memory sessions) with SIM_TRUTH=1, 20 fixtures, 10 planted arbitrages a minute',
    observedSeconds: Math.round((end - from) / 1000),
    startupToEveryBookMs: startupMs,
    matching,
    arbitrage: {
      planted: arbs.planted,
      found: arbs.found,
      recall: arbs.recall,
      reported: arbs.reported,
      unconfirmed: arbs.unconfirmed.length,
      detectionLatencyMs: {
        p50: quantile(arbs.latencies, 0.5),
        p99: quantile(arbs.latencies, 0.99),
        max: arbs.latencies.at(-1),
      },
    },
    medianRssMb: Object.fromEntries([...rss].map(([name, xs]) => [name, median(xs)])),
    note: 'processes run from TypeScript through tsx, as npm start runs them (the compiled worker alone: apps/worker bench)',
  };
  console.log(JSON.stringify(writeResult('system', result), null, 2));
} finally {
  stream.close();
  prices.stop();
  await system.stop();
}
