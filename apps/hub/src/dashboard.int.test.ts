// The dashboard in a real Chromium (Playwright) against a running hub fed by fake
// workers over /ws: an arb:open becomes a row within 1 s; its stakes are /calc's; a close
// removes it; the filters and the odds format change what is shown; the workers panel
// and one event's odds view; a restarted hub is shown reconnecting and is reconnected;
// every control reachable by keyboard and axe-core finding no serious violation.
// Screenshots go to test-results/dashboard/.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '@arbhub/browser';
import { formatOdds } from '@arbhub/odds';
import type { MatchInput } from '@arbhub/schema';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { buildDashboard } from '../dashboard/build.mjs';
import { buildApp } from './app.js';
import { TEST_TOKEN, ahMatch as match } from './testing/harness.js';

const SHOTS = join(process.cwd(), 'test-results', 'dashboard');
const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

let dashboardDir: string;
let hub: FastifyInstance;
let base: string;
let port = 0;
let browser: Browser;
let page: Page;
const sockets: WebSocket[] = [];
/** What the page reports while the tests use it: it must work under the hub's strict CSP. */
const cspViolations: string[] = [];
const pageErrors: string[] = [];
const streamed: { at: number; type: string; id?: string }[] = [];

async function startHub(): Promise<void> {
  hub = await buildApp({
    config: {
      WORKER_TOKEN: TEST_TOKEN,
      STALE_AFTER_MS: 60_000,
      HEARTBEAT_MS: 5_000,
      MAX_MESSAGE_BYTES: 1 << 20,
    },
    dashboardDir,
  });
  base = await hub.listen({ port, host: '127.0.0.1' });
  port = (hub.server.address() as AddressInfo).port;
}

function open(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  const socket = new WebSocket(url, { headers });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** A fake worker: registers, then sends snapshots of its one partition. */
async function fakeWorker(workerId: string, book: string) {
  const socket = await open(`${base.replace('http', 'ws')}/ws`, { authorization: `Bearer ${TEST_TOKEN}` });
  socket.send(
    JSON.stringify({
      type: 'worker:register',
      workerId,
      book,
      account: 'demo1',
      partitions: ['soccer:today'],
    }),
  );
  return (matches: MatchInput[]) => {
    socket.send(
      JSON.stringify({
        type: 'odds:update',
        workerId,
        book,
        ts: Date.now(),
        mode: 'snapshot',
        partition: 'soccer:today',
        matches,
      }),
    );
  };
}

async function watchStream(): Promise<void> {
  const socket = await open(`${base.replace('http', 'ws')}/stream`);
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { type: string; arb?: { id: string } };
    streamed.push({ at: Date.now(), type: message.type, id: message.arb?.id });
  });
}

async function nextStreamed(type: string, after: number, ms = 5000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = streamed.find((m) => m.type === type && m.at >= after);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no ${type} on /stream`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const rows = () => page.locator('#arbs tbody tr');
const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

let csport: Awaited<ReturnType<typeof fakeWorker>>;
let pin: Awaited<ReturnType<typeof fakeWorker>>;

beforeAll(async () => {
  dashboardDir = mkdtempSync(join(tmpdir(), 'arbhub-dashboard-'));
  await buildDashboard(dashboardDir);
  mkdirSync(SHOTS, { recursive: true });
  await startHub();
  await watchStream();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${base}/`);
  await page.locator('#connection', { hasText: 'Live' }).waitFor({ timeout: 5000 });
  csport = await fakeWorker('csport-1', 'csport');
  pin = await fakeWorker('pin-1', 'pin');
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  await browser.close();
  await hub.close();
});

