import { toDecimal } from '@arbhub/odds';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { World } from '../world/world.js';
import { CSPORT_ROW, cmdCode } from './csport.js';

const START = Date.parse('2026-11-28T12:00:00Z');
let app: FastifyInstance | undefined;
afterEach(async () => app?.close());

async function setup() {
  const config = loadConfig({ SIM_TRUTH: '1', SIM_RATE_LIMIT: '1000' });
  const clock = { t: START, now: () => clock.t };
  const world = new World({ seed: config.SIM_SEED, fixtures: config.SIM_FIXTURES, arbRate: 0 }, clock);
  app = await buildApp({ config, world, clock });
  return { app, world, clock };
}

/** Logs in as a person would: reading the code the page's script drew. */
async function login(server: FastifyInstance, user = 'demo1', password = 'demo1') {
  const page = await server.inject({ url: '/cmd/' });
  const nonce = /name="nonce" value="([0-9a-f]+)"/.exec(page.body)?.[1] ?? '';
  const response = await server.inject({
    method: 'POST',
    url: '/cmd/Member/Login',
    payload: { txtUserName: user, txtPassword: password, txtCode: cmdCode(nonce), nonce },
  });
  return {
    response,
    session: /CMD_SessionId=([^;]+)/.exec(String(response.headers['set-cookie']))?.[1] ?? '',
  };
}

const feed = (
  server: FastifyInstance,
  session: string,
  form: Record<string, string> = { fc: '1', m_accType: 'ID' },
) =>
  server.inject({
    method: 'POST',
    url: '/cmd/Member/BetsView/BetLight/DataOdds.ashx',
    headers: { cookie: `CMD_SessionId=${session}` },
    payload: form,
  });

describe('cmd: CMD368, a second operator of the BetLight platform', () => {
  it('has its own login (a drawn code), its own accounts’ sessions, and kicks the older one out', async () => {
    const { app: server } = await setup();
    const page = await server.inject({ url: '/cmd/' });
    expect(page.body).toContain('CMD368');
    const nonce = /name="nonce" value="([0-9a-f]+)"/.exec(page.body)?.[1] ?? '';
    const noCode = await server.inject({
      method: 'POST',
      url: '/cmd/Member/Login',
      payload: { txtUserName: 'demo1', txtPassword: 'demo1', txtCode: '', nonce },
    });
    expect(noCode.statusCode).toBe(403);
    expect((await login(server, 'demo1', 'x')).response.body).toContain('Invalid username or password.');
    const first = await login(server);
    expect(first.response.headers.location).toBe('/cmd/Member/BetsView');
    // A csport session is no cmd session: separate sites, separate accounts.
    expect(
      (
        await server.inject({
          url: '/csport/Member/BetsView',
          headers: { cookie: `ASP.NET_SessionId=${first.session}` },
        })
      ).statusCode,
    ).toBe(302);
    const second = await login(server);
    expect((await feed(server, second.session)).statusCode).toBe(200);
    expect((await feed(server, first.session)).statusCode).toBe(302); // to the login page
    const stats = (await server.inject({ url: '/truth/stats' })).json();
    expect(stats.books.cmd.accounts.demo1).toMatchObject({ logins: 2, kicked: 1, errors: 1 });
    expect(stats.books.csport.accounts.demo1).toBeUndefined();
  });

  it('serves the platform’s rows in indo odds, its own names and ids, and refuses another odds type', async () => {
    const { app: server, world } = await setup();
    const { session } = await login(server);
    const body = (await feed(server, session)).json();
    const rows = [...body.data, ...body.today] as unknown[][];
    expect(rows.map((r) => r[CSPORT_ROW.matchId]).sort()).toEqual(
      world
        .listed('cmd')
        .map((l) => l.eventId)
        .sort(),
    );
    const listing = world.listed('cmd')[0];
    if (!listing) throw new Error('no cmd listing');
    const row = rows.find((r) => r[CSPORT_ROW.matchId] === listing.eventId) as unknown[];
    const price = row[CSPORT_ROW.ftHandicapHome] as number;
    // Indo: |odds| >= 1, never in (-1, 1).
    expect(Math.abs(price)).toBeGreaterThanOrEqual(1);
    const quote = listing.prices.find((p) => p.quote.native === price);
    expect(quote && toDecimal(price, 'indo')).toBe(quote?.quote.decimal);
    expect(String(row[CSPORT_ROW.league])).not.toBe(String(row[CSPORT_ROW.league]).toUpperCase());
    expect((await feed(server, session, { fc: '1', m_accType: 'MY' })).statusCode).toBe(400);
    // Changes since a version, as on the platform.
    const changes = (await feed(server, session, { fc: '0', t: String(body.t), m_accType: 'ID' })).json();
    expect(changes).toMatchObject({ a: true, data: [], today: [] });
  });
});
