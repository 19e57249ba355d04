// Benchmark: the steady-state memory of a csport worker after its login. A simulator
// (SIM_FIXTURES fixtures, ticking every second) and a hub run in this process; the
// worker runs as its own process, compiled (`dist/main.js`, as the Docker image runs it;
// `npm run bench` builds it first; WORKER_NODE_FLAGS adds node flags). After it
// has logged in and sent its snapshot, its RSS is read from /proc every second for
// BENCH_SECONDS, and its child processes are counted (the browser must be gone).
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp as buildHub } from '@arbhub/hub';
import { buildApp as buildSimbook, loadConfig, World } from '@arbhub/simbook';
import { quantile, writeResult } from '../../../bench/util.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const FIXTURES = Number(process.env.SIM_FIXTURES ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);

const world = new World({ seed: 3, fixtures: FIXTURES, arbRate: 2 }, Date);
const simbook = await buildSimbook({ config: loadConfig({ SIM_TRUTH: '1' }), world, clock: Date });
const simBase = await simbook.listen({ port: 0, host: '127.0.0.1' });
const ticker = setInterval(() => {
  world.tick();
}, 1000);
const hub = await buildHub({
  config: { STALE_AFTER_MS: 15_000, HEARTBEAT_MS: 5_000, MAX_MESSAGE_BYTES: 16 << 20 },
});
const hubBase = await hub.listen({ port: 0, host: '127.0.0.1' });

const child = spawn(
  process.execPath,
  [...(process.env.WORKER_NODE_FLAGS ?? '').split(' ').filter(Boolean), join(here, '..', 'dist', 'main.js')],
  {
    cwd: root,
    env: {
      ...process.env,
      SITE: 'csport',
      WORKER_ID: 'csport-rss',
      HUB_WS_URL: `${hubBase.replace('http', 'ws')}/ws`,
      CSPORT_BASE_URL: `${simBase}/csport`,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  },
);
const pid = child.pid ?? 0;
const rssMb = () => {
  const line =
    readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:')) ?? '';
  return Number(/(\d+)/.exec(line)?.[1] ?? 0) / 1024;
};
const children = () => {
  try {
    return execFileSync('pgrep', ['-P', String(pid)])
      .toString()
      .trim()
      .split('\n')
      .filter(Boolean).length;
  } catch {
    return 0;
  }
};

// Logged in and reporting: the hub lists its events.
const started = Date.now();
let peakDuringLogin = 0;
for (;;) {
  peakDuringLogin = Math.max(peakDuringLogin, rssMb());
  const workers = (await (await fetch(`${hubBase}/workers`)).json()) as {
    workerId: string;
    events: number;
  }[];
  if ((workers.find((w) => w.workerId === 'csport-rss')?.events ?? 0) > 0) break;
  if (Date.now() - started > 60_000) throw new Error('the worker did not report within 60 s');
  await new Promise((resolve) => setTimeout(resolve, 250));
}
const readyMs = Date.now() - started;
const samples: number[] = [];
let childProcesses = 0;
for (let s = 0; s < SECONDS; s += 1) {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  samples.push(rssMb());
  childProcesses = Math.max(childProcesses, children());
}
child.kill('SIGTERM');
await new Promise((resolve) => child.on('exit', resolve));
clearInterval(ticker);
await hub.close();
await simbook.close();

const sorted = [...samples].sort((a, b) => a - b);
const tenths = (x: number) => Math.round(x * 10) / 10;
const result = {
  what: 'RSS of a csport worker process after its Chromium login, while it polls and streams; the simulator ticks every second',
  fixtures: FIXTURES,
  csportListings: world.listed('csport').length,
  loginAndFirstSnapshotMs: readyMs,
  peakRssDuringLoginMb: tenths(peakDuringLogin),
  steadyRssMb: { median: tenths(quantile(sorted, 0.5)), max: tenths(sorted.at(-1) ?? 0) },
  childProcessesAfterLogin: childProcesses,
  target: { steadyRssMb: 150 },
};
console.log(JSON.stringify(writeResult('worker-rss', result), null, 2));
