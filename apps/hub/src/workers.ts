// The worker side of /ws: registration, heartbeats, odds updates and partition
// assignment. Every message is validated; a bad one is answered with an `error` naming
// the field and counted, and the connection and the worker's other data survive.
import { check, workerMessageSchema } from '@arbhub/schema';
import type { Clock, HubMessage, HubWorkerState, Logger, WorkerInfo, WorkerRegister } from '@arbhub/schema';
import type { WebSocket } from '@fastify/websocket';
import { assignPartitions } from './partitions.js';
import type { LiveState } from './state.js';

interface Worker {
  info: Omit<WorkerInfo, 'events' | 'quotes'> & { offered: string[] };
  socket: WebSocket;
}

export interface WorkerHubOptions {
  state: LiveState;
  clock: Clock;
  heartbeatMs: number;
  onStatus: (status: {
    workerId: string;
    book: string;
    state: HubWorkerState;
    detail?: string;
    ts: number;
  }) => void;
  onMessage?: (kind: string) => void;
  log: Logger;
}

export class WorkerHub {
  private readonly workers = new Map<string, Worker>();
  /** Messages that could not be read: counted for /metrics. */
  badMessages = 0;
  quoteUpdates = 0;

  constructor(private readonly options: WorkerHubOptions) {}

  /** Attaches a new connection; its first message must be worker:register. */
  connect(socket: WebSocket): void {
    let workerId: string | undefined;
    const send = (message: HubMessage) => {
      socket.send(JSON.stringify(message));
    };
    const fail = (code: string, message: string) => {
      this.badMessages += 1;
      const worker = workerId ? this.workers.get(workerId) : undefined;
      if (worker?.socket === socket) worker.info.errors += 1;
      send({ type: 'error', code, message });
    };
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(isBinary ? data.toString('utf8') : data.toString());
      } catch {
        fail('bad_message', 'not JSON');
        return;
      }
      const checked = check(workerMessageSchema, parsed);
      if (!checked.ok) {
        fail('bad_message', checked.error.message);
        return;
      }
      const message = checked.value;
      this.options.onMessage?.(message.type);
      if (message.type === 'worker:register') {
        workerId = message.workerId;
        this.register(message, socket);
        return;
      }
      const worker = workerId ? this.workers.get(workerId) : undefined;
      if (worker?.socket !== socket) {
        fail('not_registered', 'send worker:register first');
        return;
      }
      if (message.workerId !== worker.info.workerId) {
        fail('bad_message', `workerId: this connection is ${worker.info.workerId}`);
        return;
      }
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
          if (message.book !== worker.info.book) {
            fail('wrong_book', `book: this worker scrapes ${worker.info.book}`);
            return;
          }
          this.quoteUpdates += this.options.state.apply(message);
          return;
      }
    });
    socket.on('close', () => {
      const worker = workerId ? this.workers.get(workerId) : undefined;
      if (worker?.socket !== socket) return; // replaced by a newer connection
      this.workers.delete(worker.info.workerId);
      this.options.state.removeWorker(worker.info.workerId, 'book_gone');
      this.options.onStatus({
        workerId: worker.info.workerId,
        book: worker.info.book,
        state: 'disconnected',
        ts: this.options.clock.now(),
      });
      this.rebalance();
    });
  }

  private register(message: WorkerRegister, socket: WebSocket): void {
    const now = this.options.clock.now();
    const previous = this.workers.get(message.workerId);
    if (previous && previous.socket !== socket) {
      // The same worker reconnecting: its new connection replaces the old one.
      previous.socket.close(4000, 'replaced by a newer connection');
    }
    const worker: Worker = {
      socket,
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

  /** Recomputes the assignment; tells each worker whose share changed (a new one: worker:registered). */
  private rebalance(registered?: string): void {
    const assigned = assignPartitions(
      [...this.workers.values()].map((w) => ({ ...w.info, partitions: w.info.offered })),
    );
    for (const worker of this.workers.values()) {
      const partitions = assigned.get(worker.info.workerId) ?? [];
      const changed = partitions.join() !== worker.info.partitions.join();
      worker.info.partitions = partitions;
      if (worker.info.workerId === registered) {
        worker.socket.send(
          JSON.stringify({ type: 'worker:registered', workerId: worker.info.workerId, partitions }),
        );
      } else if (changed) {
        worker.socket.send(JSON.stringify({ type: 'assign', partitions }));
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
