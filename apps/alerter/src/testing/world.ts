// What the alerter's tests share: a real hub (buildApp of @arbhub/hub) on loopback fed by
// fake workers over /ws, a local HTTP server standing in for a webhook receiver and for
// Telegram's Bot API (both record every request, and answer as a test tells them), and
// alerters started on it.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { buildApp } from '@arbhub/hub';
import type { MatchInput } from '@arbhub/schema';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { loadConfig } from '../config.js';
import { createAlerter } from '../create.js';
import type { AlerterApp } from '../create.js';

export const WORKER_TOKEN = 'alerter-tests-worker-token';
export const API_TOKEN = 'alerter-tests-api-token-0123';
export const WEBHOOK_SECRET = 'alerter-tests-webhook-secret';
export const BOT_TOKEN = '123456:alerter-tests-bot-token';
export const CHAT_ID = '-100200300';

/** A future kick-off, so no arbitrage is flagged starting_soon. */
const kickoff = new Date(Date.now() + 3 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');

/** One soccer fixture with one ah market (the home team's line). */
export function ahMatch(
  eventId: string,
  home: string,
  away: string,
  homePrice: number,
  awayPrice: number,
): MatchInput {
  return {
    eventId,
    sport: 'soccer',
    league: 'England Premier League',
    home,
    away,
    startTime: kickoff,
    inPlay: false,
    markets: [{ market: 'ah', period: 'ft', line: -0.5, prices: { home: homePrice, away: awayPrice } }],
  };
}

/** Fixtures whose csport and pin prices make one arbitrage each (about 3.7%). */
export const FIXTURES = [
  ['MANCHESTER UTD', 'CHELSEA', 'Manchester United', 'Chelsea FC'],
  ['LIVERPOOL', 'ARSENAL', 'Liverpool FC', 'Arsenal FC'],
  ['TOTTENHAM', 'EVERTON', 'Tottenham Hotspur', 'Everton FC'],
  ['NEWCASTLE', 'FULHAM', 'Newcastle United', 'Fulham FC'],
  ['BRIGHTON', 'BRENTFORD', 'Brighton & Hove Albion', 'Brentford FC'],
] as const;

export interface FakeWorker {
  snapshot(matches: MatchInput[]): Promise<void>;
  close(): void;
}

export class TestHub {
  app: FastifyInstance | undefined;
  port = 0;
  private readonly sockets: WebSocket[] = [];

  async start(
    config: { API_TOKEN?: string; ALERTER_URL?: string } = {},
    dashboardDir?: string,
  ): Promise<string> {
    this.app = await buildApp({
      ...(dashboardDir ? { dashboardDir } : {}),
      config: {
        WORKER_TOKEN,
        STALE_AFTER_MS: 600_000,
        HEARTBEAT_MS: 60_000,
        MAX_MESSAGE_BYTES: 1 << 20,
        STREAM_UPDATE_MS: 0,
        ...config,
      },
    });
    const base = await this.app.listen({ host: '127.0.0.1', port: this.port });
    this.port = (this.app.server.address() as AddressInfo).port;
    return base;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port.toString()}`;
  }

  async worker(book: string): Promise<FakeWorker> {
    const socket = new WebSocket(`ws://127.0.0.1:${this.port.toString()}/ws`, {
      headers: { authorization: `Bearer ${WORKER_TOKEN}` },
    });
    this.sockets.push(socket);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const workerId = `${book}-1`;
    const send = (message: object) => {
      socket.send(JSON.stringify(message));
    };
    send({ type: 'worker:register', workerId, book, account: 'a' });
    await new Promise((resolve) => socket.once('message', resolve));
    return {
      snapshot: async (matches) => {
        send({ type: 'odds:update', workerId, book, ts: Date.now(), mode: 'snapshot', matches });
        await new Promise((r) => setTimeout(r, 100));
      },
      close: () => {
        socket.terminate();
      },
    };
  }

  /** Lists `count` of FIXTURES at csport and pin, each an arbitrage. */
  async arbitrage(count: number): Promise<void> {
    const csport = await this.worker('csport');
    const pin = await this.worker('pin');
    const fixtures = FIXTURES.slice(0, count);
    await csport.snapshot(
      fixtures.map(([home, away], i) => ahMatch(`cs-${i.toString()}`, home, away, 2.1, 1.75)),
    );
    await pin.snapshot(
      fixtures.map(([, , home, away], i) => ahMatch(`pin-${i.toString()}`, home, away, 1.8, 2.05)),
    );
  }

  async close(): Promise<void> {
    for (const socket of this.sockets.splice(0)) socket.terminate();
    await this.app?.close();
    this.app = undefined;
  }
}

export interface Received {
  at: number;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local HTTP server that records each request and answers as `answer` says (default 200). */
export class Receiver {
  readonly received: Received[] = [];
  answer: (request: Received, response: ServerResponse) => void = (_request, response) => {
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end('{"ok":true,"result":{"message_id":1}}');
  };
  private server: Server | undefined;
  url = '';

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        const received = { at: Date.now(), path: request.url ?? '', headers: request.headers, body };
        this.received.push(received);
        this.answer(received, response);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port.toString()}`;
    return this.url;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

/** Log lines an alerter writes, kept for the no-secret checks. */
export function logSink(): { lines: string[]; logger: { level: string; stream: Writable } } {
  const lines: string[] = [];
  return {
    lines,
    logger: {
      level: 'debug',
      stream: new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(...chunk.toString().split('\n').filter(Boolean));
          done();
        },
      }),
    },
  };
}

/** An alerter on `hub` with test settings (`env` overrides them), listening on a free port. */
export async function startAlerter(
  env: Record<string, string>,
  logger?: { level: string; stream: Writable },
): Promise<AlerterApp & { url: string }> {
  const config = loadConfig({ ALERTER_PORT: '0', ALERT_MIN_PROFIT: '0.5', ...env });
  const app = createAlerter(config, logger ? { logger } : {});
  const url = await app.server.listen({ host: '127.0.0.1', port: config.ALERTER_PORT });
  app.follow();
  return Object.assign(app, { url });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits until `check` holds (polling every 50 ms), or fails after `ms` naming `what`. */
export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  ms = 10_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms.toString()} ms`);
    await sleep(50);
  }
}
