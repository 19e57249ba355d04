// One worker's /ws socket: reads and checks each frame and hands what it says to the
// hub (workers.ts). A bad frame is answered with an `error` naming the field and counted;
// the connection and the worker's other data survive.
import { check, workerMessageSchema } from '@arbhub/schema';
import type { HubMessage, WorkerMessage, WorkerRegister } from '@arbhub/schema';
import type { WebSocket } from '@fastify/websocket';

/** A registered worker, as a connection sees it. */
interface ConnectedWorker {
  info: { workerId: string; book: string };
}

/** What a connection needs of the hub that owns it (WorkerHub, workers.ts). */
export interface ConnectionHub {
  register(message: WorkerRegister, connection: WorkerConnection): void;
  counted(type: string): void;
  refused(workerId: string | undefined, connection: WorkerConnection): void;
  /** The worker `workerId` if `connection` is its current one. */
  workerOf(workerId: string, connection: WorkerConnection): ConnectedWorker | undefined;
  received(worker: ConnectedWorker, message: Exclude<WorkerMessage, WorkerRegister>): void;
  disconnected(workerId: string, connection: WorkerConnection): void;
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
    private readonly hub: ConnectionHub,
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
