// More of the hub over loopback: reconnects, events going in play, /calc limits, logs
// without secrets, and a subscriber too slow to keep.
import { Writable } from 'node:stream';
import type { MatchInput } from '@arbhub/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { REDACT, buildApp } from './app.js';
import { HubHarness, TEST_TOKEN } from './testing/harness.js';

const TOKEN = TEST_TOKEN;
const harness = new HubHarness();
afterEach(async () => {
  await harness.close();
});
const start = (logger: object | false = false) => harness.start({ MAX_MESSAGE_BYTES: 1 << 20 }, logger);

function open(url: string, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) {
  const socket = harness.socket(url, headers);
  const received: { type?: string; reason?: string }[] = [];
  socket.on('message', (data: Buffer) => received.push(JSON.parse(data.toString()) as { type?: string }));
  return { socket, received, opened: new Promise((resolve) => socket.on('open', resolve)) };
}

const until = async (check: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
};

const match = (
  eventId: string,
  home: string,
  away: string,
  h: number,
  a: number,
  inPlay = false,
): MatchInput => ({
  eventId,
  sport: 'soccer',
  league: 'L',
  home,
  away,
  startTime: '2026-11-28T15:00:00Z',
  inPlay,
  ...(inPlay ? { score: [0, 0] as [number, number] } : {}),
  markets: [{ market: 'ah', period: 'ft', line: -0.5, prices: { home: h, away: a } }],
});

describe('the hub, continued', () => {
  it('lets a reconnecting worker replace its old connection', async () => {
    const { ws } = await start();
    const first = open(`${ws}/ws`);
    await first.opened;
    first.socket.send(
      JSON.stringify({ type: 'worker:register', workerId: 'w1', book: 'csport', account: 'a' }),
    );
    await until(() => first.received.length > 0);
    const closed = new Promise((resolve) =>
      first.socket.on('close', (code) => {
        resolve(code);
      }),
    );
    const second = open(`${ws}/ws`);
    await second.opened;
    second.socket.send(
      JSON.stringify({ type: 'worker:register', workerId: 'w1', book: 'csport', account: 'a' }),
    );
    expect(await closed).toBe(4000);
    await until(() => second.received.some((m) => m.type === 'worker:registered'));
  });

  it('closes a prematch arbitrage as event_started when the event goes in play', async () => {
    const { ws } = await start();
    const stream = open(`${ws}/stream`, {});
    await stream.opened;
    const a = open(`${ws}/ws`);
    const b = open(`${ws}/ws`);
    await Promise.all([a.opened, b.opened]);
    const send = (client: typeof a, workerId: string, book: string, m: MatchInput) => {
      client.socket.send(JSON.stringify({ type: 'worker:register', workerId, book, account: 'x' }));
      client.socket.send(
        JSON.stringify({ type: 'odds:update', workerId, book, ts: 1, mode: 'snapshot', matches: [m] }),
      );
    };
    send(a, 'a1', 'csport', match('c1', 'Arsenal', 'Chelsea', 2.1, 1.75));
    send(b, 'b1', 'pin', match('p1', 'Arsenal FC', 'Chelsea FC', 1.8, 2.05));
    await until(() => stream.received.some((m) => m.type === 'arb:open'));
    a.socket.send(
      JSON.stringify({
        type: 'odds:update',
        workerId: 'a1',
        book: 'csport',
        ts: 2,
        mode: 'snapshot',
        matches: [match('c1', 'Arsenal', 'Chelsea', 2.1, 1.75, true)],
      }),
    );
    await until(() => stream.received.some((m) => m.type === 'arb:close'));
    expect(stream.received.find((m) => m.type === 'arb:close')?.reason).toBe('event_started');
  });

  it('limits /calc and answers bad requests with a 400 naming the selection', async () => {
    const { base } = await start();
    const post = (body: unknown) =>
      fetch(`${base}/calc`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const bad = await post({ selections: [{ market: 'ah', line: -0.3, side: 'home', odds: 2 }] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('selections[0].line');
    const ok = (await (
      await post({
        selections: [
          { market: 'ah', line: -0.25, side: 'home', odds: 2.1 },
          { market: 'ah', line: 0.5, side: 'away', odds: 1.95 },
        ],
      })
    ).json()) as { returnRatio: number };
    expect(ok.returnRatio).toBeCloseTo(1.0111, 4);
    const statuses: number[] = [];
    for (let i = 0; i < 70; i += 1) statuses.push((await post({ selections: [] })).status);
    expect(statuses).toContain(429);
  });

  it('never logs a token, cookie or password', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const { base } = await start({
      // Request lines are written at debug (DebugRequestLog): that is where headers appear.
      level: 'debug',
      redact: { paths: REDACT, censor: '[redacted]' },
      stream: sink,
      serializers: {
        req: (req: { headers: unknown; method: string; url: string }) => ({
          method: req.method,
          url: req.url,
          headers: req.headers,
        }),
      },
    });
    await fetch(`${base}/health`, {
      headers: { authorization: `Bearer ${TOKEN}`, cookie: 'ASP.NET_SessionId=secret-cookie-value' },
    });
    const text = lines.join('');
    expect(text).toContain('[redacted]');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('secret-cookie-value');
  });

  it('writes request lines at debug: at info, polling /health and /workers logs nothing', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const { base } = await start({ level: 'info', stream: sink });
    for (let i = 0; i < 5; i += 1) {
      await fetch(`${base}/health`);
      await fetch(`${base}/workers`);
    }
    expect(lines.filter((line) => line.includes('request'))).toEqual([]);
  });

  it('drops a subscriber that cannot keep up, instead of buffering without bound', async () => {
    const { ws } = await start();
    const slow = open(`${ws}/stream`, {});
    await slow.opened;
    await until(() => slow.received.length > 0); // the snapshot
    // Stop reading: the hub's send buffer to this subscriber fills up.
    (slow.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const hub = harness.app!.hub.stream;
    const big = { type: 'arb:snapshot' as const, arbs: [], padding: 'x'.repeat(256 * 1024) };
    for (let i = 0; i < 200 && hub.dropped === 0; i += 1) {
      hub.broadcast(big);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(hub.dropped).toBe(1);
    expect(hub.size).toBe(0);
  });
});

describe('the hub, put together from plugins', () => {
  it('registers each part as a named plugin and decorates the live hub, typed', async () => {
    const app = await buildApp({
      config: {
        STALE_AFTER_MS: 60_000,
        HEARTBEAT_MS: 5000,
        MAX_MESSAGE_BYTES: 65_536,
        WORKER_TOKEN: undefined,
      },
    });
    try {
      for (const name of [
        'arbhub-metrics',
        'arbhub-live',
        'arbhub-ws',
        'arbhub-stream',
        'arbhub-rest',
        'arbhub-matching',
        'arbhub-dashboard',
      ])
        expect(app.hasPlugin(name), name).toBe(true);
      expect(app.hub.state.openArbs()).toEqual([]);
      expect(app.hub.workers.list()).toEqual([]);
      expect(app.hubMetrics.registry.contentType).toContain('text/plain');
      // One way to answer a bad query on every route: 400 with the API's body, naming the field.
      for (const url of ['/arbs/history?limit=0', '/arbs?minProfit=x', '/odds?book='])
        expect((await app.inject({ url })).json(), url).toMatchObject({
          error: 'bad_request',
          message: expect.stringContaining('query'),
        });
    } finally {
      await app.close();
    }
  });
});
