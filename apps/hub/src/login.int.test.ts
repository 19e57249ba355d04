// The dashboard behind API_TOKEN in a real Chromium: no login, no data (the login page,
// and the page's own fetch of /arbs answered 401); a wrong token is told so; the right
// one opens the board, live over /stream with the session cookie, with the arbitrage and
// the workers on it; Log out takes it all away again. The page runs under the hub's
// strict Content-Security-Policy throughout. Screenshots go to test-results/login/.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '@arbhub/browser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard } from '../dashboard/build.mjs';
import { HubHarness, ahMatch } from './testing/harness.js';

const SHOTS = join(process.cwd(), 'test-results', 'login');
const API_TOKEN = 'the-dashboard-api-token-of-this-test';
const harness = new HubHarness();
let base: string;
let browser: Browser;
let page: Page;
const cspViolations: string[] = [];
const pageErrors: string[] = [];
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

/** What the page itself gets when it asks for `path` (its cookies, its origin). */
const pageFetch = (path: string) =>
  page.evaluate<number, string>(async (url) => (await fetch(url)).status, path);

beforeAll(async () => {
  const dashboardDir = mkdtempSync(join(tmpdir(), 'arbhub-login-'));
  await buildDashboard(dashboardDir);
  mkdirSync(SHOTS, { recursive: true });
  const started = await harness.start({ API_TOKEN }, false, { dashboardDir });
  base = started.base;
  // One arbitrage: csport's home -0.5 at 2.10 against pin's away +0.5 at 2.05.
  const csport = await harness.worker(started.ws, 'csport');
  const pin = await harness.worker(started.ws, 'pin');
  await csport.snapshot([ahMatch('cs-1', 'MANCHESTER UTD', 'CHELSEA', 2.1, 1.75)]);
  await pin.snapshot([ahMatch('pin-9', 'Manchester United', 'Chelsea FC', 1.8, 2.05)]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 60_000);

afterAll(async () => {
  await browser.close();
  await harness.close();
});

describe('the dashboard behind API_TOKEN', () => {
  it('without a login shows the login page and nothing else: the data routes answer 401', async () => {
    await page.goto(`${base}/`);
    await page.getByLabel('API token').waitFor();
    expect(await page.getByLabel('API token').getAttribute('type')).toBe('password');
    expect(await page.locator('#arbs').count()).toBe(0);
    for (const path of ['/arbs', '/odds', '/workers', '/events'])
      expect(await pageFetch(path), path).toBe(401);
    await shot('login');
  });

  it('says so when the token is wrong, and still shows no data', async () => {
    await page.getByLabel('API token').fill('not-the-api-token-at-all');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: 'that is not the API token' }).waitFor();
    expect(await pageFetch('/arbs')).toBe(401);
    await shot('wrong-token');
  });

  it('with the right token opens the board: live over /stream, the arbitrage and the workers on it', async () => {
    await page.getByLabel('API token').fill(API_TOKEN);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator('#connection', { hasText: 'Live' }).waitFor({ timeout: 5000 });
    await expect.poll(() => page.locator('#arbs tbody tr').count(), { timeout: 5000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#workers tbody tr').count(), { timeout: 5000 }).toBe(2);
    expect(await pageFetch('/arbs')).toBe(200);
    // The cookie is out of the page's reach (HttpOnly): scripts cannot read it.
    expect(await page.evaluate<string>('document.cookie')).toBe('');
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({ name: 'arbhub_session', httpOnly: true, sameSite: 'Strict' });
    await shot('board');
  });

  it('goes back to the login page by itself when its login is ended elsewhere (another tab logged out)', async () => {
    const [cookie] = await page.context().cookies();
    const other = await fetch(`${base}/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: `${cookie?.name ?? ''}=${cookie?.value ?? ''}` },
    });
    expect(other.status).toBe(303);
    // The next poll (every 3 s) is answered 401, and the page goes to / .
    await page.getByLabel('API token').waitFor({ timeout: 10_000 });
    await page.getByLabel('API token').fill(API_TOKEN);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator('#connection', { hasText: 'Live' }).waitFor({ timeout: 5000 });
  });

  it('logs out: back to the login page, and the data routes answer 401 again', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('API token').waitFor();
    expect(await page.locator('#arbs').count()).toBe(0);
    for (const path of ['/arbs', '/odds', '/workers']) expect(await pageFetch(path), path).toBe(401);
    expect(await page.context().cookies()).toEqual([]);
    await shot('logged-out');
  });

  it('ran under the strict Content-Security-Policy: no violation, no page error', () => {
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
