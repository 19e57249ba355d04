// The alerter end to end on loopback: a real hub fed by fake workers, a real
// redis-server, a local HTTP server standing in for the webhook receiver and for
// Telegram's Bot API. Each arbitrage delivered once to each channel, signed; retries on
// 500 at 2 s and 4 s; a 400 to the dead-letter list at once; Telegram's retry_after kept;
// two alerters on one Redis deliver once; a hub restart alerts nothing twice; the same
// policy without Redis; no token or secret in any log line.
import { arbSchema, parse } from '@arbhub/schema';
import { startRedisServer } from '@arbhub/session/testing';
import type { RedisServer } from '@arbhub/session/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signature } from './channels/webhook.js';
import type { AlerterApp } from './create.js';
import {
  API_TOKEN,
  BOT_TOKEN,
  CHAT_ID,
  Receiver,
  TestHub,
  WEBHOOK_SECRET,
  logSink,
  sleep,
  startAlerter,
  until,
} from './testing/world.js';

let redis: RedisServer;
const hub = new TestHub();
const webhook = new Receiver();
const telegram = new Receiver();
const alerters: (AlerterApp & { url: string })[] = [];
const logs = logSink();

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.stop();
});
afterEach(async () => {
  for (const alerter of alerters.splice(0)) await alerter.close();
  await hub.close();
  await webhook.close();
  await telegram.close();
  webhook.received.length = 0;
  telegram.received.length = 0;
  webhook.answer = new Receiver().answer;
  telegram.answer = new Receiver().answer;
  // Every test starts on an empty Redis: no dedup key or job of the one before.
  await redis.stop();
  await redis.start();
});

/** A hub with API_TOKEN, the two receivers, and `count` alerters on it (Redis unless `memory`). */
async function world({
  count = 1,
  memory = false,
  env = {},
}: { count?: number; memory?: boolean; env?: Record<string, string> } = {}) {
  await hub.start({ API_TOKEN });
  await webhook.start();
  await telegram.start();
  const settings = {
    HUB_URL: hub.url,
    API_TOKEN,
    ALERT_WEBHOOK_URL: `${webhook.url}/hooks/arbhub`,
    ALERT_WEBHOOK_SECRET: WEBHOOK_SECRET,
    TELEGRAM_BOT_TOKEN: BOT_TOKEN,
    TELEGRAM_CHAT_ID: CHAT_ID,
    TELEGRAM_API_URL: telegram.url,
    ...(memory ? {} : { REDIS_URL: redis.url }),
    ...env,
  };
  for (let i = 0; i < count; i += 1) alerters.push(await startAlerter(settings, logs.logger));
  await until('the alerters follow /stream', () => alerters.every((a) => a.follower?.connected === true));
}

/** The first alerter's GET /alerts, with the API token. */
const alertsOf = async (): Promise<unknown> =>
  (
    await fetch(`${alerters[0]?.url ?? ''}/alerts`, { headers: { authorization: `Bearer ${API_TOKEN}` } })
  ).json();

/** The webhook's delivery, as the alerter's /alerts tells it: delivered, after `attempts` attempts. */
async function expectWebhookDeliveredAfter(attempts: number): Promise<void> {
  await sleep(500);
  const alerts = (await alertsOf()) as {
    deliveries: { channel: string; status: string; attempts: number }[];
  };
  expect(alerts.deliveries.find((d) => d.channel === 'webhook')).toMatchObject({
    status: 'delivered',
    attempts,
  });
}

const webhookBodies = () =>
  webhook.received.map((r) => JSON.parse(r.body) as { type: string; arb: unknown; sentAt: number });

