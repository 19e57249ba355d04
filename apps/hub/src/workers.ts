// The worker side of /ws: registration, heartbeats, odds updates and partition
// assignment. Every message is validated; a bad one is answered with an `error` naming
// the field and counted, and the connection and the worker's other data survive.
import { check, workerMessageSchema } from '@arbhub/schema';
import type {
  Clock,
  HubMessage,
  HubWorkerState,
  Logger,
  WorkerInfo,
  WorkerMessage,
  WorkerRegister,
} from '@arbhub/schema';
import type { WebSocket } from '@fastify/websocket';
import { assignPartitions } from './partitions.js';
import type { Offer } from './partitions.js';
import type { HubState } from './hub-state.js';

interface Worker {
  info: Omit<WorkerInfo, 'events' | 'quotes'> & { offered: string[] };
  connection: WorkerConnection;
}

export interface WorkerHubOptions {
  state: Pick<HubState, 'apply' | 'removeWorker' | 'countsFor'>;
  clock: Clock;
  heartbeatMs: number;
  /** A connection that has not sent worker:register within this many ms is closed with 1008. */
  registerTimeoutMs?: number;
  onRegisterTimeout?: () => void;
  onStatus: (status: {
    workerId: string;
    book: string;
    state: HubWorkerState;
    detail?: string;
    ts: number;
  }) => void;
  onMessage?: (kind: string) => void;
  log: Logger;
  /**
   * Scale-out: the offers of every gateway's workers, given this hub's own (the registry in
   * Redis); the assignment is worked out over all of them. Default: this hub's only.
   */
  allOffers?: (local: Offer[]) => Offer[];
  /** A worker left this hub. */
  onGone?: (workerId: string) => void;
}

/**
 * One /ws socket: reads and checks each frame, and hands what it says to the hub. Its
 * first message must be worker:register; until then it is nobody's.
 */
export class WorkerConnection {
  private workerId: string | undefined;
  /** Closes a connection that never registers (a worker that never says who it is holds a socket for nothing). */
  private registerTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly hub: WorkerHub,
    readonly socket: WebSocket,
    registerTimeoutMs: number | undefined,
    onRegisterTimeout?: () => void,
  ) {
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      this.onMessage(data, isBinary);
    });
    socket.on('close', () => {
      clearTimeout(this.registerTimer);
      if (this.workerId) hub.disconnected(this.workerId, this);
    });
    if (registerTimeoutMs !== undefined)
      this.registerTimer = setTimeout(() => {
        if (this.workerId) return;
        onRegisterTimeout?.();
        this.close(1008, `worker:register not sent within ${registerTimeoutMs.toString()} ms`);
      }, registerTimeoutMs).unref();
  }

  /** Every message to a worker goes through here, typed. */
  send(message: HubMessage): void {
    this.socket.send(JSON.stringify(message));
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  /** Answers a message that cannot be taken, and counts it (for the worker, if registered). */
  private fail(code: string, message: string): void {
    this.hub.refused(this.workerId, this);
    this.send({ type: 'error', code, message });
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(isBinary ? data.toString('utf8') : data.toString());
    } catch {
      this.fail('bad_message', 'not JSON');
      return;
    }
    const checked = check(workerMessageSchema, parsed);
    if (!checked.ok) {
      this.fail('bad_message', checked.error.message);
      return;
    }
    const message = checked.value;
    this.hub.counted(message.type);
    if (message.type === 'worker:register') {
      clearTimeout(this.registerTimer);
      this.workerId = message.workerId;
      this.hub.register(message, this);
      return;
    }
    const worker = this.workerId ? this.hub.workerOf(this.workerId, this) : undefined;
    if (!worker) {
      this.fail('not_registered', 'send worker:register first');
      return;
    }
    if (message.workerId !== worker.info.workerId) {
      this.fail('bad_message', `workerId: this connection is ${worker.info.workerId}`);
      return;
    }
    if (message.type === 'odds:update' && message.book !== worker.info.book) {
      this.fail('wrong_book', `book: this worker scrapes ${worker.info.book}`);
      return;
    }
    this.hub.received(worker, message);
  }
}

/** The registry of workers and the owner of their partitions. */
export class WorkerHub {
  private readonly workers = new Map<string, Worker>();
  /** Messages that could not be read: counted for /metrics. */
  badMessages = 0;
  quoteUpdates = 0;

  constructor(private readonly options: WorkerHubOptions) {}

  /** Attaches a new connection; its first message must be worker:register. */
  connect(socket: WebSocket): WorkerConnection {
    return new WorkerConnection(this, socket, this.options.registerTimeoutMs, this.options.onRegisterTimeout);
  }

  /** The worker `workerId` if `connection` is its current one. */
  workerOf(workerId: string, connection: WorkerConnection): Worker | undefined {
    const worker = this.workers.get(workerId);
    return worker?.connection === connection ? worker : undefined;
  }

  counted(type: string): void {
    this.options.onMessage?.(type);
  }

