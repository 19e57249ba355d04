// Who may read the arbitrage, on a real hub over loopback: API_TOKEN on every route but
// /health (REST, /metrics with its own token, /stream at the upgrade), the dashboard's
// login cookie, connection and rate limits, security headers, bounded /calc input, and
// one error shape for every 4xx.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { buildDashboard } from '../dashboard/build.mjs';
import { loadConfig } from './config.js';
import { HubHarness, TEST_TOKEN } from './testing/harness.js';

const API_TOKEN = 'an-api-token-for-these-tests';
const METRICS_TOKEN = 'a-metrics-token-for-scrapers';
const harness = new HubHarness();
afterEach(() => harness.close());
// The login page and the board are the built dashboard's (a fresh clone has none built).
let dashboardDir = '';
beforeAll(async () => {
  dashboardDir = mkdtempSync(join(tmpdir(), 'arbhub-security-'));
  await buildDashboard(dashboardDir);
});
const start = (config: Parameters<HubHarness['start']>[0]) => harness.start(config, false, { dashboardDir });

const get = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, { headers, redirect: 'manual' });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Opens a WebSocket; resolves with it (and the messages it gets) or the HTTP status the upgrade was refused with. */
function upgrade(url: string, options: ConstructorParameters<typeof WebSocket>[2] = {}) {
  return new Promise<{ socket?: WebSocket; status?: number; messages: string[] }>((resolve) => {
    const socket = new WebSocket(url, options);
    const messages: string[] = [];
    socket.on('message', (data: Buffer) => messages.push(data.toString()));
    socket.once('open', () => {
      resolve({ socket, messages });
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve({ status: response.statusCode, messages });
      socket.terminate();
    });
    socket.once('error', () => {
      resolve({ messages });
    });
  });
}

/** The API's error shape, exactly: two strings, nothing else (no stack, no statusCode). */
async function expectApiError(response: Response, status: number, error?: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await response.json()) as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(['error', 'message']);
  expect(typeof body.message).toBe('string');
  if (error) expect(body.error).toBe(error);
  expect(JSON.stringify(body)).not.toMatch(/\/work\/|node_modules|\bat [\w.]+ \(/);
  return body as { error: string; message: string };
}

describe('API_TOKEN', () => {
  it('guards every route but /health: 401 in the API shape without it or with a wrong one, 200 with it', async () => {
    const { base } = await start({ API_TOKEN });
    expect((await get(`${base}/health`)).status).toBe(200);
    for (const path of [
      '/workers',
      '/events',
      '/odds',
      '/arbs',
      '/arbs/history',
      '/matching/review',
      '/metrics',
    ]) {
      const none = await get(`${base}${path}`);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      await expectApiError(none, 401, 'unauthorized');
      await expectApiError(
        await get(`${base}${path}`, bearer('not-the-api-token-at-all')),
        401,
        'unauthorized',
      );
      expect((await get(`${base}${path}`, bearer(API_TOKEN))).status, path).toBe(200);
    }
    const calc = (headers: Record<string, string>) =>
      fetch(`${base}/calc`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ selections: [{ market: '1x2', side: 'home', odds: 2 }] }),
      });
    await expectApiError(await calc({}), 401, 'unauthorized');
    expect((await calc(bearer(API_TOKEN))).status).toBe(200);
    // The worker token is not the API token.
    await expectApiError(await get(`${base}/arbs`, bearer(TEST_TOKEN)), 401);
  });

  it('/metrics takes METRICS_TOKEN or API_TOKEN; with only METRICS_TOKEN set, the rest stays open', async () => {
    let { base } = await start({ API_TOKEN, METRICS_TOKEN });
    expect((await get(`${base}/metrics`, bearer(METRICS_TOKEN))).status).toBe(200);
    expect((await get(`${base}/metrics`, bearer(API_TOKEN))).status).toBe(200);
    await expectApiError(await get(`${base}/arbs`, bearer(METRICS_TOKEN)), 401);
    await harness.close();
    ({ base } = await start({ METRICS_TOKEN }));
    await expectApiError(await get(`${base}/metrics`), 401);
    expect((await get(`${base}/metrics`, bearer(METRICS_TOKEN))).status).toBe(200);
    expect((await get(`${base}/arbs`)).status).toBe(200);
  });

  it('/stream is refused 401 at the upgrade without it, and taken with the header or ?token=', async () => {
    const { ws } = await start({ API_TOKEN });
    expect((await upgrade(`${ws}/stream`)).status).toBe(401);
    expect((await upgrade(`${ws}/stream?token=wrong-token-of-some-length`)).status).toBe(401);
    for (const opened of [
      await upgrade(`${ws}/stream`, { headers: bearer(API_TOKEN) }),
      await upgrade(`${ws}/stream?token=${API_TOKEN}`),
    ]) {
      expect(opened.socket).toBeDefined();
      await expect.poll(() => opened.messages.length).toBeGreaterThan(0);
      expect(JSON.parse(opened.messages[0] ?? '')).toMatchObject({ type: 'arb:snapshot' });
      opened.socket?.close();
    }
    // ?token= is for /stream only: REST takes the header (a URL is logged and kept in histories).
    expect((await get(`${ws.replace('ws', 'http')}/arbs?token=${API_TOKEN}`)).status).toBe(401);
  });

  it('is required in production, at least 16 characters, and the error is one line naming it', () => {
    const env = { NODE_ENV: 'production', WORKER_TOKEN: TEST_TOKEN };
    expect(() => loadConfig(env)).toThrow(/API_TOKEN.*required when NODE_ENV=production/);
    expect(() => loadConfig({ ...env, API_TOKEN: 'short' })).toThrow(
      /API_TOKEN must be at least 16 characters/,
    );
    expect(loadConfig({ ...env, API_TOKEN }).API_TOKEN).toBe(API_TOKEN);
    expect(loadConfig({}).HUB_HOST).toBe('127.0.0.1');
  });
});