describe('the dashboard', () => {
  it('serves its page, script and styles, and nothing else from its folder', async () => {
    const html = await fetch(`${base}/`);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('/dashboard/app.js');
    expect((await fetch(`${base}/dashboard/app.js`)).headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${base}/dashboard/app.css`)).headers.get('content-type')).toContain('text/css');
    expect((await fetch(`${base}/dashboard/build.mjs`)).status).toBe(404);
    expect((await fetch(`${base}/dashboard/..%2Fpackage.json`)).status).toBe(404);
  });

  it('shows an arb:open as a row within 1 s, with its legs, profit and age', async () => {
    const sent = Date.now();
    // csport pays 2.10 on the home side, pin 2.05 on the away side: 1/(1/2.10 + 1/2.05) = 1.03735.
    csport([match('cs-1', 'MANCHESTER UTD', 'CHELSEA', 2.1, 1.75)]);
    pin([match('pin-9', 'Manchester United', 'Chelsea FC', 1.8, 2.05)]);
    const opened = await nextStreamed('arb:open', sent);
    await rows().first().waitFor({ timeout: 1000 });
    const ms = Date.now() - opened.at;
    console.log(`arb:open on /stream → row on the page: ${ms} ms`);
    expect(ms).toBeLessThan(1000);
    const row = rows().first();
    await expect.poll(() => row.getAttribute('class')).toContain('new');
    expect(await row.locator('td.profit').textContent()).toBe(
      `${((1 / (1 / 2.1 + 1 / 2.05) - 1) * 100).toFixed(2)}%`,
    );
    const legs = await row.locator('td.legs li').allTextContents();
    expect(legs.sort()).toEqual(['csport · AH home −0.5 @ 2.10', 'pin · AH away +0.5 @ 2.05']);
    await expect.poll(() => row.locator('td.age').textContent(), { timeout: 3000 }).toMatch(/^[1-9] s$/);
    await shot('board');
  });

  it('works out the stakes with /calc, for the bankroll and rounding given, and copies them', async () => {
    await rows()
      .first()
      .getByRole('button', { name: /^Stakes for/ })
      .click();
    await page.locator('#stakes-table tbody tr').nth(1).waitFor();
    await page.fill('#bankroll', '500');
    await page.fill('#round', '5');
    const calc = (await (
      await fetch(`${base}/calc`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          selections: [
            { market: 'ah', period: 'ft', line: -0.5, side: 'home', odds: 2.1 },
            { market: 'ah', period: 'ft', line: 0.5, side: 'away', odds: 2.05 },
          ],
          bankroll: 500,
          round: 5,
        }),
      })
    ).json()) as { rounded: { stakes: number[]; profit: number } };
    await expect
      .poll(async () => (await page.locator('#stakes-table td.stake').allTextContents()).sort())
      .toEqual(calc.rounded.stakes.map((s) => s.toFixed(2)).sort());
    expect(await page.locator('#stakes-profit').textContent()).toContain(
      `Guaranteed profit ${calc.rounded.profit.toFixed(2)}`,
    );
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    await page.click('#copy');
    await expect.poll(() => page.locator('#copy-status').textContent()).toBe('Copied to the clipboard.');
    expect(await page.locator('#stakes-profit').textContent()).toContain('Guaranteed profit');
    const copied = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(copied).toContain(`stake ${(calc.rounded.stakes[0] ?? 0).toFixed(2)}`);
    await shot('stakes');
    await page.click('#stakes-close');
  });

  it('filters by minimum profit, book and in-play, and sorts', async () => {
    await page.fill('#min-profit', '5');
    await expect.poll(() => rows().count()).toBe(0);
    expect(await page.locator('#empty').isVisible()).toBe(true);
    await page.fill('#min-profit', '3');
    await expect.poll(() => rows().count()).toBe(1);
    await page.getByRole('checkbox', { name: 'pin' }).uncheck();
    await expect.poll(() => rows().count()).toBe(0);
    await page.getByRole('checkbox', { name: 'pin' }).check();
    await expect.poll(() => rows().count()).toBe(1);
    await page.selectOption('#when', 'inplay');
    await expect.poll(() => rows().count()).toBe(0);
    await page.selectOption('#when', 'prematch');
    await expect.poll(() => rows().count()).toBe(1);
    await page.selectOption('#when', 'all');
    await page.fill('#min-profit', '0');
    // Hiding a row, and bringing it back.
    await rows().first().getByRole('button', { name: /^Hide/ }).click();
    await expect.poll(() => rows().count()).toBe(0);
    await page.getByRole('button', { name: 'Show hidden (1)' }).click();
    await expect.poll(() => rows().count()).toBe(1);
  });

  it('shows odds in the chosen format and remembers it across a reload', async () => {
    await page.selectOption('#format', 'malay');
    const malay = `csport · AH home −0.5 @ ${formatOdds(2.1, 'malay')}`;
    await expect.poll(async () => rows().first().locator('td.legs li').allTextContents()).toContain(malay);
    await page.selectOption('#format', 'american');
    await expect
      .poll(async () => rows().first().locator('td.legs li').allTextContents())
      .toContain(`pin · AH away +0.5 @ ${formatOdds(2.05, 'american')}`);
    await page.reload();
    await rows().first().waitFor();
    expect(await page.locator('#format').inputValue()).toBe('american');
    await page.selectOption('#format', 'decimal');
  });

  it('lists the workers, and one event’s prices at every book with the best marked', async () => {
    await expect.poll(() => page.locator('#workers tbody tr').count(), { timeout: 5000 }).toBe(2);
    expect(await page.locator('#workers tbody tr[data-worker="pin-1"] td').nth(2).textContent()).toBe('ok');
    await rows()
      .first()
      .getByRole('button', { name: /^Odds of/ })
      .click();
    await page.locator('#odds-table tbody tr').first().waitFor();
    expect(await page.locator('#odds-table thead th').allTextContents()).toEqual([
      'Selection',
      'csport',
      'pin',
    ]);
    const best = await page.locator('#odds-table td.best').allTextContents();
    expect(best.map((t) => t.replace(' (best)', '')).sort()).toEqual(['2.05', '2.10']);
    await shot('odds');
    await page.click('#odds-close');
  });

  it('removes the row when the arbitrage closes', async () => {
    const sent = Date.now();
    pin([match('pin-9', 'Manchester United', 'Chelsea FC', 1.8, 1.8)]);
    await nextStreamed('arb:close', sent);
    await expect.poll(() => rows().count(), { timeout: 4000 }).toBe(0);
  });

  it('shows one row per opportunity with "+N more", flagged rows marked and last, and a closed row’s lifetime', async () => {
    const sent = Date.now();
    // Arsenal v Everton: two lines at each book give several arbitrages of one idea.
    const manchester = match('cs-1', 'MANCHESTER UTD', 'CHELSEA', 2.1, 1.75);
    const manchesterPin = match('pin-9', 'Manchester United', 'Chelsea FC', 1.8, 1.8);
    // Kick-offs far ahead: nothing is starting soon.
    const later = (m: MatchInput): MatchInput => ({ ...m, startTime: '2030-01-05T15:00:00Z' });
    const two = (eventId: string, a: [number, number], b: [number, number]): MatchInput => ({
      ...later(match(eventId, 'Arsenal', 'Everton', a[0], a[1])),
      markets: [
        { market: 'ah', period: 'ft', line: -0.5, prices: { home: a[0], away: a[1] } },
        { market: 'ah', period: 'ft', line: -0.25, prices: { home: b[0], away: b[1] } },
      ],
    });
    // Liverpool v Leeds at 2.60 / 1.50 and 1.50 / 2.60: 30% profit, flagged high_profit.
    // The first tests' Manchester United v Chelsea stays listed (a snapshot replaces a worker's whole list).
    csport([
      manchester,
      two('cs-a', [2.1, 1.75], [1.95, 1.85]),
      later(match('cs-b', 'Liverpool', 'Leeds', 2.6, 1.5)),
    ]);
    pin([
      manchesterPin,
      two('pin-a', [1.8, 2.05], [1.66, 2.2]),
      later(match('pin-b', 'Liverpool', 'Leeds', 1.5, 2.6)),
    ]);
    await nextStreamed('arb:open', sent);
    const arbs = (await (await fetch(`${base}/arbs`)).json()) as { eventId: string; flags: string[] }[];
    const groups = (await (await fetch(`${base}/arbs?group=event`)).json()) as {
      best: { id: string };
      alternatives: unknown[];
    }[];
    const arsenal = groups.find((g) => g.alternatives.length > 0);
    expect(arsenal, JSON.stringify(groups)).toBeDefined();
    const more = arsenal?.alternatives.length ?? 0;
    await expect.poll(() => rows().count(), { timeout: 3000 }).toBe(groups.length);
    expect(arbs.length).toBe(groups.reduce((n, g) => n + 1 + g.alternatives.length, 0));
    const last = rows().last();
    expect(await last.getAttribute('class')).toContain('flagged');
    expect(await last.locator('.flag').allTextContents()).toEqual(['too good?']);
    expect(await rows().first().getAttribute('class')).not.toContain('flagged');
    // Its stake panel says why it may not be real; a clean one's does not.
    await last.getByRole('button', { name: /^Stakes for/ }).click();
    await expect
      .poll(() => page.locator('#stakes-flags').textContent())
      .toMatch(/^Check before betting: Profit above/);
    await rows()
      .first()
      .getByRole('button', { name: /^Stakes for/ })
      .click();
    await expect.poll(() => page.locator('#stakes-flags').isVisible()).toBe(false);
    await page.click('#stakes-close');
    const arsenalRow = page.locator(`#arbs tbody tr[data-id="${arsenal?.best.id ?? ''}"]`);
    await arsenalRow.getByRole('button', { name: /^Show \d+ other/ }).click();
    await expect.poll(() => page.locator('#arbs tbody tr.alt').count()).toBe(more);
    expect(await arsenalRow.locator('[data-role=more]').textContent()).toBe('Fewer');
    await shot('board-grouped');
    await page.getByRole('checkbox', { name: 'too good?' }).check();
    await expect.poll(() => page.locator('#arbs tbody tr.group').count()).toBe(groups.length - 1);
    await page.getByRole('checkbox', { name: 'too good?' }).uncheck();
    // Prices move while a row's Stakes button has the focus: the row is updated in place, the focus stays.
    const stakesButton = arsenalRow.getByRole('button', { name: /^Stakes for/ });
    await stakesButton.focus();
    const moved = Date.now();
    pin([
      manchesterPin,
      two('pin-a', [1.8, 2.07], [1.66, 2.2]),
      later(match('pin-b', 'Liverpool', 'Leeds', 1.5, 2.6)),
    ]);
    await nextStreamed('arb:update', moved);
    await expect
      .poll(() => arsenalRow.locator('td.legs li').allTextContents())
      .toContain('pin · AH away +0.5 @ 2.07');
    expect(await stakesButton.evaluate((b) => b === b.ownerDocument.activeElement)).toBe(true);
    // Everything closes: each row shows how long it lived, then goes.
    const closed = Date.now();
    csport([
      manchester,
      two('cs-a', [1.8, 1.8], [1.8, 1.8]),
      later(match('cs-b', 'Liverpool', 'Leeds', 1.8, 1.8)),
    ]);
    pin([
      manchesterPin,
      two('pin-a', [1.8, 1.8], [1.8, 1.8]),
      later(match('pin-b', 'Liverpool', 'Leeds', 1.8, 1.8)),
    ]);
    await nextStreamed('arb:close', closed);
    await expect
      .poll(() => rows().locator('td.age').allTextContents(), { timeout: 2000 })
      .toContainEqual(expect.stringMatching(/^closed, lived \d+ s$/));
    await shot('board-closing');
    await expect.poll(() => rows().count(), { timeout: 5000 }).toBe(0);
  });

  it('can be used from the keyboard alone, with every control labelled (axe-core: no serious violation)', async () => {
    const sent = Date.now();
    pin([match('pin-9', 'Manchester United', 'Chelsea FC', 1.8, 2.05)]);
    await nextStreamed('arb:open', sent);
    await rows().first().waitFor();
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    let reached = false;
    for (let i = 0; i < 40 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate<boolean>(
        "document.activeElement?.getAttribute('data-role') === 'stakes'",
      );
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('#stakes-table tbody tr').first().waitFor();
    expect(await page.locator('#stakes').isVisible()).toBe(true);
    // Evaluated through DevTools, not as a <script> tag: the page's CSP allows no inline script.
    await page.evaluate(axeSource);
    // Run in the page (the string keeps browser globals out of this node-side file).
    const violations = await page.evaluate<{ id: string; impact: string; nodes: number }[]>(
      'axe.run().then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })))',
    );
    console.log(`axe-core: ${violations.length} violation(s) of any impact: ${JSON.stringify(violations)}`);
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await shot('keyboard');
  });

  it('shows that it is reconnecting while the hub restarts, and reconnects', async () => {
    for (const socket of sockets) socket.terminate();
    await hub.close();
    await page.locator('#connection', { hasText: 'Reconnecting' }).waitFor({ timeout: 3000 });
    await shot('reconnecting');
    await startHub();
    await page.locator('#connection', { hasText: 'Live' }).waitFor({ timeout: 15_000 });
  }, 30_000);

  it("works under the hub's strict Content-Security-Policy: no violation, no page error in all of the above", () => {
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
