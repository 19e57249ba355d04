// Benchmark: the whole system as `npm start` runs it (in-memory sessions, one worker per
// book) against the simulator's truth, for BENCH_SECONDS (default 120): start-up time,
// event matching precision and recall, planted arbitrage found and the detection latency
// (planted opening → arb:open on /stream), reports not confirmed on the books' prices,
// the board a bettor sees (rows of /arbs?group=event against the arbitrage behind them,
// the best profit of each row, the flagged share), and each process's resident memory.
// Writes bench/results/system.json.
//   node --import tsx --conditions=@arbhub/source tests/system.bench.ts   (npm run bench runs it)
import { readFileSync } from 'node:fs';
import { arbGroupsAnswerSchema } from '@arbhub/schema';
import { getChecked, observeStream, recordPrices, sleep, startSystem } from './system.js';
import { quantile, writeResult } from '../bench/util.js';
import { arbScore, perBookFigures, matchingScore } from './truth.js';

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
  { SIM_TRUTH: '1', SIM_SEED: '11', SIM_FIXTURES: '20', SIM_ARB_RATE: '10', SIM_PALPABLE_SHARE: '0.1' },
  90_000,
);
const startupMs = Date.now() - started;
const stream = observeStream(system.hub);
const prices = recordPrices(system.simbook);
try {
  await sleep(5000);
  const from = Date.now();
  const rss = new Map<string, number[]>();
  // The board every 5 s: its rows, the arbitrage behind them, and each row's best profit when first seen.
  const board: { rows: number; arbs: number; flaggedRows: number }[] = [];
  const rowProfit = new Map<string, { profit: number; flagged: boolean }>();
  for (let s = 0; s < SECONDS; s += 5) {
    await sleep(5000);
    for (const [name, pid] of system.pids()) rss.set(name, [...(rss.get(name) ?? []), rssMb(pid)]);
    const groups = await getChecked(`${system.hub}/arbs?group=event`, arbGroupsAnswerSchema).catch(() => []);
    board.push({
      rows: groups.length,
      arbs: groups.reduce((n, g) => n + 1 + g.alternatives.length, 0),
      flaggedRows: groups.filter((g) => g.best.flags.length > 0).length,
    });
    for (const g of groups)
      if (!rowProfit.has(g.best.id))
        rowProfit.set(g.best.id, { profit: g.best.profitPct, flagged: g.best.flags.length > 0 });
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
    what: 'npm start (simulator, hub, one worker for each of the six books, in-memory sessions) with SIM_TRUTH=1, 20 fixtures, 10 planted arbitrages a minute (10% palpable)',
    observedSeconds: Math.round((end - from) / 1000),
    startupToEveryBookMs: startupMs,
    matching,
    arbitrage: {
      planted: arbs.planted,
      found: arbs.found,
      foundUnflagged: arbs.foundClean,
      recall: arbs.recall,
      palpable: arbs.palpable,
      palpableFlaggedOutlier: arbs.palpableOutlier,
      sameBookReports: arbs.sameBook.length,
      plantedProfitPct: {
        p50: quantile(arbs.plantedProfits, 0.5),
        p95: quantile(arbs.plantedProfits, 0.95),
        max: arbs.plantedProfits.at(-1),
      },
      reported: arbs.reported,
      unconfirmed: arbs.unconfirmed.length,
      unconfirmedReports: arbs.unconfirmed.slice(0, 5),
      detectionLatencyMs: {
        p50: quantile(arbs.latencies, 0.5),
        p99: quantile(arbs.latencies, 0.99),
        max: arbs.latencies.at(-1),
      },
      // Lag plants with a leg at each book: found unflagged of planted, and their detection latency.
      perBook: perBookFigures(arbs),
    },
    board: (() => {
      const clean = [...rowProfit.values()]
        .filter((r) => !r.flagged)
        .map((r) => r.profit)
        .sort((a, b) => a - b);
      const sum = (f: (b: (typeof board)[number]) => number) => board.reduce((n, b) => n + f(b), 0);
      return {
        samples: board.length,
        meanRows: sum((b) => b.rows) / board.length,
        meanArbs: sum((b) => b.arbs) / board.length,
        arbsPerRow:
          sum((b) => b.arbs) /
          Math.max(
            1,
            sum((b) => b.rows),
          ),
        flaggedRowShare:
          sum((b) => b.flaggedRows) /
          Math.max(
            1,
            sum((b) => b.rows),
          ),
        cleanBestProfitPct: { rows: clean.length, p50: quantile(clean, 0.5), p95: quantile(clean, 0.95) },
      };
    })(),
    medianRssMb: Object.fromEntries([...rss].map(([name, xs]) => [name, median(xs)])),
    note: 'processes run from TypeScript through tsx, as npm start runs them (the compiled worker alone: apps/worker bench)',
  };
  console.log(JSON.stringify(writeResult('system', result), null, 2));
} finally {
  stream.close();
  prices.stop();
  await system.stop();
}