describe.each([
  ['BullMQ on Redis', false],
  ['in memory', true],
] as const)('the alerter (%s)', (_name, memory) => {
  it('delivers each arbitrage once to each channel: signed webhook JSON, a readable Telegram message', async () => {
    await world({ memory });
    await hub.arbitrage(3);
    await until(
      '3 webhooks and 3 messages',
      () => webhook.received.length >= 3 && telegram.received.length >= 3,
    );
    await sleep(1500);
    expect(webhook.received).toHaveLength(3);
    expect(telegram.received).toHaveLength(3);
    const ids = new Set<string>();
    for (const request of webhook.received) {
      expect(request.path).toBe('/hooks/arbhub');
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['x-arbhub-signature']).toBe(signature(request.body, WEBHOOK_SECRET));
      expect(request.headers['x-arbhub-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
      ids.add(String(request.headers['x-arbhub-delivery']));
    }
    expect(ids.size).toBe(3);
    for (const body of webhookBodies()) {
      expect(body.type).toBe('arb:open');
      const arb = parse(arbSchema, body.arb, 'webhook arb');
      expect(arb.profitPct).toBeGreaterThan(3);
      expect(Math.abs(body.sentAt - Date.now())).toBeLessThan(10_000);
    }
    for (const request of telegram.received) {
      expect(request.path).toBe(`/bot${BOT_TOKEN}/sendMessage`);
      const { chat_id: chat, text } = JSON.parse(request.body) as { chat_id: string; text: string };
      expect(chat).toBe(CHAT_ID);
      expect(text).toMatch(/^Arbitrage 3\.\d\d%: /);
      expect(text).toMatch(/kick-off \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
      expect(text).toMatch(/csport: AH home -0\.5 @ 2\.10, stake \d+/);
      expect(text).toMatch(/pin: AH away \+0\.5 @ 2\.05, stake \d+/);
      expect(text).toMatch(/Bankroll \d+: at least [\d.]+ back, profit [\d.]+/);
      expect(text).toContain(`${hub.url}/#arb=`);
    }
    const alerts = (await alertsOf()) as {
      deliveries: { status: string; channel: string }[];
      deadLetters: unknown[];
    };
    expect(alerts.deliveries.filter((d) => d.status === 'delivered')).toHaveLength(6);
    expect(alerts.deadLetters).toEqual([]);
  });

  it('retries a receiver answering 500 twice: the third attempt about 2 + 4 s after the first, the same delivery id', async () => {
    await world({ memory });
    let failures = 0;
    webhook.answer = (_request, response) => {
      if (failures < 2) {
        failures += 1;
        response.writeHead(500).end('down');
      } else response.writeHead(204).end();
    };
    await hub.arbitrage(1);
    await until('the third attempt', () => webhook.received.length >= 3, 15_000);
    const [first, second, third] = webhook.received;
    const gaps = [(second?.at ?? 0) - (first?.at ?? 0), (third?.at ?? 0) - (second?.at ?? 0)];
    console.log(`retries: attempts ${gaps.map((g) => `+${g.toString()} ms`).join(', ')}`);
    expect(gaps[0]).toBeGreaterThanOrEqual(1900);
    expect(gaps[0]).toBeLessThan(3500);
    expect(gaps[1]).toBeGreaterThanOrEqual(3900);
    expect(gaps[1]).toBeLessThan(6000);
    expect(new Set(webhook.received.map((r) => r.headers['x-arbhub-delivery'])).size).toBe(1);
    await expectWebhookDeliveredAfter(3);
  }, 30_000);

  it('does not retry a 400: the alert is in the dead-letter list at once, with its error and no secret', async () => {
    await world({ memory });
    webhook.answer = (_request, response) => {
      response.writeHead(400, { 'content-type': 'text/plain' }).end('bad payload');
    };
    telegram.answer = (_request, response) => {
      response
        .writeHead(403, { 'content-type': 'application/json' })
        .end('{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}');
    };
    await hub.arbitrage(1);
    await until('both refused', () => webhook.received.length >= 1 && telegram.received.length >= 1);
    await sleep(3000);
    expect(webhook.received).toHaveLength(1);
    expect(telegram.received).toHaveLength(1);
    const response = await fetch(`${alerters[0]?.url ?? ''}/alerts`, {
      headers: { authorization: `Bearer ${API_TOKEN}` },
    });
    const text = await response.text();
    const alerts = JSON.parse(text) as {
      deadLetters: { channel: string; status: string; attempts: number; lastError: string }[];
    };
    const byChannel = Object.fromEntries(alerts.deadLetters.map((d) => [d.channel, d]));
    expect(byChannel.webhook).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'webhook: HTTP 400 (bad payload)',
    });
    expect(byChannel.telegram).toMatchObject({ status: 'failed', attempts: 1 });
    expect(byChannel.telegram?.lastError).toBe('telegram: HTTP 403 (Forbidden: bot was blocked by the user)');
    expect(text).not.toContain(BOT_TOKEN);
    // /alerts needs the API token.
    expect((await fetch(`${alerters[0]?.url ?? ''}/alerts`)).status).toBe(401);
  });

  it("keeps Telegram's retry_after on a 429 (without spending an attempt) and about one message a second", async () => {
    await world({ memory });
    let limited = false;
    telegram.answer = (_request, response) => {
      if (!limited) {
        limited = true;
        response
          .writeHead(429, { 'content-type': 'application/json' })
          .end(
            '{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 2","parameters":{"retry_after":2}}',
          );
        return;
      }
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"ok":true,"result":{"message_id":7}}');
    };
    await hub.arbitrage(3);
    await until('three messages after the 429', () => telegram.received.length >= 4, 20_000);
    const at = telegram.received.map((r) => r.at);
    console.log(`telegram: sends at +${at.map((t) => (t - (at[0] ?? 0)).toString()).join(', +')} ms`);
    expect((at[1] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(1900);
    for (let i = 2; i < at.length; i += 1)
      expect((at[i] ?? 0) - (at[i - 1] ?? 0)).toBeGreaterThanOrEqual(900);
    await sleep(500);
    const alerts = (await alertsOf()) as {
      deliveries: { channel: string; status: string }[];
      deadLetters: unknown[];
    };
    expect(
      alerts.deliveries.filter((d) => d.channel === 'telegram' && d.status === 'delivered'),
    ).toHaveLength(3);
    expect(alerts.deadLetters).toEqual([]);
  }, 30_000);

  it('alerts nothing twice when the hub restarts (its /stream snapshot, new arbitrage ids)', async () => {
    await world({ memory });
    await hub.arbitrage(2);
    await until('2 webhooks', () => webhook.received.length >= 2);
    await hub.close();
    await hub.start({ API_TOKEN });
    await hub.arbitrage(2);
    await until('the alerter back on /stream', () => alerters[0]?.follower?.connected === true, 15_000);
    await sleep(2000);
    expect(webhook.received).toHaveLength(2);
    expect(telegram.received).toHaveLength(2);
  }, 30_000);
});

describe('alerters sharing one Redis', () => {
  it('deliver each alert once between them', async () => {
    await world({ count: 3 });
    await hub.arbitrage(5);
    // Telegram's pace (one a second) holds across the three: five messages take about 5 s.
    await until(
      '5 webhooks and 5 messages',
      () => webhook.received.length >= 5 && telegram.received.length >= 5,
      15_000,
    );
    await sleep(2000);
    expect(webhook.received).toHaveLength(5);
    expect(telegram.received).toHaveLength(5);
    expect(new Set(webhookBodies().map((b) => JSON.stringify((b.arb as { legs: unknown }).legs))).size).toBe(
      5,
    );
  });

  it('alert a better price again (ALERT_REALERT_GAIN), not a small move', async () => {
    await world({ count: 2, env: { ALERT_REALERT_GAIN: '1' } });
    await hub.arbitrage(1);
    await until('the first alert', () => webhook.received.length >= 1);
    const pin = await hub.worker('pin');
    // A small move (3.7% → about 4.0%): not alerted again.
    const { ahMatch } = await import('./testing/world.js');
    await pin.snapshot([ahMatch('pin-0', 'Manchester United', 'Chelsea FC', 1.8, 2.06)]);
    await sleep(1500);
    expect(webhook.received).toHaveLength(1);
    // Better by more than a point (about 6.1%): alerted once more.
    await pin.snapshot([ahMatch('pin-0', 'Manchester United', 'Chelsea FC', 1.8, 2.15)]);
    await until('the better price alerted', () => webhook.received.length >= 2);
    await sleep(1500);
    expect(webhook.received).toHaveLength(2);
    expect((webhookBodies()[1]?.arb as { profitPct: number }).profitPct).toBeGreaterThan(5);
  });
});

describe('the webhook channel (BullMQ)', () => {
  it('retries a 429 and a receiver that does not answer within 5 s, then delivers', async () => {
    await world();
    const held: { destroy(): void }[] = [];
    webhook.answer = (_request, response) => {
      const attempt = webhook.received.length;
      if (attempt === 1) response.writeHead(429).end('slow down');
      else if (attempt === 2) held.push(response);
      else response.writeHead(200).end();
    };
    await hub.arbitrage(1);
    await until('the third attempt', () => webhook.received.length >= 3, 25_000);
    for (const response of held) response.destroy();
    const [first, second, third] = webhook.received.map((r) => r.at);
    console.log(
      `429, then no answer: attempts at +${String((second ?? 0) - (first ?? 0))}, +${String((third ?? 0) - (first ?? 0))} ms`,
    );
    // 2 s after the 429; then the 5 s timeout and 4 s more.
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(1900);
    expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(8900);
    await expectWebhookDeliveredAfter(3);
  }, 40_000);

  it('with ALERT_ON_CLOSE=1 alerts the close of an alerted arbitrage, once', async () => {
    await world({ env: { ALERT_ON_CLOSE: '1' } });
    await hub.arbitrage(1);
    await until('the open', () => webhook.received.length >= 1);
    const pin = await hub.worker('pin');
    const { ahMatch } = await import('./testing/world.js');
    // pin's away price falls: no arbitrage any more.
    await pin.snapshot([ahMatch('pin-0', 'Manchester United', 'Chelsea FC', 1.8, 1.8)]);
    await until('the close', () => webhook.received.length >= 2);
    await sleep(1500);
    expect(webhookBodies().map((b) => b.type)).toEqual(['arb:open', 'arb:close']);
    const closeText = JSON.parse(telegram.received.at(-1)?.body ?? '{}') as { text?: string };
    expect(closeText.text).toMatch(/^Closed: MANCHESTER UTD v CHELSEA \(was 3\.\d\d%\)/);
  });
});

describe('secrets', () => {
  it('no token, bot token or webhook secret in any log line of these tests', () => {
    expect(logs.lines.length).toBeGreaterThan(10);
    const text = logs.lines.join('\n');
    for (const secret of [API_TOKEN, BOT_TOKEN, WEBHOOK_SECRET, redis.url.includes('@') ? redis.url : ''])
      if (secret) expect(text).not.toContain(secret);
  });
});
