// What the hub's loopback tests share: a hub on a free port, and the sockets and hub to
// close after each test.
import type { MatchInput } from '@arbhub/schema';
import type { FastifyInstance } from 'fastify';
import { WebSocket } from 'ws';
import type { HubDeps } from '../app.js';
import { buildApp } from '../app.js';

/** One soccer match in the England Premier League on 28 Nov 15:00 UTC with one ah market (the home team's line). */
export const ahMatch = (
  eventId: string,
  home: string,
  away: string,
  homePrice: number,
  awayPrice: number,
  line = -0.5,
): MatchInput => ({
  eventId,
  sport: 'soccer',
  league: 'England Premier League',
  home,
  away,
  startTime: '2026-11-28T15:00:00Z',
  inPlay: false,
  markets: [{ market: 'ah', period: 'ft', line, prices: { home: homePrice, away: awayPrice } }],
});

/**
 * One fixture that no name rule can place: pin lists Leipzig Lions -0.5 at 2.10, sbo
 * prints other names with home and away the other way round, Hafen +0.5 at 2.10. Linked,
 * they are an arbitrage of about 4.8%.
 */
export const unplacedPair: { pin: MatchInput; sbo: MatchInput } = {
  pin: {
    eventId: 'p-77',
    sport: 'soccer',
    league: 'Test League',
    home: 'Leipzig Lions',
    away: 'Hamburg Harbour',
    startTime: '2030-03-02T15:00:00Z',
    inPlay: false,
    markets: [{ market: 'ah', period: 'ft', line: -0.5, prices: { home: 2.1, away: 1.8 } }],
  },
  sbo: {
    eventId: 's-12',
    sport: 'soccer',
    league: 'Test League',
    home: 'Hafen Sportverein',
    away: 'Loewen Club',
    startTime: '2030-03-02T15:05:00Z',
    inPlay: false,
    markets: [{ market: 'ah', period: 'ft', line: 0.5, prices: { home: 2.1, away: 1.8 } }],
  },
};

/** The worker token the test hubs accept. */
export const TEST_TOKEN = 'a-worker-token-of-enough-length';

export class HubHarness {
  app: FastifyInstance | undefined;
  private readonly sockets: WebSocket[] = [];

  /** Starts a hub on 127.0.0.1 with test settings (`config` overrides them); gives its http and ws bases. */
  async start(
    config: Partial<HubDeps['config']> = {},
    logger: HubDeps['logger'] = false,
    deps: Omit<Partial<HubDeps>, 'config' | 'logger'> = {},
  ): Promise<{ base: string; ws: string }> {
    this.app = await buildApp({
      ...deps,
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

  /**
   * A registered fake worker of `book` on the hub at `ws`: `snapshot(matches)` sends one
   * odds:update snapshot; `settled()` resolves once the hub has answered a heartbeat sent
   * after it (the hub applies one connection's messages in order).
   */
  async worker(
    ws: string,
    book: string,
    workerId = `${book}-1`,
  ): Promise<{ snapshot(matches: MatchInput[]): Promise<void> }> {
    const socket = this.socket(`${ws}/ws`, { authorization: `Bearer ${TEST_TOKEN}` });
    const replies: { type?: string }[] = [];
    socket.on('message', (data: Buffer) => replies.push(JSON.parse(data.toString()) as { type?: string }));
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const send = (message: object) => {
      socket.send(JSON.stringify(message));
    };
    const settle = async (count: number) => {
      for (let i = 0; i < 300 && replies.length < count; i += 1) await new Promise((r) => setTimeout(r, 10));
    };
    send({ type: 'worker:register', workerId, book, account: 'a' });
    await settle(1);
    return {
      snapshot: async (matches) => {
        send({ type: 'odds:update', workerId, book, ts: Date.now(), mode: 'snapshot', matches });
        // A bad message answers an error; an odds update answers nothing: wait a moment for either.
        const before = replies.length;
        await new Promise((r) => setTimeout(r, 100));
        const error = replies.slice(before).find((m) => m.type === 'error');
        if (error) throw new Error(`the hub refused the update: ${JSON.stringify(error)}`);
      },
    };
  }

  async close(): Promise<void> {
    for (const socket of this.sockets.splice(0)) socket.terminate();
    await this.app?.close();
    this.app = undefined;
  }
}
