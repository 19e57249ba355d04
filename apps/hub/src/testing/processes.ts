// The hub as real processes for the scale-out tests: `npm run hub`'s main.ts in any role,
// on a free port, with its log kept; and a protocol-speaking worker that replays recorded
// odds:update messages over /ws (registering first, beating every 2 s).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OddsUpdate, StreamMessage } from '@arbhub/schema';
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

/** A worker of one book that registers on a hub's /ws and sends what it is given. */
export class ReplayWorker {
  private readonly socket: WebSocket;
  private readonly beat: NodeJS.Timeout;
  readonly assigned: string[][] = [];
  readonly opened: Promise<void>;

  constructor(
    hub: string,
    readonly workerId: string,
    readonly book: string,
    account = 'demo1',
    partitions: string[] = ['all'],
  ) {
    this.socket = new WebSocket(`${hub.replace(/^http/, 'ws')}/ws`);
    this.socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { type: string; partitions?: string[] };
      if ((message.type === 'worker:registered' || message.type === 'assign') && message.partitions)
        this.assigned.push(message.partitions);
    });
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => {
        this.socket.send(JSON.stringify({ type: 'worker:register', workerId, book, account, partitions }));
        resolve();
      });
      this.socket.once('error', reject);
    });
    this.beat = setInterval(() => {
      if (this.socket.readyState === WebSocket.OPEN)
        this.socket.send(JSON.stringify({ type: 'worker:heartbeat', workerId, ts: Date.now() }));
    }, 2000);
  }

  /** Sends updates (their workerId set to this worker's). */
  send(updates: readonly OddsUpdate[]): void {
    for (const update of updates)
      this.socket.send(JSON.stringify({ ...update, workerId: this.workerId, ts: Date.now() }));
  }

  close(): void {
    clearInterval(this.beat);
    this.socket.close();
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
