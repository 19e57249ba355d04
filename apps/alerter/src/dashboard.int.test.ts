// The alerter's deliveries on the hub's dashboard, in a real Chromium: the hub (with
// API_TOKEN and ALERTER_URL) asks the alerter's /alerts; the page's Alerts panel lists the
// deliveries and the dead-letter list (here the webhook answers 400, Telegram 200).
// Screenshot in test-results/alerter/.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '@arbhub/browser';
import { buildDashboard } from '@arbhub/hub/dashboard-build';
import { freePort } from '@arbhub/session/testing';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { AlerterApp } from './create.js';
import {
  API_TOKEN,
  BOT_TOKEN,
  CHAT_ID,
  Receiver,
  TestHub,
  WEBHOOK_SECRET,
  startAlerter,
  until,
} from './testing/world.js';

const SHOTS = join(process.cwd(), 'test-results', 'alerter');
const hub = new TestHub();
const webhook = new Receiver();
const telegram = new Receiver();
let alerter: AlerterApp | undefined;
let browser: Browser | undefined;

afterAll(async () => {
  await browser?.close();
  await alerter?.close();
  await hub.close();
  await webhook.close();
  await telegram.close();
});

describe('the Alerts panel', () => {
  it('shows the deliveries and the dead-letter list, from the hub through to the alerter', async () => {
    const dashboardDir = mkdtempSync(join(tmpdir(), 'arbhub-alerts-'));
    await buildDashboard(dashboardDir);
    mkdirSync(SHOTS, { recursive: true });
    const port = await freePort();
    await hub.start({ API_TOKEN, ALERTER_URL: `http://127.0.0.1:${port.toString()}` }, dashboardDir);
    await webhook.start();
    await telegram.start();
    webhook.answer = (_request, response) => {
      response.writeHead(400).end('no such hook');
    };
    alerter = await startAlerter({
      HUB_URL: hub.url,
      API_TOKEN,
      ALERTER_PORT: String(port),
      ALERT_WEBHOOK_URL: `${webhook.url}/hook`,
      ALERT_WEBHOOK_SECRET: WEBHOOK_SECRET,
      TELEGRAM_BOT_TOKEN: BOT_TOKEN,
      TELEGRAM_CHAT_ID: CHAT_ID,
      TELEGRAM_API_URL: telegram.url,
    });
    await until('following /stream', () => alerter?.follower?.connected === true);
    await hub.arbitrage(2);
    await until(
      '2 messages and 2 refused webhooks',
      () => telegram.received.length >= 2 && webhook.received.length >= 2,
    );

    // The hub passes the alerter's answer on (its API token required, as everywhere).
    expect((await fetch(`${hub.url}/alerts`)).status).toBe(401);
    const answer = (await (
      await fetch(`${hub.url}/alerts`, { headers: { authorization: `Bearer ${API_TOKEN}` } })
    ).json()) as { alerter: string; deliveries: { status: string }[]; deadLetters: { lastError: string }[] };
    expect(answer.alerter).toBe(`http://127.0.0.1:${port.toString()}`);
    expect(answer.deliveries.filter((d) => d.status === 'delivered')).toHaveLength(2);
    expect(answer.deadLetters.map((d) => d.lastError)).toEqual([
      'webhook: HTTP 400 (no such hook)',
      'webhook: HTTP 400 (no such hook)',
    ]);

    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${hub.url}/`);
    await page.getByLabel('API token').fill(API_TOKEN);
    await page.getByRole('button', { name: 'Log in' }).click();
    const panel = page.getByRole('region', { name: 'Alerts' });
    await panel.waitFor({ timeout: 10_000 });
    await expect.poll(() => page.locator('#alerts tbody tr').count(), { timeout: 10_000 }).toBe(4);
    expect(await page.locator('#alerts tbody tr td.alert-delivered').count()).toBe(2);
    expect(await page.locator('#alerts tbody tr td.alert-failed').count()).toBe(2);
    expect(await page.locator('#dead-letters tbody tr').count()).toBe(2);
    expect(await page.locator('#dead-letters tbody').textContent()).toContain(
      'webhook: HTTP 400 (no such hook)',
    );
    expect(await page.locator('#dead-empty').isHidden()).toBe(true);
    await panel.screenshot({ path: join(SHOTS, 'alerts-panel.png') });
  }, 60_000);
});
