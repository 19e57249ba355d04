// Benchmark: the simulator at 10,000 fixtures x 4 books. How long a tick takes against
// its SIM_TICK_MS of 1000 (one core), and the requests/s the csport odds endpoint
// sustains over loopback, for change requests (t) and full loads (fc=1), while ticking.
import { round, writeResult } from '../../../bench/util.js';
import { buildApp } from '../src/app.js';
import { pageHash } from '../src/books/csport.js';
import { loadConfig } from '../src/config.js';
import { BOOKS } from '../src/world/teams.js';
import { World } from '../src/world/world.js';

const FIXTURES = Number(process.env.BENCH_FIXTURES ?? 10_000);
const TICKS = 20;

const buildStart = performance.now();
const world = new World({ seed: 42, fixtures: FIXTURES, arbRate: 2 }, Date);
const buildMs = performance.now() - buildStart;
const listings = Object.fromEntries(BOOKS.map((book) => [book, world.listed(book).length]));

const tickMs: number[] = [];
for (let i = 0; i < TICKS; i += 1) {
  const start = performance.now();
  world.tick();
  tickMs.push(performance.now() - start);
}
tickMs.sort((a, b) => a - b);
const meanTick = tickMs.reduce((s, t) => s + t, 0) / tickMs.length;

// ---- the csport endpoint over loopback, the world ticking every second meanwhile ----
const config = loadConfig({ SIM_RATE_LIMIT: '100000000' });
const app = await buildApp({ config, world, clock: Date });
const base = await app.listen({ port: 0, host: '127.0.0.1' });
const ticker = setInterval(() => {
  world.tick();
}, 1000);
const page = await (await fetch(`${base}/csport/`)).text();
const nonce = /name="nonce" value="([0-9a-f]+)"/.exec(page)?.[1] ?? '';
const agent = 'bench';
// The bench does what the login page's script does (a real browser is not the point here).
const login = await fetch(`${base}/csport/Member/Login`, {
  method: 'POST',
  redirect: 'manual',
  headers: {
    'content-type': 'application/x-www-form-urlencoded',
    'user-agent': agent,
    cookie: `cs_js=${pageHash(`${nonce}:cookie`)}`,
  },
  body: new URLSearchParams({
    username: 'demo1',
    password: 'demo1',
    nonce,
    token: pageHash(nonce + String(agent.length)),
  }).toString(),
});
const cookie = /ASP\.NET_SessionId=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0] ?? '';
const url = `${base}/csport/Member/BetsView/BetLight/DataOdds.ashx`;
const post = (body: string) =>
  fetch(url, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });

async function load(body: () => string, ms: number, concurrency: number, follow = false) {
  let requests = 0;
  let bytes = 0;
  const end = Date.now() + ms;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        const text = await (await post(body())).text();
        // A client asking for changes carries the book's latest t into its next request.
        if (follow) t = Math.max(t, (JSON.parse(text) as { t: number }).t);
        bytes += text.length;
        requests += 1;
      }
    }),
  );
  return {
    requestsPerSecond: round((requests / ms) * 1000),
    meanBytes: round(bytes / Math.max(1, requests)),
  };
}
const first = (await (await post('fc=1&m_accType=MY')).json()) as { t: number };
let t = first.t;
const changes = await load(() => `m_accType=MY&t=${String(t)}`, 4000, 8, true);
const full = await load(() => 'fc=1&m_accType=MY', 4000, 4);
clearInterval(ticker);
await app.close();

const result = {
  what: 'the simulator at scale: tick time against SIM_TICK_MS=1000, csport odds endpoint requests/s (one process)',
  fixtures: FIXTURES,
  listings,
  buildMs: Math.round(buildMs),
  tickMs: {
    mean: round(meanTick),
    p50: round(tickMs[Math.floor(TICKS / 2)] ?? 0),
    max: round(tickMs.at(-1) ?? 0),
  },
  tickShareOfInterval: round(meanTick / 1000),
  csport: { changesSinceT: changes, fullLoad: full },
  plantedArbs: world.arbs().length,
};
console.log(JSON.stringify(writeResult('simbook', result), null, 2));
