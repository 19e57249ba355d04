// bmk over real loopback: login, REST snapshot, then a STOMP client (@stomp/stompjs
// over ws) receiving deltas and heart-beats; faults that cut the stream.
import { Client } from '@stomp/stompjs';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { World } from '../world/world.js';
import { BMK_TOPIC } from './bmk.js';

let app: FastifyInstance | undefined;
const clients: Client[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.deactivate();
  await app?.close();
});

async function setup() {
  const config = loadConfig({ SIM_TRUTH: '1', SIM_HEARTBEAT_MS: '200' });
  const clock = { t: Date.now(), now: () => clock.t };
  const world = new World({ seed: 4, fixtures: 20, arbRate: 0 }, clock);
  app = await buildApp({ config, world, clock });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return { base, ws: base.replace('http', 'ws'), world, clock };
}

async function login(base: string, user = 'demo1'): Promise<string> {
  const response = await fetch(`${base}/bmk/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `username=${user}&password=${user}`,
  });
  expect(response.status).toBe(302);
  return /bmk_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0] ?? '';
}

function stomp(ws: string, cookie: string): Client {
  const client = new Client({
    webSocketFactory: () => new WebSocket(`${ws}/bmk/stomp`, { headers: { cookie } }),
    heartbeatIncoming: 200,
    heartbeatOutgoing: 0,
    reconnectDelay: 0,
  });
  clients.push(client);
  return client;
}

const waitFor = async (check: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(check()).toBe(true);
};

describe('bmk', () => {
  it('serves a snapshot to a logged-in session, then STOMP deltas as prices move', async () => {
    const { base, ws, world, clock } = await setup();
    const cookie = await login(base);
    const snapshot = (await (await fetch(`${base}/bmk/api/snapshot`, { headers: { cookie } })).json()) as {
      version: number;
      events: { moneyline: { home: number } }[];
    };
    expect(snapshot.events).toHaveLength(world.listed('bmk').length);
    const truth = (await (await fetch(`${base}/truth/fixtures`)).json()) as {
      book: string;
      eventId: string;
    }[];
    expect(
      truth
        .filter((r) => r.book === 'bmk')
        .map((r) => r.eventId)
        .sort(),
    ).toEqual((snapshot.events as unknown as { id: string }[]).map((e) => e.id).sort());
    expect(Math.abs(snapshot.events[0]?.moneyline.home ?? 0)).toBeGreaterThanOrEqual(100); // American odds
    expect((await fetch(`${base}/bmk/api/snapshot`)).status).toBe(401);

    const messages: { version: number; events: unknown[] }[] = [];
    const client = stomp(ws, cookie);
    let connected = false;
    client.onConnect = () => {
      connected = true;
      client.subscribe(BMK_TOPIC, (message) =>
        messages.push(JSON.parse(message.body) as { version: number; events: unknown[] }),
      );
    };
    client.activate();
    await waitFor(() => connected);
    // Ticks until a delta arrives: the SUBSCRIBE sent on connect may reach the server
    // after a first tick (it did once on a loaded CI machine), and a tick before it is not sent.
    const deadline = Date.now() + 5000;
    while (messages.length === 0 && Date.now() < deadline) {
      clock.t += 60_000;
      world.tick();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await waitFor(() => messages.length > 0);
    expect(messages[0]?.version).toBeGreaterThan(snapshot.version);
    expect(messages[0]?.events.length).toBeGreaterThan(0);
  });

  it('sends heart-beats at the negotiated interval', async () => {
    const { base, ws } = await setup();
    const cookie = await login(base);
    const socket = new WebSocket(`${ws}/bmk/stomp`, { headers: { cookie } });
    const received: string[] = [];
    socket.on('message', (data: Buffer) => received.push(data.toString()));
    await new Promise((resolve) => socket.on('open', resolve));
    socket.send('CONNECT\naccept-version:1.2\nhost:bmk\nheart-beat:0,200\n\n\0');
    await waitFor(() => received.filter((m) => m === '\n').length >= 3, 3000);
    expect(received[0]).toMatch(/^CONNECTED\nversion:1.2\nheart-beat:200,0/);
    socket.close();
  });

  it('refuses a connection without a session, and ends a kicked session’s stream with an ERROR frame', async () => {
    const { base, ws, world, clock } = await setup();
    const anonymous = new WebSocket(`${ws}/bmk/stomp`);
    const frames: string[] = [];
    anonymous.on('message', (data: Buffer) => frames.push(data.toString()));
    await new Promise((resolve) => anonymous.on('open', resolve));
    anonymous.send('CONNECT\naccept-version:1.2\n\n\0');
    await waitFor(() => frames.some((f) => f.startsWith('ERROR')));

    const cookie = await login(base, 'demo2');
    const client = stomp(ws, cookie);
    const errors: string[] = [];
    let connected = false;
    client.onConnect = () => {
      connected = true;
      client.subscribe(BMK_TOPIC, () => undefined);
    };
    client.onStompError = (f) => errors.push(f.headers.message ?? '');
    client.activate();
    await waitFor(() => connected);
    await login(base, 'demo2'); // the account logs in again elsewhere
    clock.t += 60_000;
    for (let i = 0; i < 5; i += 1) world.tick();
    await waitFor(() => errors.length > 0);
    expect(errors[0]).toContain('kicked');
  });

  it('drops every stream on the drop_stream fault', async () => {
    const { base, ws } = await setup();
    const cookie = await login(base);
    const client = stomp(ws, cookie);
    let connected = false;
    let closed = false;
    client.onConnect = () => (connected = true);
    client.onWebSocketClose = () => (closed = true);
    client.activate();
    await waitFor(() => connected);
    const response = await fetch(`${base}/admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ book: 'bmk', kind: 'drop_stream', durationMs: 1000 }),
    });
    expect(response.status).toBe(200);
    await waitFor(() => closed);
  });
});
