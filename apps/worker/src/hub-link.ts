// The worker's connection to the hub: registers with the partitions it can scrape,
// follows `assign`, sends heartbeats, and reconnects with jittered exponential backoff
// capped at 30 s. It never queues: a message sent while the hub is away is dropped, and
// the worker sends its whole latest state when the hub is back (onRegistered).
import { check, hubMessageSchema } from '@arbhub/schema';
import type { Clock, Logger, WorkerMessageInput } from '@arbhub/schema';
import { WebSocket } from 'ws';

export interface HubLinkOptions {
  /** The hub, or several gateways: a connection lost or refused moves on to the next. */
  urls: readonly string[];
  token?: string | undefined;
  workerId: string;
  book: string;
  account: string;
  partitions: readonly string[];
  heartbeatMs: number;
  version?: string;
  logger: Logger;
  random?: () => number;
  /** The clock heartbeats are stamped with (default Date). */
  clock?: Clock;
  /** The hub registered this worker (first time or after a reconnect) with these partitions. */
  onRegistered: (partitions: string[]) => void;
  /** The hub moved partitions. */
  onAssign: (partitions: string[]) => void;
}

/** Bytes the socket may hold unsent before the worker stops sending and resyncs later. */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/** The delay before reconnect attempt `attempt` (0-based): 500 ms doubling to 30 s, times 0.5 to 1. */
export function reconnectDelay(attempt: number, random: () => number): number {
  return Math.min(30_000, 500 * 2 ** Math.min(attempt, 16)) * (0.5 + random() / 2);
}

export class HubLink {
  private socket: WebSocket | undefined;
  private registered = false;
  private stopped = false;
  private attempt = 0;
  /** Which of the urls is tried next; workers of one deployment start at different ones. */
  private next: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private beat: ReturnType<typeof setInterval> | undefined;
  /** Connections made and hub errors received, for the logs and tests. */
  readonly counts = { connections: 0, hubErrors: 0, dropped: 0 };

  constructor(private readonly options: HubLinkOptions) {
    if (options.urls.length === 0) throw new RangeError('HubLink: at least one hub url');
    let hash = 0;
    for (const c of options.workerId) hash = (Math.imul(hash, 31) + c.charCodeAt(0)) >>> 0;
    this.next = hash % options.urls.length;
  }

  /** The url of the current (or last) connection. */
  get url(): string {
    return this.options.urls[this.next] ?? '';
  }

  get connected(): boolean {
    return this.registered && this.socket?.readyState === WebSocket.OPEN;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** Sends a message when registered and the socket is not backed up; false when it was dropped. */
  send(message: WorkerMessageInput): boolean {
    const socket = this.socket;
    if (!this.connected || !socket) return false;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.counts.dropped += 1;
      return false;
    }
    socket.send(JSON.stringify(message));
    return true;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.beat);
    const socket = this.socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      const kill = setTimeout(() => {
        socket.terminate();
        resolve();
      }, 1000);
      socket.once('close', () => {
        clearTimeout(kill);
        resolve();
      });
      socket.close(1000, 'worker stopping');
    });
  }

  private connect(): void {
    const { token, workerId, book, account, partitions, logger } = this.options;
    const url = this.url;
    const socket = new WebSocket(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    this.socket = socket;
    socket.on('open', () => {
      this.counts.connections += 1;
      const register: WorkerMessageInput = {
        type: 'worker:register',
        workerId,
        book,
        account,
        version: this.options.version,
        partitions: [...partitions],
      };
      socket.send(JSON.stringify(register));
    });
    socket.on('message', (data: Buffer) => {
      let json: unknown;
      try {
        json = JSON.parse(data.toString());
      } catch {
        logger.warn({ workerId }, 'the hub sent a message that is not JSON');
        return;
      }
      const checked = check(hubMessageSchema, json, 'hub message');
      if (!checked.ok) {
        logger.warn(
          { workerId, error: checked.error.message },
          'the hub sent a message this worker does not know',
        );
        return;
      }
      const message = checked.value;
      if (message.type === 'worker:registered') {
        this.registered = true;
        this.attempt = 0;
        clearInterval(this.beat);
        this.beat = setInterval(() => {
          this.send({ type: 'worker:heartbeat', workerId, ts: (this.options.clock ?? Date).now() });
        }, this.options.heartbeatMs);
        logger.info({ workerId, partitions: message.partitions }, 'registered at the hub');
        this.options.onRegistered(message.partitions);
      } else if (message.type === 'assign') {
        logger.info({ workerId, partitions: message.partitions }, 'the hub assigned partitions');
        this.options.onAssign(message.partitions);
      } else {
        this.counts.hubErrors += 1;
        logger.warn({ workerId, code: message.code, error: message.message }, 'the hub refused a message');
      }
    });
    socket.on('error', (error) => {
      logger.warn({ workerId, error: error.message }, 'hub connection error');
    });
    socket.on('close', (code) => {
      const was = this.registered;
      this.registered = false;
      clearInterval(this.beat);
      if (this.stopped) return;
      // With several gateways the next try goes to the next one, at once the first time.
      const several = this.options.urls.length > 1;
      const delay =
        several && was
          ? 0
          : reconnectDelay(
              several ? Math.floor(this.attempt / this.options.urls.length) : this.attempt,
              this.options.random ?? Math.random,
            );
      this.attempt += 1;
      this.next = (this.next + 1) % this.options.urls.length;
      if (was || this.attempt === 1)
        logger.warn(
          { workerId, code, hub: url, next: this.url, retryInMs: Math.round(delay) },
          'lost the hub; reconnecting',
        );
      this.timer = setTimeout(() => {
        this.connect();
      }, delay);
    });
  }
}