  refused(workerId: string | undefined, connection: WorkerConnection): void {
    this.badMessages += 1;
    const worker = workerId ? this.workerOf(workerId, connection) : undefined;
    if (worker) worker.info.errors += 1;
  }

  /** A registered worker's message, checked. */
  received(worker: Worker, message: Exclude<WorkerMessage, WorkerRegister>): void {
    worker.info.lastSeenAt = this.options.clock.now();
    worker.info.messages += 1;
    if (worker.info.state === 'stale') this.setState(worker, 'ok');
    switch (message.type) {
      case 'worker:heartbeat':
        return;
      case 'worker:status':
        this.setState(worker, message.state, message.detail);
        return;
      case 'odds:update':
        this.quoteUpdates += this.options.state.apply(message);
        return;
    }
  }

  /** A connection closed: its worker goes, unless a newer connection replaced it. */
  disconnected(workerId: string, connection: WorkerConnection): void {
    const worker = this.workerOf(workerId, connection);
    if (!worker) return;
    this.workers.delete(workerId);
    this.options.onGone?.(workerId);
    this.options.state.removeWorker(workerId, 'book_gone');
    this.options.onStatus({
      workerId,
      book: worker.info.book,
      state: 'disconnected',
      ts: this.options.clock.now(),
    });
    this.rebalance();
  }

  register(message: WorkerRegister, connection: WorkerConnection): void {
    const now = this.options.clock.now();
    const previous = this.workers.get(message.workerId);
    if (previous && previous.connection !== connection) {
      // The same worker reconnecting: its new connection replaces the old one.
      previous.connection.close(4000, 'replaced by a newer connection');
    }
    const worker: Worker = {
      connection,
      info: {
        workerId: message.workerId,
        book: message.book,
        account: message.account,
        state: 'ok',
        connectedAt: now,
        lastSeenAt: now,
        partitions: [],
        offered: message.partitions,
        messages: 1,
        errors: previous?.info.errors ?? 0,
      },
    };
    this.workers.set(message.workerId, worker);
    this.options.log.info(
      { workerId: message.workerId, book: message.book, account: message.account },
      'worker registered',
    );
    this.rebalance(message.workerId);
    this.options.onStatus({ workerId: message.workerId, book: message.book, state: 'ok', ts: now });
  }

  /** What this hub's workers offer. */
  offers(): Offer[] {
    return [...this.workers.values()].map((w) => ({
      workerId: w.info.workerId,
      book: w.info.book,
      account: w.info.account,
      partitions: w.info.offered,
    }));
  }

  /** Recomputes the assignment; tells each worker whose share changed (a new one: worker:registered). */
  rebalance(registered?: string): void {
    const local = this.offers();
    const assigned = assignPartitions(this.options.allOffers ? this.options.allOffers(local) : local);
    for (const worker of this.workers.values()) {
      const partitions = assigned.get(worker.info.workerId) ?? [];
      const changed = partitions.join() !== worker.info.partitions.join();
      worker.info.partitions = partitions;
      if (worker.info.workerId === registered) {
        worker.connection.send({ type: 'worker:registered', workerId: worker.info.workerId, partitions });
      } else if (changed) {
        worker.connection.send({ type: 'assign', partitions });
      }
    }
  }

  private setState(worker: Worker, state: HubWorkerState, detail?: string): void {
    worker.info.state = state;
    this.options.onStatus({
      workerId: worker.info.workerId,
      book: worker.info.book,
      state,
      ts: this.options.clock.now(),
      ...(detail ? { detail } : {}),
    });
  }

  /** Workers silent for three heartbeat intervals are stale: their quotes stop counting. */
  checkHeartbeats(): void {
    const now = this.options.clock.now();
    for (const worker of this.workers.values()) {
      if (worker.info.state !== 'stale' && now - worker.info.lastSeenAt > 3 * this.options.heartbeatMs) {
        this.setState(worker, 'stale', 'no message for three heartbeat intervals');
        this.options.state.removeWorker(worker.info.workerId, 'stale');
        this.options.log.warn({ workerId: worker.info.workerId }, 'worker stale');
      }
    }
  }

  list(): WorkerInfo[] {
    return [...this.workers.values()].map(({ info: { offered: _offered, ...info } }) => ({
      ...info,
      ...this.options.state.countsFor(info.workerId),
    }));
  }

  books(): number {
    return new Set([...this.workers.values()].map((w) => w.info.book)).size;
  }
}

/** Closes sockets with a code and waits for each closing handshake, at most `ms`. */
export function closeSockets(
  sockets: readonly WebSocket[],
  code: number,
  reason: string,
  ms = 1000,
): Promise<void> {
  const done = sockets.map(
    (socket) =>
      new Promise<void>((resolve) => {
        if (socket.readyState === socket.CLOSED) {
          resolve();
          return;
        }
        socket.once('close', () => {
          resolve();
        });
        socket.close(code, reason);
      }),
  );
  return Promise.race([
    Promise.all(done).then(() => undefined),
    new Promise<void>((resolve) => setTimeout(resolve, ms)),
  ]);
}
