// The hub as real processes for the scale-out tests: `npm run hub`'s main.ts in any role,
// on a free port, with its log kept; and a protocol-speaking worker that replays recorded
// odds:update messages over /ws (registering first, beating every 2 s).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { marketKey } from '@arbhub/schema';
import type { Match, OddsUpdate, StreamMessage } from '@arbhub/schema';
import { WebSocket } from 'ws';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..', '..');
const main = join(here, '..', 'main.ts');

export interface HubProcess {
  name: string;
  url: string;
  proc: ChildProcess;
  lines: string[];
  /** Sends a signal and waits for the exit (SIGKILL: a crash). */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts main.ts with `env` on a free port; resolves when it listens. */
export async function startHub(name: string, env: Record<string, string>, ms = 30_000): Promise<HubProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', '--conditions=@arbhub/source', main], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      HUB_HOST: '127.0.0.1',
      HUB_PORT: '0',
      LOG_LEVEL: 'info',
      NODE_ENV: 'test',
      HISTORY: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${name} did not start:\n${lines.slice(-30).join('\n')}`));
    }, ms);
    const take = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim() !== '') lines.push(line);
      const found = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(lines.join('\n'));
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    proc.stdout.on('data', take);
    proc.stderr.on('data', take);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${String(code)}:\n${lines.slice(-30).join('\n')}`));
    });
  });
  const kill = (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) {
        resolve();
        return;
      }
      proc.once('exit', () => {
        resolve();
      });
      proc.kill(signal);
    });
  return { name, url, proc, lines, kill };
}

/**
 * A worker of one book that registers on a hub's /ws and sends what it is given. Like the
 * real worker (apps/worker's HubLink) it moves on to the next of its urls when its
 * connection is lost, and sends its whole latest state as a snapshot when registered
 * again; what it is given while away is kept in that state, not queued.
 */
export class ReplayWorker {
  private socket: WebSocket | undefined;
  private readonly beat: NodeJS.Timeout;
  private registered = false;
  private stopped = false;
  private next = 0;
  /** The latest listing of each event, deltas merged in. */
  private readonly latest = new Map<string, Match>();
  readonly assigned: string[][] = [];
  /** Registrations so far, with the url of each. */
  readonly registrations: string[] = [];
  opened: Promise<void>;
  private readonly urls: string[];

  constructor(
    urls: string | string[],
    readonly workerId: string,
    readonly book: string,
    private readonly account = 'demo1',
  ) {
    this.urls = (Array.isArray(urls) ? urls : [urls]).map((u) => `${u.replace(/^http/, 'ws')}/ws`);
    this.opened = this.connect();
    this.beat = setInterval(() => {
      if (this.registered) this.write({ type: 'worker:heartbeat', workerId, ts: Date.now() });
    }, 2000);
  }

  private connect(): Promise<void> {
    const url = this.urls[this.next % this.urls.length] ?? '';
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { type: string; partitions?: string[] };
      if (message.type === 'worker:registered') {
        const again = this.registrations.length > 0;
        this.registered = true;
        this.registrations.push(url);
        if (again) this.write(this.snapshot());
      }
      if ((message.type === 'worker:registered' || message.type === 'assign') && message.partitions)
        this.assigned.push(message.partitions);
    });
    socket.on('close', () => {
      this.registered = false;
      if (this.stopped) return;
      this.next += 1;
      setTimeout(() => {
        if (!this.stopped) void this.connect().catch(() => undefined); // the next close moves on again
      }, 200);
    });
    socket.on('error', () => undefined); // a refused connection closes, and the close moves on
    return new Promise((resolve, reject) => {
      socket.once('open', () => {
        this.write({
          type: 'worker:register',
          workerId: this.workerId,
          book: this.book,
          account: this.account,
        });
        resolve();
      });
      socket.once('error', reject);
    });
  }

  /** Resolves when the worker is registered (again). */
  async ready(times = 1, ms = 15_000): Promise<void> {
    const end = Date.now() + ms;
    while (this.registrations.length < times || !this.registered) {
      if (Date.now() > end) throw new Error(`${this.workerId} not registered ${times.toString()} times`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private snapshot(): OddsUpdate {
    return {
      type: 'odds:update',
      workerId: this.workerId,
      book: this.book,
      ts: Date.now(),
      mode: 'snapshot',
      partition: 'all',
      matches: [...this.latest.values()],
      removed: [],
    };
  }

  private write(message: object): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  /** Sends updates (their workerId set to this worker's), and keeps them in its latest state. */
  send(updates: readonly OddsUpdate[]): void {
    for (const update of updates) {
      if (update.mode === 'snapshot') this.latest.clear();
      for (const match of update.matches) {
        const before = this.latest.get(match.eventId);
        if (update.mode === 'delta' && before) {
          const markets = new Map(before.markets.map((m) => [marketKey(m), m]));
          for (const market of match.markets) markets.set(marketKey(market), market);
          this.latest.set(match.eventId, { ...match, markets: [...markets.values()] });
        } else this.latest.set(match.eventId, match);
      }
      for (const eventId of update.removed) this.latest.delete(eventId);
      if (this.registered) this.write({ ...update, workerId: this.workerId, ts: Date.now() });
    }
  }

  close(): void {
    this.stopped = true;
    clearInterval(this.beat);
    this.socket?.close();
  }
}

/** A /stream subscriber: every message it was sent, and the open set they add up to. */
export class StreamWatcher {
  readonly messages: StreamMessage[] = [];
  private readonly socket: WebSocket;
  readonly opened: Promise<void>;

  constructor(hub: string) {
    this.socket = new WebSocket(`${hub.replace(/^http/, 'ws')}/stream`);
    this.socket.on('message', (data: Buffer) => {
      this.messages.push(JSON.parse(data.toString()) as StreamMessage);
    });
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => {
        resolve();
      });
      this.socket.once('error', reject);
    });
  }

  /** The open arbitrage by id, as the messages so far build it. */
  open(): Map<string, Extract<StreamMessage, { type: 'arb:open' }>['arb']> {
    const open = new Map<string, Extract<StreamMessage, { type: 'arb:open' }>['arb']>();
    for (const message of this.messages) {
      if (message.type === 'arb:snapshot') for (const arb of message.arbs) open.set(arb.id, arb);
      else if (message.type === 'arb:open' || message.type === 'arb:update')
        open.set(message.arb.id, message.arb);
      else if (message.type === 'arb:close') open.delete(message.id);
    }
    return open;
  }

  close(): void {
    this.socket.close();
  }
}
