// The worker's own logic without a book: partitions, the delta between polls, the
// reconnect delays, Retry-After, settings, and the HTTP client's politeness against a
// small loopback server.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Match } from '@arbhub/schema';
import { describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { loadWorkerConfig } from './config.js';
import { diffMatches, partitionOf } from './diff.js';
import { RateLimitedError, SessionRejectedError } from './errors.js';
import { BookHttp, retryAfterMs } from './http.js';
import { HubLink, reconnectDelay } from './hub-link.js';

const NOW = Date.UTC(2026, 10, 23, 12);
const match = (over: Partial<Match> = {}): Match => ({
  eventId: 'e1',
  sport: 'soccer',
  league: 'EPL',
  home: 'Arsenal',
  away: 'Everton',
  startTime: '2026-11-23T15:00:00Z',
  inPlay: false,
  markets: [
    { market: 'ah', period: 'ft', line: -0.5, prices: { home: 1.9, away: 2.0 } },
    { market: 'ou', period: 'ft', line: 2.5, prices: { over: 1.95, under: 1.9 } },
  ],
  ...over,
});

describe('partitions', () => {
  it('live in play, today within 24 h, early after', () => {
    expect(partitionOf(match({ inPlay: true, score: [0, 0] }), NOW)).toBe('soccer:live');
    expect(partitionOf(match(), NOW)).toBe('soccer:today');
    expect(partitionOf(match({ startTime: '2026-11-25T15:00:00Z' }), NOW)).toBe('soccer:early');
  });
});

describe('the delta between two polls', () => {
  const before = new Map([['e1', match()]]);
  it('sends only the market that moved', () => {
    const moved = match();
    moved.markets[1] = { market: 'ou', period: 'ft', line: 2.5, prices: { over: 2.0, under: 1.85 } };
    const delta = diffMatches(before, new Map([['e1', moved]]));
    expect(delta.removed).toEqual([]);
    expect(delta.matches).toHaveLength(1);
    expect(delta.matches[0]?.markets).toEqual([moved.markets[1]]);
  });
  it('sends nothing when nothing moved', () => {
    expect(diffMatches(before, new Map([['e1', match()]]))).toEqual({ matches: [], removed: [] });
  });
  it('withdraws a market that is gone (null prices) and removes an event that is gone', () => {
    const fewer = match({ markets: [match().markets[0]!] });
    expect(diffMatches(before, new Map([['e1', fewer]])).matches[0]?.markets).toEqual([
      { market: 'ou', period: 'ft', line: 2.5, prices: { over: null, under: null } },
    ]);
    expect(diffMatches(before, new Map())).toEqual({ matches: [], removed: ['e1'] });
  });
  it('sends a new event whole, and an event that went in play even with the same prices', () => {
    const added = diffMatches(new Map(), before);
    expect(added.matches).toEqual([match()]);
    const live = match({ inPlay: true, score: [0, 0] });
    expect(diffMatches(before, new Map([['e1', live]])).matches).toEqual([{ ...live, markets: [] }]);
  });
});

describe('reconnecting to the hub', () => {
  it('backs off exponentially from 500 ms with jitter, capped at 30 s', () => {
    expect(reconnectDelay(0, () => 1)).toBe(500);
    expect(reconnectDelay(0, () => 0)).toBe(250);
    expect(reconnectDelay(3, () => 1)).toBe(4000);
    expect(reconnectDelay(20, () => 1)).toBe(30_000);
    expect(reconnectDelay(20, () => 0)).toBe(15_000);
  });

  it('registers with its token and partitions, and stamps heartbeats with its clock', async () => {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    const received: { type: string; ts?: number; partitions?: string[] }[] = [];
    const headers: (string | undefined)[] = [];
    server.on('connection', (socket, request) => {
      headers.push(request.headers.authorization);
      socket.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString()) as {
          type: string;
          workerId: string;
          partitions?: string[];
        };
        received.push(message);
        if (message.type === 'worker:register')
          socket.send(
            JSON.stringify({
              type: 'worker:registered',
              workerId: message.workerId,
              partitions: message.partitions,
            }),
          );
      });
    });
    await new Promise((resolve) => server.once('listening', resolve));
    const registered: string[][] = [];
    const link = new HubLink({
      urls: [`ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`],
      token: 'a-token-of-enough-length',
      workerId: 'w1',
      book: 'pin',
      account: 'demo1',
      partitions: ['soccer:live', 'soccer:today'],
      heartbeatMs: 30,
      logger: { info: () => undefined, warn: () => undefined },
      clock: { now: () => 4242 },
      onRegistered: (partitions) => registered.push(partitions),
      onAssign: () => undefined,
    });
    try {
      link.start();
      const deadline = Date.now() + 5000;
      while (!received.some((m) => m.type === 'worker:heartbeat') && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(headers).toEqual(['Bearer a-token-of-enough-length']);
      expect(received[0]).toMatchObject({
        type: 'worker:register',
        partitions: ['soccer:live', 'soccer:today'],
      });
      expect(registered).toEqual([['soccer:live', 'soccer:today']]);
      expect(received.find((m) => m.type === 'worker:heartbeat')?.ts).toBe(4242);
    } finally {
      await link.stop();
      await new Promise((resolve) => {
        server.close(resolve);
      });
    }
  });
});

