// /stream subscribers: arb:snapshot on connect, then every change. A subscriber that
// cannot keep up (too much unsent) is dropped, never buffered without bound.
import type { StreamMessage } from '@arbhub/schema';
import type { WebSocket } from '@fastify/websocket';

/** Unsent bytes past which a subscriber is too slow and is dropped. */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export class StreamHub {
  private readonly subscribers = new Set<WebSocket>();
  /** Subscribers per client address (MAX_STREAM_CLIENTS_PER_IP). */
  private readonly perAddress = new Map<string, number>();
  dropped = 0;

  add(socket: WebSocket, snapshot: StreamMessage, address = ''): void {
    this.subscribers.add(socket);
    this.perAddress.set(address, this.from(address) + 1);
    socket.on('close', () => {
      this.subscribers.delete(socket);
      const left = this.from(address) - 1;
      if (left > 0) this.perAddress.set(address, left);
      else this.perAddress.delete(address);
    });
    socket.send(JSON.stringify(snapshot));
  }

  get size(): number {
    return this.subscribers.size;
  }

  /** How many subscribers `address` has now. */
  from(address: string): number {
    return this.perAddress.get(address) ?? 0;
  }

  broadcast(message: StreamMessage): void {
    this.broadcastAll([message]);
  }

  /**
   * Sends messages to every subscriber, in order. Each is serialized once; each
   * subscriber's frames leave in one write (its socket corked for the batch), not one
   * system call per frame.
   */
  broadcastAll(messages: readonly StreamMessage[]): void {
    if (messages.length === 0 || this.subscribers.size === 0) return;
    const texts = messages.map((message) => JSON.stringify(message));
    for (const socket of this.subscribers) {
      if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
        this.dropped += 1;
        this.subscribers.delete(socket);
        socket.terminate();
        continue;
      }
      // ws keeps its net.Socket as _socket; corking it batches the frames of this call.
      const raw = (socket as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
      raw?.cork();
      for (const text of texts) socket.send(text);
      raw?.uncork();
    }
  }
}
