// A real Chromium logs into csport through its page: the page's script computes the
// token and sets the cookie that a plain HTTP client would not.
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { CSPORT_ROW_LENGTH } from './books/csport.js';
import { loadConfig } from './config.js';
import { launchChromium } from '@arbhub/browser';
import { World } from './world/world.js';

let app: FastifyInstance;
let base: string;
let browser: Browser;

beforeAll(async () => {
  const config = loadConfig({ SIM_TRUTH: '1' });
  const world = new World({ seed: 1, fixtures: 10, arbRate: 0 }, Date);
  app = await buildApp({ config, world, clock: Date });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
  await app.close();
});

describe('csport in a real browser', () => {
  it('logs in through the form, and the session cookie reads the odds feed', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/csport/`);
    await page.fill('#username', 'demo1');
    await page.fill('#password', 'demo1');
    await Promise.all([page.waitForURL('**/Member/BetsView'), page.click('#submit')]);
    expect(await page.textContent('#member')).toContain('demo1');
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'ASP.NET_SessionId');
    expect(session?.httpOnly).toBe(true);
    // A plain HTTP client can use the cookie the browser got.
    const response = await fetch(`${base}/csport/Member/BetsView/BetLight/DataOdds.ashx`, {
      method: 'POST',
      headers: {
        cookie: `ASP.NET_SessionId=${session?.value ?? ''}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'fc=1&m_accType=MY&SystemLanguage=en-US&TimeFilter=0&m_gameType=S_&m_SortByTime=0&m_LeagueList=&SingleDouble=double&clientTime=&c=A&fav=&exlist=0&keywords=&m_sp=0',
    });
    const body = (await response.json()) as { a: boolean; today: unknown[][]; data: unknown[][] };
    expect(body.a).toBe(true);
    expect([...body.data, ...body.today][0]).toHaveLength(CSPORT_ROW_LENGTH);
    await context.close();
  });

  it('logs into sbo through its two steps', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/sbo/`);
    await page.fill('#username', 'demo2');
    await Promise.all([page.waitForSelector('#password'), page.click('#next')]);
    await page.fill('#password', 'demo2');
    await Promise.all([page.waitForURL('**/sbo/sports'), page.click('#next')]);
    expect(await page.textContent('#sports')).toContain('demo2');
    const session = (await context.cookies()).find((c) => c.name === 'sbo_session');
    const response = await fetch(`${base}/sbo/api/odds?sport=soccer&tab=today`, {
      headers: { cookie: `sbo_session=${session?.value ?? ''}` },
    });
    expect(response.status).toBe(200);
    await context.close();
  });

  it('shows the login page again for a wrong password', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/csport/`);
    await page.fill('#username', 'demo1');
    await page.fill('#password', 'wrong');
    await Promise.all([page.waitForLoadState('load'), page.click('#submit')]);
    expect(await page.textContent('.error')).toContain('Invalid username or password');
    await page.close();
  });
});