describe('dashboard login', () => {
  const form = (base: string, token: string, cookie = '') =>
    fetch(`${base}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ token }).toString(),
    });

  it('shows the login page, sets a signed HttpOnly SameSite=Strict cookie that reads the data, and logout ends it', async () => {
    const { base, ws } = await start({ API_TOKEN });
    const page = await get(`${base}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('type="password"');
    expect(html).not.toContain('id="arbs-title"');

    const wrong = await form(base, 'not-the-api-token-at-all');
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('that is not the API token');
    expect(wrong.headers.get('set-cookie')).toBeNull();

    const right = await form(base, API_TOKEN);
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe('/');
    const setCookie = right.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^arbhub_session=[^;]+\.[^;]+;/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toContain(API_TOKEN);
    const cookie = setCookie.split(';')[0] ?? '';

    expect((await get(`${base}/arbs`, { cookie })).status).toBe(200);
    const dashboard = await (await get(`${base}/`, { cookie })).text();
    expect(dashboard).toContain('id="arbs-title"');
    expect(dashboard).toMatch(/<form class="logout"[^>]*data-login-only>/);
    const stream = await upgrade(`${ws}/stream`, { headers: { cookie } });
    expect(stream.socket).toBeDefined();
    stream.socket?.close();
    // A forged or altered cookie is nobody's.
    await expectApiError(await get(`${base}/arbs`, { cookie: `${cookie.slice(0, -2)}xx` }), 401);
    await expectApiError(await get(`${base}/arbs`, { cookie: 'arbhub_session=1999999999999.abc' }), 401);

    const out = await fetch(`${base}/logout`, { method: 'POST', redirect: 'manual', headers: { cookie } });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/arbhub_session=;.*Expires=Thu, 01 Jan 1970/);
    // The old cookie, replayed, reads nothing.
    await expectApiError(await get(`${base}/arbs`, { cookie }), 401);
    expect((await upgrade(`${ws}/stream`, { headers: { cookie } })).status).toBe(401);
  });

  it('answers 429 with Retry-After after five wrong tries from one address in a minute, even to the right token', async () => {
    const { base } = await start({ API_TOKEN });
    for (let i = 0; i < 5; i += 1)
      expect((await form(base, `wrong-token-number-${i.toString()}`)).status).toBe(401);
    const throttled = await form(base, API_TOKEN);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await throttled.text()).toMatch(/too many wrong tokens/);
    const json = await fetch(`${base}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: API_TOKEN }),
    });
    await expectApiError(json, 429, 'rate_limited');
  });

  it('takes JSON too, and a right token before five wrong ones is never throttled', async () => {
    const { base } = await start({ API_TOKEN });
    for (let i = 0; i < 4; i += 1)
      expect((await form(base, `wrong-token-number-${i.toString()}`)).status).toBe(401);
    const json = await fetch(`${base}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: API_TOKEN }),
    });
    expect(json.status).toBe(200);
    expect(await json.json()).toMatchObject({ ok: true });
    expect(json.headers.get('set-cookie')).toMatch(/HttpOnly/);
  });

  it('without API_TOKEN, GET / is the dashboard itself and has no Log out button', async () => {
    const { base } = await start({});
    const html = await (await get(`${base}/`)).text();
    expect(html).toContain('id="arbs-title"');
    expect(html).toMatch(/<form class="logout"[^>]*data-login-only hidden>/);
  });
});

