// The dashboard's History panel in a real Chromium against a hub with a history
// database (SQLite): the charts (uPlot) drawn from /history/stats, the book × book heat
// map, the lagging books, the latest arbitrage, and one arbitrage's prices, each with an
// accessible name; no page error, no CSP violation, axe-core finding nothing serious.
// Screenshots go to test-results/history/.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '@arbhub/browser';
import type { Arb } from '@arbhub/schema';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard } from '../dashboard/build.mjs';
import { openHistoryRecords } from './history-records.js';
import type { HistoryRecords } from './history-records.js';
import { HubHarness } from './testing/harness.js';

const SHOTS = join(process.cwd(), 'test-results', 'history');
const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;
const harness = new HubHarness();
const BOOKS = ['pin', 'sbo', 'ibc', 'cmd'];
const NOW = Date.now();

let dir: string;
let records: HistoryRecords;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const cspViolations: string[] = [];

function arb(i: number, openedAt: number): Arb {
  const a = BOOKS[i % BOOKS.length] ?? 'pin';
  const b = BOOKS[(i + 1 + (i % 3)) % BOOKS.length] ?? 'sbo';
  return {
    id: `arb-h${String(i)}`,
    eventId: `ev-${String(i)}`,
    event: {
      home: `Home ${String(i)}`,
      away: `Away ${String(i)}`,
      league: 'Test League',
      startTime: new Date(NOW + 86_400_000).toISOString(),
      sport: 'soccer',
      inPlay: false,
    },
    period: 'ft',
    kind: 'pair',
    returnRatio: 1 + (0.5 + (i % 7) * 0.4) / 100,
    profitPct: 0.5 + (i % 7) * 0.4,
    legs: [
      {
        book: a,
        eventId: `${a}-${String(i)}`,
        market: 'ah',
        line: -0.25,
        side: 'home',
        odds: 2.05,
        stakeFraction: 0.49,
        maxStake: null,
      },
      {
        book: b,
        eventId: `${b}-${String(i)}`,
        market: 'ah',
        line: 0.25,
        side: 'away',
        odds: 1.99,
        stakeFraction: 0.51,
        maxStake: null,
      },
    ],
    openedAt,
    updatedAt: openedAt,
    flags: [],
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'arbhub-history-charts-'));
  const dashboardDir = join(dir, 'dashboard');
  await buildDashboard(dashboardDir);
  mkdirSync(SHOTS, { recursive: true });
  records = openHistoryRecords({ dataDir: dir, retentionDays: 30 });
  // 60 arbitrage over the last 20 hours, lifetimes 1 s to 10 min.
  for (let i = 0; i < 60; i += 1) {
    const a = arb(i, NOW - 20 * 3_600_000 + i * 1_200_000);
    records.writer.opened(a, a.legs[i % 2]?.book ?? null);
    records.writer.closed(
      a,
      i % 4 === 0 ? 'stale' : 'odds_moved',
      a.openedAt + [1200, 4000, 15_000, 90_000, 600_000][i % 5]!,
    );
  }
  // One with its legs' prices: pin moved up twice, sbo lagged, then caught up.
  const opened = NOW - 5 * 60_000;
  const q = (book: string, side: string, line: number, odds: number, ts: number) => ({
    book,
    bookEventId: `${book}-x`,
    market: 'ah',
    period: 'ft',
    line,
    side,
    odds,
    ts,
  });
  records.recorder.quotes([
    q('pin', 'home', -0.25, 1.9, opened - 8 * 60_000),
    q('sbo', 'away', 0.25, 2.02, opened - 9 * 60_000),
  ]);
  records.recorder.quotes([q('pin', 'home', -0.25, 1.97, opened - 3 * 60_000)]);
  records.recorder.quotes([q('pin', 'home', -0.25, 2.06, opened)]);
  const priced: Arb = {
    ...arb(99, opened),
    id: 'arb-priced',
    event: { ...arb(99, opened).event, home: 'Arsenal', away: 'Everton' },
    legs: [
      {
        book: 'pin',
        eventId: 'pin-x',
        market: 'ah',
        line: -0.25,
        side: 'home',
        odds: 2.06,
        stakeFraction: 0.49,
        maxStake: null,
      },
      {
        book: 'sbo',
        eventId: 'sbo-x',
        market: 'ah',
        line: 0.25,
        side: 'away',
        odds: 2.02,
        stakeFraction: 0.51,
        maxStake: null,
      },
    ],
  };
  records.recorder.changes({ opened: [priced], updated: [], closed: [] });
  records.recorder.quotes([q('sbo', 'away', 0.25, 1.86, opened + 40_000)]);
  records.recorder.changes({
    opened: [],
    updated: [],
    closed: [{ arb: priced, reason: 'odds_moved', closedAt: opened + 40_000 }],
  });
  await records.writer.flush();
  const { base } = await harness.start({}, false, { records, dashboardDir });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${base}/`);
}, 60_000);

afterAll(async () => {
  await browser.close();
  await harness.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the History panel', () => {
  it('draws arbitrage per hour, lifetimes and profits, the heat map and the lagging books from the history', async () => {
    await page.locator('#history-panel').waitFor({ state: 'visible', timeout: 10_000 });
    await page.locator('#history-status', { hasText: '61 arbitrage' }).waitFor({ timeout: 10_000 });
    for (const id of ['chart-hourly', 'chart-lifetime', 'chart-profit']) {
      // uPlot drew a canvas of real size, with its title, and the figure says what it shows.
      const canvas = page.locator(`#${id} canvas`);
      await canvas.waitFor();
      const box = await canvas.boundingBox();
      expect(box?.width).toBeGreaterThan(200);
      expect(box?.height).toBeGreaterThan(100);
      expect(await page.locator(`#${id}`).getAttribute('role')).toBe('img');
      expect(await page.locator(`#${id}`).getAttribute('aria-label')).toMatch(/\d/);
    }
    expect(await page.locator('#chart-hourly .u-title').textContent()).toBe('Arbitrage per hour');
    // 12 of the 60 closed within 1-2 s, 12 lived 10 min or more (the priced one lived 40 s).
    expect(await page.locator('#chart-lifetime').getAttribute('aria-label')).toContain('1s–2s 12');
    expect(await page.locator('#chart-lifetime').getAttribute('aria-label')).toContain('≥ 10m 12');
    // The heat map: pin × sbo counted in both cells, equal, and the total of the table twice the pairs.
    const cell = (a: string, b: string) =>
      page
        .locator(`#history-heat tbody tr:has(th:text-is("${a}")) td`)
        .nth(['cmd', 'ibc', 'pin', 'sbo'].indexOf(b));
    const pinSbo = Number(await cell('pin', 'sbo').textContent());
    expect(pinSbo).toBeGreaterThan(0);
    expect(Number(await cell('sbo', 'pin').textContent())).toBe(pinSbo);
    expect(await cell('pin', 'pin').textContent()).toBe('–');
    const lag = await page.locator('#history-lag tbody tr').allTextContents();
    expect(lag.length).toBe(4);
    expect(await page.locator('#history-arbs tbody tr').count()).toBe(25);
    expect(await page.locator('#history-csv').getAttribute('href')).toMatch(
      /^\/history\/arbs\.csv\?from=\d+&to=\d+$/,
    );
    await page.locator('#history-panel').scrollIntoViewIfNeeded();
    await page.locator('#history-panel').screenshot({ path: join(SHOTS, 'history-panel.png') });
    await page.locator('#history-panel .charts').screenshot({ path: join(SHOTS, 'history-charts.png') });
  });

  it("shows one arbitrage's legs' prices around its lifetime", async () => {
    const row = page.locator('#history-arbs tbody tr[data-arb="arb-priced"]');
    await row.getByRole('button', { name: 'Prices of Arsenal v Everton' }).click();
    await page.locator('#chart-prices canvas').waitFor();
    const label = (await page.locator('#chart-prices').getAttribute('aria-label')) ?? '';
    expect(label).toContain('pin ah -0.25 home 1.9 → 1.97 → 2.06');
    expect(label).toContain('sbo ah 0.25 away 2.02 → 1.86');
    expect(await page.locator('#chart-prices .u-legend').textContent()).toContain('sbo ah 0.25 away');
    await page.locator('#history-detail').screenshot({ path: join(SHOTS, 'history-prices.png') });
  });

  it('filters by book and keeps the export in step', async () => {
    await page.locator('#history-book').selectOption('cmd');
    await expect.poll(() => page.locator('#history-csv').getAttribute('href')).toContain('book=cmd');
    const books = await page.locator('#history-arbs tbody tr td:nth-child(3)').allTextContents();
    expect(books.length).toBeGreaterThan(0);
    for (const b of books) expect(b).toContain('cmd');
  });

  it('has no serious accessibility violation, no page error and no CSP violation', async () => {
    await page.evaluate(axeSource);
    const violations = await page.evaluate<{ id: string; impact: string; nodes: number }[]>(
      "axe.run(document.getElementById('history-panel')).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })))",
    );
    console.log(`axe-core on the History panel: ${JSON.stringify(violations)}`);
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
