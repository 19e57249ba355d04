// `ALERT_WEBHOOK_URL=... npm start` end to end: the simulator, the hub, the workers and
// the alerter as npm start runs them (in memory, no Redis), a local HTTP server as the
// webhook receiver. The simulator's planted arbitrage reaches the receiver signed, each
// opportunity once, as the hub's /arbs object; the hub's /alerts (and so the dashboard)
// shows the deliveries.
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { legsKey } from '@arbhub/alerter';
import { arbSchema, parse } from '@arbhub/schema';
import { freePort } from '@arbhub/session/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { sleep, startSystem, waitFor } from './system.js';
import type { System } from './system.js';

const SECRET = 'the-e2e-webhook-secret-0123';
const received: { signature: string; delivery: string; body: string }[] = [];
const receiver = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    received.push({
      signature: String(request.headers['x-arbhub-signature']),
      delivery: String(request.headers['x-arbhub-delivery']),
      body,
    });
    response.writeHead(204).end();
  });
});
let system: System | undefined;

afterAll(async () => {
  await system?.stop();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

describe('ALERT_WEBHOOK_URL=... npm start', () => {
  it("delivers the simulator's arbitrage signed, each once, and the hub shows the deliveries", async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port.toString()}/arbhub`;
    system = await startSystem({
      ALERT_WEBHOOK_URL: url,
      ALERT_WEBHOOK_SECRET: SECRET,
      ALERTER_PORT: String(await freePort()),
      SIM_SEED: '7',
      SIM_FIXTURES: '20',
      SIM_ARB_RATE: '20',
      SIM_RATE_LIMIT: '1000',
    });
    const own = system.lines.filter((l) => l.proc === 'start').map((l) => l.msg ?? '');
    expect(own.some((msg) => msg.startsWith('alerter started'))).toBe(true);
    await waitFor('three alerts at the receiver', () => Promise.resolve(received.length >= 3), 90_000);
    await sleep(2000);
    for (const alert of received) {
      expect(alert.signature).toBe(`sha256=${createHmac('sha256', SECRET).update(alert.body).digest('hex')}`);
      const body = JSON.parse(alert.body) as { type: string; arb: unknown };
      expect(body.type).toBe('arb:open');
      const arb = parse(arbSchema, body.arb, 'the alert');
      expect(arb.profitPct).toBeGreaterThanOrEqual(0.5);
      expect(arb.flags).toEqual([]);
    }
    // Each opportunity once (the alerter's own idea of "the same one": its legs).
    const keys = received.map((alert) =>
      legsKey(parse(arbSchema, (JSON.parse(alert.body) as { arb: unknown }).arb)),
    );
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(received.map((alert) => alert.delivery)).size).toBe(received.length);
    const alerts = (await (await fetch(`${system.hub}/alerts`)).json()) as {
      alerter: string | null;
      deliveries: { status: string }[];
    };
    expect(alerts.alerter).not.toBeNull();
    expect(alerts.deliveries.filter((d) => d.status === 'delivered').length).toBeGreaterThanOrEqual(3);
    console.log(`npm start with ALERT_WEBHOOK_URL: ${received.length.toString()} alerts delivered, signed`);
  }, 180_000);
});
