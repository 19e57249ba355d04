// The worker side of /ws: registration, heartbeats, odds updates and partition
// assignment. Every message is validated; a bad one is answered with an `error` naming
// the field and counted, and the connection and the worker's other data survive.
import type {
  Clock,
  HubWorkerState,
  Logger,
  WorkerInfo,
  WorkerMessage,
  WorkerRegister,
} from '@arbhub/schema';
import type { WebSocket } from '@fastify/websocket';
import { WorkerConnection } from './worker-connection.js';
import type { ConnectionHub } from './worker-connection.js';
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
  /** Scale-out: the workers connected to the other gateways (the registry). */
  remoteWorkers?: () => WorkerInfo[];
}

/** The registry of workers and the owner of their partitions. */
export class WorkerHub implements ConnectionHub {
  private readonly workers = new Map<string, Worker>();
  private readonly connections = new Set<WorkerConnection>();
  /** When reading was paused (setPaused); undefined while reading. */
  private pausedAt: number | undefined;
  /** Time spent paused, in all (ms). */
  pausedMs = 0;
  /** Messages that could not be read: counted for /metrics. */
  badMessages = 0;
  quoteUpdates = 0;

  constructor(private readonly options: WorkerHubOptions) {}

  /** Attaches a new connection; its first message must be worker:register. */
  connect(socket: WebSocket): WorkerConnection {
    const connection = new WorkerConnection(
      this,
      socket,
      this.options.registerTimeoutMs,
      this.options.onRegisterTimeout,
    );
    this.connections.add(connection);
    socket.on('close', () => this.connections.delete(connection));
    if (this.pausedAt !== undefined) socket.pause();
    return connection;
  }

  /**
   * Stops (true) or resumes (false) reading every worker socket: a gateway whose log
   * appends are behind holds its workers back (their sends wait on TCP) rather than drop
   * what they sent. The time paused does not count against a worker's heartbeats.
   */
  setPaused(paused: boolean): void {
    if (paused === (this.pausedAt !== undefined)) return;
    const now = this.options.clock.now();
    for (const connection of this.connections)
      if (paused) connection.socket.pause();
      else connection.socket.resume();
    if (paused) {
      this.pausedAt = now;
      return;
    }
    const heldFor = now - (this.pausedAt ?? now);
    this.pausedAt = undefined;
    this.pausedMs += heldFor;
    for (const worker of this.workers.values())
      worker.info.lastSeenAt = Math.min(now, worker.info.lastSeenAt + heldFor);
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
    if (this.pausedAt !== undefined) return; // their heartbeats wait unread
    const now = this.options.clock.now();
    for (const worker of this.workers.values()) {
      if (worker.info.state !== 'stale' && now - worker.info.lastSeenAt > 3 * this.options.heartbeatMs) {
        this.setState(worker, 'stale', 'no message for three heartbeat intervals');
        this.options.state.removeWorker(worker.info.workerId, 'stale');
        this.options.log.warn({ workerId: worker.info.workerId }, 'worker stale');
      }
    }
  }

  /**
   * GET /workers: this hub's workers, and with a gateway's registry those connected to the
   * other gateways (as their gateways last wrote them, at most a registry beat old).
   */
  listAll(): WorkerInfo[] {
    const local = this.list();
    const here = new Set(local.map((w) => w.workerId));
    const remote = this.options.remoteWorkers?.() ?? [];
    return [...local, ...remote.filter((w) => !here.has(w.workerId))];
  }

  /** The workers connected here. */
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