describe('connection limits', () => {
  it('takes at most MAX_STREAM_CLIENTS_PER_IP from one address and MAX_STREAM_CLIENTS in all: 429 at the upgrade', async () => {
    const { ws } = await start({ MAX_STREAM_CLIENTS: 3, MAX_STREAM_CLIENTS_PER_IP: 2 });
    const from = (localAddress: string) => upgrade(`${ws}/stream`, { localAddress });
    const a1 = await from('127.0.0.1');
    const a2 = await from('127.0.0.1');
    expect(a1.socket && a2.socket).toBeDefined();
    expect((await from('127.0.0.1')).status).toBe(429);
    const b1 = await from('127.0.0.2');
    expect(b1.socket).toBeDefined();
    // Three in all: a new address is refused too.
    expect((await from('127.0.0.3')).status).toBe(429);
    // One leaves: there is room again.
    a1.socket?.close();
    await new Promise((r) => setTimeout(r, 100));
    const again = await from('127.0.0.1');
    expect(again.socket).toBeDefined();
    for (const s of [a2, b1, again]) s.socket?.close();
  });

  it('closes a worker connection that does not register within REGISTER_TIMEOUT_MS with 1008', async () => {
    const { ws } = await start({ REGISTER_TIMEOUT_MS: 300 });
    const silent = harness.socket(`${ws}/ws`, bearer(TEST_TOKEN));
    const started = Date.now();
    const closed = await new Promise<{ code: number; reason: string }>((resolve) => {
      silent.once('close', (code: number, reason: Buffer) => {
        resolve({ code, reason: reason.toString() });
      });
    });
    expect(closed.code).toBe(1008);
    expect(closed.reason).toMatch(/worker:register not sent within 300 ms/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    // A worker that registers in time stays.
    const worker = await harness.worker(ws, 'sbo');
    await new Promise((r) => setTimeout(r, 500));
    await worker.snapshot([]);
    const metrics = await (await get(`${ws.replace('ws', 'http')}/metrics`)).text();
    expect(metrics).toMatch(/arbhub_http_refused_total\{reason="register_timeout"\} 1/);
  });
});

describe('rate limits and headers', () => {
  it('answers 429 with Retry-After in the API shape past RATE_LIMIT_MAX a window; /calc has its own tighter limit', async () => {
    const { base } = await start({ RATE_LIMIT_MAX: 5, RATE_LIMIT_WINDOW_MS: 60_000 });
    for (let i = 0; i < 5; i += 1) expect((await get(`${base}/arbs`)).status).toBe(200);
    const limited = await get(`${base}/arbs`);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    await expectApiError(limited, 429, 'rate_limited');
    // Unknown paths count too.
    await expectApiError(await get(`${base}/nothing-here`), 429, 'rate_limited');
  });

  it('sends security headers, and the dashboard a strict Content-Security-Policy', async () => {
    const { base } = await start({});
    const page = await get(`${base}/`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await get(`${base}/arbs`)).headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('errors and bounded input', () => {
  it('answers 404, a bad JSON body and a wrong content type in the API shape', async () => {
    const { base } = await start({});
    const missing = await expectApiError(await get(`${base}/no/such/route`), 404, 'not_found');
    expect(missing.message).toBe('no route GET /no/such/route');
    const post = (body: string, type: string) =>
      fetch(`${base}/calc`, { method: 'POST', headers: { 'content-type': type }, body });
    await expectApiError(await post('{"selections": [', 'application/json'), 400, 'bad_request');
    await expectApiError(await post('<selections/>', 'application/xml'), 415, 'unsupported_media_type');
    await expectApiError(await post('x'.repeat(2 << 20), 'application/json'), 413, 'payload_too_large');
  });

  it('refuses odds beyond decimal 1000 in every format, money beyond 1e9, and answers only finite numbers', async () => {
    const { base } = await start({});
    const calc = (selections: object[], extra: object = {}) =>
      fetch(`${base}/calc`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ selections, ...extra }),
      });
    const two = (format: string, odds: number) => [
      { market: 'ml', side: 'home', odds, format },
      { market: 'ml', side: 'away', odds: 1.01 },
    ];
    const refused = await expectApiError(await calc(two('decimal', 1e308)), 400, 'bad_request');
    expect(refused.message).toMatch(/selections\[0\]\.odds: decimal odds must be D <= 1000/);
    for (const [format, ok, tooLong] of [
      ['decimal', 1000, 1000.5],
      ['hk', 999, 999.5],
      ['indo', 999, 1000],
      ['american', 99900, 99901],
      ['malay', -0.0011, -0.001],
    ] as const) {
      expect((await calc(two(format, ok))).status, `${format} ${ok.toString()}`).toBe(200);
      await expectApiError(await calc(two(format, tooLong)), 400);
    }
    await expectApiError(await calc(two('decimal', 2), { bankroll: 1e10 }), 400);
    await expectApiError(await calc(two('decimal', 2), { bankroll: 100, round: 1000 }), 400);
    await expectApiError(await calc(two('decimal', 2), { bankroll: -5 }), 400);
    const longest = (await (
      await calc(two('decimal', 1000), { bankroll: 1e9, round: 0.01 })
    ).json()) as object;
    const numbers = JSON.stringify(longest).match(/-?\d[\d.e+-]*/g) ?? [];
    expect(numbers.length).toBeGreaterThan(3);
    expect(JSON.stringify(longest)).not.toContain('null');
  });
});