describe('several gateways', () => {
  it('moves on to the next gateway at once when its connection is lost, and registers there', async () => {
    const servers = [0, 1].map(() => new WebSocketServer({ port: 0, host: '127.0.0.1' }));
    const registeredAt: number[] = [];
    servers.forEach((server, index) => {
      server.on('connection', (socket) => {
        socket.on('message', (data: Buffer) => {
          const message = JSON.parse(data.toString()) as { type: string; workerId: string };
          if (message.type !== 'worker:register') return;
          registeredAt.push(index);
          socket.send(
            JSON.stringify({ type: 'worker:registered', workerId: message.workerId, partitions: ['all'] }),
          );
        });
      });
    });
    await Promise.all(servers.map((server) => new Promise((resolve) => server.once('listening', resolve))));
    const urls = servers.map(
      (server) => `ws://127.0.0.1:${(server.address() as AddressInfo).port.toString()}/ws`,
    );
    const registered: number[] = [];
    const link = new HubLink({
      urls,
      workerId: 'w1',
      book: 'pin',
      account: 'demo1',
      partitions: ['all'],
      heartbeatMs: 1000,
      logger: { info: () => undefined, warn: () => undefined },
      onRegistered: () => registered.push(Date.now()),
      onAssign: () => undefined,
    });
    const waitFor = async (check: () => boolean) => {
      const deadline = Date.now() + 5000;
      while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    try {
      link.start();
      await waitFor(() => registered.length === 1);
      const first = registeredAt[0] ?? -1;
      expect(link.url).toBe(urls[first]);
      // The gateway dies: its sockets drop.
      for (const socket of servers[first]?.clients ?? []) socket.terminate();
      const lost = Date.now();
      await waitFor(() => registered.length === 2);
      expect(registeredAt).toEqual([first, 1 - first]);
      expect(link.url).toBe(urls[1 - first]);
      expect((registered[1] ?? Infinity) - lost).toBeLessThan(500);
    } finally {
      await link.stop();
      await Promise.all(
        servers.map(
          (server) =>
            new Promise((resolve) => {
              server.close(resolve);
            }),
        ),
      );
    }
  });
});

describe('Retry-After', () => {
  it('reads seconds or an HTTP date', () => {
    expect(retryAfterMs('7', NOW)).toBe(7000);
    expect(retryAfterMs(new Date(NOW + 3000).toUTCString(), NOW)).toBe(3000);
    expect(retryAfterMs(undefined, NOW)).toBe(1000);
  });
});

describe('settings', () => {
  it('takes the book from SITE and its URL and account from <BOOK>_*', () => {
    const config = loadWorkerConfig({
      SITE: 'sbo',
      SBO_BASE_URL: 'http://books.test/sbo',
      SBO_USERNAME: 'u1',
      SBO_POLL_MS: '750',
    });
    expect(config).toMatchObject({
      SITE: 'sbo',
      BASE_URL: 'http://books.test/sbo',
      USERNAME: 'u1',
      POLL_MS: 750,
    });
    expect(config.WORKER_ID).toMatch(/^sbo-.+-\d+$/);
  });
  it('names the bad variable', () => {
    expect(() => loadWorkerConfig({ SITE: 'nope' })).toThrow(/SITE/);
    expect(() => loadWorkerConfig({ SITE: 'pin', HUB_WS_URL: 'http://x' })).toThrow(/HUB_WS_URL/);
    expect(() => loadWorkerConfig({ SITE: 'pin', HUB_WS_URL: 'ws://a/ws,http://b' })).toThrow(/HUB_WS_URL/);
    expect(() => loadWorkerConfig({ SITE: 'pin', HUB_WS_URL: ' , ' })).toThrow(/HUB_WS_URL/);
  });
  it('takes several gateways in HUB_WS_URL', () => {
    const config = loadWorkerConfig({ SITE: 'pin', HUB_WS_URL: 'ws://g1:8000/ws, ws://g2:8000/ws' });
    expect(config.HUB_WS_URL).toEqual(['ws://g1:8000/ws', 'ws://g2:8000/ws']);
  });
});

describe('the HTTP client', () => {
  it('sends its User-Agent, keeps to its concurrency, waits as Retry-After says, and names a refused session', async () => {
    let inFlight = 0;
    let most = 0;
    const agents = new Set<string>();
    const times: number[] = [];
    let limited = false;
    const server = createServer((request, response) => {
      agents.add(request.headers['user-agent'] ?? '');
      times.push(Date.now());
      inFlight += 1;
      most = Math.max(most, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        if (request.url === '/limited' && !limited) {
          limited = true;
          response.writeHead(429, { 'retry-after': '1' }).end();
        } else if (request.url === '/expired') response.writeHead(302, { location: '/book/login' }).end();
        else response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      }, 50);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const http = new BookHttp({
      book: 'test',
      baseUrl: `http://127.0.0.1:${port}/`,
      userAgent: 'arbhub-test/1.0',
      concurrency: 2,
      timeoutMs: 2000,
      loginPage: /login/,
    });
    await Promise.all(Array.from({ length: 6 }, () => http.json({ url: 'odds' })));
    expect(most).toBe(2);
    expect([...agents]).toEqual(['arbhub-test/1.0']);

    await expect(http.json({ url: 'limited' })).rejects.toBeInstanceOf(RateLimitedError);
    const before = Date.now();
    await http.json({ url: 'odds' });
    expect(Date.now() - before).toBeGreaterThanOrEqual(900);

    await expect(http.json({ url: 'expired' })).rejects.toBeInstanceOf(SessionRejectedError);
    server.close();
  });
});
