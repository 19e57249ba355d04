// What the hub's loopback tests share: a hub on a free port, and the sockets and hub to
// close after each test.
import type { FastifyInstance } from 'fastify';
import { WebSocket } from 'ws';
import type { HubDeps } from '../app.js';
import { buildApp } from '../app.js';

/** The worker token the test hubs accept. */
export const TEST_TOKEN = 'a-worker-token-of-enough-length';

export class HubHarness {
  app: FastifyInstance | undefined;
  private readonly sockets: WebSocket[] = [];

  /** Starts a hub on 127.0.0.1 with test settings (`config` overrides them); gives its http and ws bases. */
  async start(
    config: Partial<HubDeps['config']> = {},
    logger: HubDeps['logger'] = false,
  ): Promise<{ base: string; ws: string }> {
    this.app = await buildApp({
      config: {
        WORKER_TOKEN: TEST_TOKEN,
        STALE_AFTER_MS: 60_000,
        HEARTBEAT_MS: 5_000,
        MAX_MESSAGE_BYTES: 64 * 1024,
        ...config,
      },
      logger,
    });
    const base = await this.app.listen({ port: 0, host: '127.0.0.1' });
    return { base, ws: base.replace('http', 'ws') };
  }

  /** A WebSocket that close() terminates. */
  socket(url: string, headers: Record<string, string> = {}): WebSocket {
    const socket = new WebSocket(url, { headers });
    this.sockets.push(socket);
    return socket;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets.splice(0)) socket.terminate();
    await this.app?.close();
    this.app = undefined;
  }
}
