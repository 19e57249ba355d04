// The whole system as `npm start` runs it, for the end-to-end tests: scripts/start.mjs as
// a child process (simulator, hub, workers), its JSON output kept, the pid of each of its
// processes read from its "started" lines; a /stream observer that timestamps what it
// receives; and a recorder of every price the books show (the simulator's /truth/price-log).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, truthPriceLogSchema } from '@arbhub/schema';
import type { Arb, TruthPriceChange } from '@arbhub/schema';
import type { z } from 'zod';
import { freePort } from '@arbhub/session/testing';
import WebSocket from 'ws';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Whether a process with this pid exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function getJson<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** GET `url`, its answer checked against `schema` (a wrong shape fails naming the field). */
export async function getChecked<S extends z.ZodType>(url: string, schema: S): Promise<z.output<S>> {
  return parse(schema, await getJson<unknown>(url), url);
}

export async function waitFor(what: string, check: () => Promise<boolean>, ms: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check().catch(() => false)) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(250);
  }
}

export interface LogLine {
  proc: string;
  msg?: string;
  line?: string;
  level?: number;
  [key: string]: unknown;
}

export interface System {
  hub: string;
  simbook: string;
  /** Every line start.mjs printed (LOG_FORMAT=json), parsed. */
  lines: LogLine[];
  /** The current pid of each process start.mjs runs, by name (csport-1, hub, ...). */
  pids(): Map<string, number>;
  /** start.mjs's own messages about processes that ended ("... exited with code 1"). */
  exits(): string[];
  stop(): Promise<void>;
  process: ChildProcess;
  /** Its DATA_DIR (the history's SQLite file): a temporary one, removed by stop(), unless env named one. */
  dataDir: string;
}

/** Runs `node scripts/start.mjs` with `env` on free ports and waits until every book reports. */
export async function startSystem(env: Record<string, string>, readyMs = 60_000): Promise<System> {
  const hubPort = await freePort();
  const simPort = await freePort();
  const lines: LogLine[] = [];
  // Each run its own DATA_DIR (the history database), unless the caller names one.
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'arbhub-system-'));
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      HUB_PORT: String(hubPort),
      SIMBOOK_PORT: String(simPort),
      HUB_HOST: '127.0.0.1',
      SIMBOOK_HOST: '127.0.0.1',
      LOG_FORMAT: 'json',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let buffered = '';
  const take = (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const part of parts) {
      if (!part.trim()) continue;
      try {
        lines.push(JSON.parse(part) as LogLine);
      } catch {
        lines.push({ proc: '?', line: part });
      }
    }
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const own = () => lines.filter((l) => l.proc === 'start').map((l) => l.msg ?? '');
  const system: System = {
    hub: `http://127.0.0.1:${hubPort}`,
    simbook: `http://127.0.0.1:${simPort}`,
    lines,
    process: child,
    pids() {
      const pids = new Map<string, number>();
      for (const msg of own()) {
        const started = /^(\S+) started \(pid (\d+)\)$/.exec(msg);
        if (started?.[1] && started[2]) pids.set(started[1], Number(started[2]));
      }
      return pids;
    },
    exits: () => own().filter((msg) => / (exited with code|killed by) /.test(msg)),
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, sleep(15_000)]);
        child.kill('SIGKILL');
      }
      if (env.DATA_DIR === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  const books = (env.BOOKS ?? 'csport,sbo,bmk,pin,ibc,cmd').split(',');
  // With API_TOKEN set, /workers needs it (/health is open).
  const auth: Record<string, string> = env.API_TOKEN ? { authorization: `Bearer ${env.API_TOKEN}` } : {};
  try {
    await waitFor(
      'every book reporting at the hub',
      async () => {
        const health = await getJson<{ status: string }>(`${system.hub}/health`);
        const workers = await getJson<{ book: string; state: string }[]>(`${system.hub}/workers`, auth);
        return (
          health.status === 'ok' && books.every((b) => workers.some((w) => w.book === b && w.state === 'ok'))
        );
      },
      readyMs,
    );
  } catch (error) {
    await system.stop();
    throw new Error(`${(error as Error).message}\n${tail(lines)}`, { cause: error });
  }
  return system;
}

/** The last lines of the system's output, for a failure message. */
export function tail(lines: LogLine[], n = 60): string {
  return lines
    .slice(-n)
    .map((l) => `${l.proc}: ${l.msg ?? l.line ?? ''} ${JSON.stringify(l).slice(0, 300)}`)
    .join('\n');
}

