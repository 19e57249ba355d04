// What the hub benchmarks share: the senders (bench/senders.ts in their own process), the
// hub's environment without the settings that would change what is measured, a free
// port, waiting for /health, and a /stream subscriber that notes when each planted price
// first shows in an arbitrage.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { PLANTED_ODDS } from './listing.js';

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, '..', '..', '..');
export const now = () => performance.timeOrigin + performance.now();

export interface SendersOptions {
  url: string;
  mode: 'hub' | 'plain';
  books: number;
  events: number;
  seconds: number;
  /** Messages per second per book; 0 sends as fast as the socket takes them. */
  rate?: number;
  /** Called just before the senders start (after `settled`). */
  onReady: () => void;
  /** Resolves when the receiver has worked through the snapshots; 500 ms by default. */
  settled?: () => Promise<void>;
}

export interface Summary {
  messages: number;
  quotes: number;
  plants: { eventId: string; sentAt: number }[];
}

/**
 * Runs the senders against `url`. When their snapshots are sent, waits for `settled`, calls
 * `onReady` and lets them start; resolves with their summary.
 */
export function senders(options: SendersOptions): Promise<Summary> {
  const settled = options.settled ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 500)));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(here, 'senders.ts'),
      options.url,
      String(options.books),
      String(options.events),
      String(options.seconds),
      options.mode,
      String(options.rate ?? 0),
    ],
    { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let output = '';
  let ready = false;
  return new Promise((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!ready && output.includes('READY\n')) {
        ready = true;
        void settled().then(() => {
          options.onReady();
          child.stdin.write('GO\n');
        });
      }
    });
    child.on('exit', () => {
      const line = output.split('\n').find((l) => l.startsWith('{'));
      resolve(JSON.parse(line ?? '{}') as Summary);
    });
  });
}

/** The environment without the settings that would change what is measured (Redis, tokens, alias files). */
export function withoutSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const dropped = new Set(['REDIS_URL', 'WORKER_TOKEN', 'API_TOKEN', 'ALIAS_FILES']);
  return Object.fromEntries(Object.entries(env).filter(([name]) => !dropped.has(name)));
}

/** A port nobody listens on now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Waits until the hub answers /health (it builds its alias tables first). */
export async function waitForHealth(url: string): Promise<void> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the hub did not answer /health within 60 s');
}

export interface PlantWatch {
  close(): void;
  /** Times the hub dropped this subscriber (it fell behind) and it subscribed again. */
  readonly drops: number;
}

/**
 * A /stream subscriber on `base` that records, in `opened`, when each planted price (book
 * csport at PLANTED_ODDS) first shows in an arbitrage: opened, or updated into one the
 * event already had. Dropped by the hub (a subscriber that falls behind is), it subscribes
 * again and counts the drop.
 */
export async function watchPlants(base: string, opened: Map<string, number>): Promise<PlantWatch> {
  let closed = false;
  let drops = 0;
  let socket: WebSocket | undefined;
  const subscribe = async () => {
    const made = new WebSocket(`${base.replace('http', 'ws')}/stream`);
    socket = made;
    made.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as {
        type: string;
        arb?: { legs: { book: string; eventId: string; odds: number }[] };
      };
      if (message.type !== 'arb:open' && message.type !== 'arb:update') return;
      const leg = message.arb?.legs.find((l) => l.book === 'csport' && l.odds === PLANTED_ODDS);
      if (leg && !opened.has(leg.eventId)) opened.set(leg.eventId, now());
    });
    made.on('error', () => undefined); // the close that follows subscribes again
    made.on('close', () => {
      if (closed) return;
      drops += 1;
      setTimeout(() => void subscribe().catch(() => undefined), 50);
    });
    await new Promise((resolve) => made.on('open', resolve));
  };
  await subscribe();
  return {
    close: () => {
      closed = true;
      socket?.terminate();
    },
    get drops() {
      return drops;
    },
  };
}

/** The latencies (ms, ascending) from each plant's sending to its price on /stream. */
export function plantLatencies(summary: Summary, opened: ReadonlyMap<string, number>): number[] {
  return summary.plants
    .map((p) => (opened.get(p.eventId) ?? Number.NaN) - p.sentAt)
    .filter((ms) => Number.isFinite(ms) && ms >= 0)
    .sort((a, b) => a - b);
}
