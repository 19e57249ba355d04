// The dashboard's Matching panel in a real Chromium: a listing no name rule can place
// is shown beside its candidate, a click on Link completes the arbitrage on the board,
// and after a hub restart (decisions kept under a data directory) the board shows it
// again. Screenshots go to test-results/matching/.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '@arbhub/browser';
import { arbsAnswerSchema } from '@arbhub/schema';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard } from '../dashboard/build.mjs';
import { fileMatchingStore } from './matching-store.js';
import { HubHarness, unplacedPair } from './testing/harness.js';

const SHOTS = join(process.cwd(), 'test-results', 'matching');
const harness = new HubHarness();
let dashboardDir: string;
let dataDir: string;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dashboardDir = mkdtempSync(join(tmpdir(), 'arbhub-dashboard-'));
  dataDir = mkdtempSync(join(tmpdir(), 'arbhub-data-'));
  await buildDashboard(dashboardDir);
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
}, 60_000);
afterAll(async () => {
  await browser.close();
  await harness.close();
  rmSync(dashboardDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

const { pin: pinMatch, sbo: sboMatch } = unplacedPair;

async function startHub(): Promise<string> {
  const { base, ws } = await harness.start({}, false, {
    dashboardDir,
    matchingStore: fileMatchingStore(dataDir),
  });
  const pin = await harness.worker(ws, 'pin');
  const sbo = await harness.worker(ws, 'sbo');
  await sbo.snapshot([sboMatch]);
  await pin.snapshot([pinMatch]);
  return base;
}

describe('the Matching panel', () => {
  it('links an unplaced listing in the browser; the arbitrage appears on the board and survives a restart', async () => {
    const base = await startHub();
    await page.goto(base);
    const listing = page.locator('#review tr[data-listing="sbo|s-12"]');
    await listing.waitFor({ timeout: 10_000 });
    expect(await page.locator('#arbs tbody tr').count()).toBe(0);
    await expect.poll(() => page.locator('#review-count').textContent()).toBe('(2)'); // each of the two listings is alone, the other its candidate
    const link = page.getByRole('button', {
      name: "Link sbo's Hafen Sportverein v Loewen Club to Leipzig Lions v Hamburg Harbour",
    });
    await page.screenshot({ path: join(SHOTS, 'before-link.png'), fullPage: true });
    await link.click();
    await page.locator('#arbs tbody tr').first().waitFor({ timeout: 5000 });
    await expect.poll(() => page.locator('#review tbody tr').count()).toBe(0);
    expect(await page.locator('#review-status').textContent()).toMatch(/^Saved: sbo/);
    expect(await page.locator('#arbs tbody tr').first().textContent()).toMatch(/Leipzig Lions/);
    await page.screenshot({ path: join(SHOTS, 'after-link.png'), fullPage: true });

    // The hub restarts (same data directory); the books send their listings again.
    await harness.close();
    const again = await startHub();
    const arbs = arbsAnswerSchema.parse(await (await fetch(`${again}/arbs`)).json());
    expect(arbs.map((a) => a.legs.map((l) => l.book).sort())).toEqual([['pin', 'sbo']]);
    await page.goto(again);
    await page.locator('#arbs tbody tr').first().waitFor({ timeout: 5000 });
    expect(await page.locator('#review tbody tr').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);
});