export interface Seen {
  at: number;
  type: 'arb:open' | 'arb:update' | 'arb:close';
  arb: Arb;
}

/** A /stream subscriber that keeps every arb message with the time it arrived, and reconnects. */
export function observeStream(hub: string): { seen: Seen[]; close(): void } {
  const seen: Seen[] = [];
  let closed = false;
  let socket: WebSocket | undefined;
  const connect = () => {
    socket = new WebSocket(`${hub.replace(/^http/, 'ws')}/stream`);
    socket.on('message', (data: Buffer) => {
      const at = Date.now();
      const message = JSON.parse(data.toString()) as { type: string; arb?: Arb; arbs?: Arb[] };
      if (message.type === 'arb:snapshot')
        for (const arb of message.arbs ?? []) seen.push({ at, type: 'arb:open', arb });
      else if (
        message.arb &&
        (message.type === 'arb:open' || message.type === 'arb:update' || message.type === 'arb:close')
      )
        seen.push({ at, type: message.type, arb: message.arb });
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (!closed) setTimeout(connect, 500);
    });
  };
  connect();
  return {
    seen,
    close() {
      closed = true;
      socket?.close();
    },
  };
}

export interface PriceQuery {
  book: string;
  eventId: string;
  market: string;
  period: string;
  side: string;
  line: number | null;
  odds: number;
}

/**
 * Follows the simulator's /truth/price-log (asked every `everyMs`), which holds every price
 * change with the tick that made it: for each quote, the odds it showed and from when to
 * when, kept for two minutes after they ended. Unlike samples of /truth/prices, a price that
 * lived for one tick between two asks is not missed.
 */
export function recordPrices(
  simbook: string,
  everyMs = 500,
): {
  startedAt: number;
  /** Whether the book showed exactly this price at some moment within [from, to]. */
  shown(q: PriceQuery, from: number, to: number): boolean;
  /** What the book showed for this quote within [from, to], with when (ms before `to`): for a failure's message. */
  seen(q: Omit<PriceQuery, 'odds'>, from: number, to: number): string;
  stop(): void;
} {
  interface Shown {
    odds: number;
    from: number;
    /** Infinity while shown. */
    to: number;
  }
  const history = new Map<string, Shown[]>();
  const keyOf = (p: Omit<PriceQuery, 'odds'>) =>
    `${p.book} ${p.eventId} ${p.market} ${p.period} ${p.side} ${String(p.line)}`;
  const apply = (change: TruthPriceChange) => {
    const key = keyOf(change);
    const list = history.get(key) ?? [];
    const last = list.at(-1);
    // Asked again from the start (after a 410), the state now repeats what is already open.
    if (last?.to === Infinity && last.odds === change.odds && last.from === change.at) return;
    if (last?.to === Infinity) last.to = change.at;
    if (change.odds !== null) list.push({ odds: change.odds, from: change.at, to: Infinity });
    history.set(key, list);
  };
  const state = { stopped: false, next: undefined as number | undefined };
  void (async () => {
    while (!state.stopped) {
      const since = state.next === undefined ? '' : `?since=${state.next}`;
      try {
        const answer = await getChecked(`${simbook}/truth/price-log${since}`, truthPriceLogSchema);
        for (const change of answer.changes) apply(change);
        state.next = answer.next;
      } catch (error) {
        // Too far behind (the log keeps 10 minutes): start again from the state now.
        if (String(error).includes(': 410 ')) state.next = undefined;
      }
      const old = Date.now() - 120_000;
      for (const [key, list] of history) {
        const kept = list.filter((shown) => shown.to >= old);
        if (kept.length === 0) history.delete(key);
        else if (kept.length < list.length) history.set(key, kept);
      }
      await sleep(everyMs);
    }
  })();
  return {
    startedAt: Date.now(),
    shown(q, from, to) {
      return (history.get(keyOf(q)) ?? []).some(
        (shown) => Math.abs(shown.odds - q.odds) < 1e-6 && shown.from <= to && shown.to >= from,
      );
    },
    seen(q, from, to) {
      const during = (history.get(keyOf(q)) ?? []).filter((shown) => shown.from <= to && shown.to >= from);
      return (
        during
          .map(
            (shown) =>
              `${String(shown.odds)} from ${String(shown.from - to)}ms to ${shown.to === Infinity ? 'now' : `${String(shown.to - to)}ms`}`,
          )
          .join(', ') || 'nothing'
      );
    },
    stop() {
      state.stopped = true;
    },
  };
}
