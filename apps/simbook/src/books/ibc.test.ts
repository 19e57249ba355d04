import { toDecimal } from '@arbhub/odds';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { World } from '../world/world.js';
import { pageHash } from './csport.js';
import { IBC_BET_TYPES, IBC_PAGE_SIZE, hkOf, ibcTime } from './ibc.js';

const START = Date.parse('2026-11-28T12:00:00Z');
let app: FastifyInstance | undefined;
afterEach(async () => app?.close());

async function setup(env: Record<string, string> = {}) {
  const config = loadConfig({ SIM_TRUTH: '1', SIM_RATE_LIMIT: '1000', SIM_FIXTURES: '60', ...env });
  const clock = { t: START, now: () => clock.t };
  const world = new World({ seed: config.SIM_SEED, fixtures: config.SIM_FIXTURES, arbRate: 0 }, clock);
  app = await buildApp({ config, world, clock });
  return { app, world, clock };
}

/** Logs in as the page's script does: the password hashed with the page's key, the clear field emptied. */
async function login(server: FastifyInstance, user = 'demo1', password = 'demo1') {
  const page = await server.inject({ url: '/ibc/' });
  const key = /name="hidKey" value="([0-9a-f]+)"/.exec(page.body)?.[1] ?? '';
  const response = await server.inject({
    method: 'POST',
    url: '/ibc/ProcessLogin',
    payload: { txtID: user, txtPW: '', hidKey: key, hidPW: pageHash(key + password) },
  });
  return {
    response,
    session: /IBC_SessionId=([^;]+)/.exec(String(response.headers['set-cookie']))?.[1] ?? '',
  };
}

const odds = (server: FastifyInstance, session: string, query = 'GameId=1&DateType=t&PageIndex=1') =>
  server.inject({ url: `/ibc/Odds/ShowAllOdds?${query}`, headers: { cookie: `IBC_SessionId=${session}` } });

interface Oddset {
  BetTypeId: number;
  Hdp1?: number;
  Hdp2?: number;
  Odds1: number | null;
  Odds2: number | null;
  OddsX?: number | null;
}
interface IbcMatch {
  MatchId: number;
  HomeName: string;
  GameTime: string;
  Oddsets: Oddset[];
}

describe('ibc login', () => {
  it('takes only a form the page’s script completed, and the right password', async () => {
    const { app: server } = await setup();
    const page = await server.inject({ url: '/ibc/' });
    const key = /name="hidKey" value="([0-9a-f]+)"/.exec(page.body)?.[1] ?? '';
    // Posted as typed: the script did not run.
    const typed = await server.inject({
      method: 'POST',
      url: '/ibc/ProcessLogin',
      payload: { txtID: 'demo1', txtPW: 'demo1', hidKey: key },
    });
    expect(typed.statusCode).toBe(403);
    expect(typed.body).toContain('Please enable JavaScript');
    const wrong = await login(server, 'demo1', 'nope');
    expect(wrong.response.statusCode).toBe(200);
    expect(wrong.response.body).toContain('Incorrect User ID or Password.');
    const good = await login(server);
    expect(good.response.statusCode).toBe(302);
    expect(good.response.headers.location).toBe('/ibc/main');
    const main = await server.inject({
      url: '/ibc/main',
      headers: { cookie: `IBC_SessionId=${good.session}` },
    });
    expect(main.body).toContain('Malay odds');
    const stats = (await server.inject({ url: '/truth/stats' })).json();
    expect(stats.books.ibc.accounts.demo1).toMatchObject({ logins: 1, errors: 1 });
  });

  it('throws the older session out on a second login, and sends a session it does not know to the login page', async () => {
    const { app: server } = await setup();
    const first = await login(server);
    const second = await login(server);
    expect((await odds(server, second.session)).statusCode).toBe(200);
    const kicked = await odds(server, first.session);
    expect(kicked.statusCode).toBe(401);
    expect(kicked.json()).toMatchObject({ error: 'session_expired', reason: 'kicked' });
    expect((await server.inject({ url: '/ibc/main' })).headers.location).toBe('/ibc/');
    const stats = (await server.inject({ url: '/truth/stats' })).json();
    expect(stats.books.ibc.accounts.demo1).toMatchObject({ logins: 2, kicked: 1 });
  });
});

describe('ibc odds', () => {
  it('pages every listing by date type, with SABA bet types and the site’s own time', async () => {
    const { app: server, world, clock } = await setup();
    const { session } = await login(server);
    const seen = new Map<number, IbcMatch>();
    for (const tab of ['l', 't', 'e']) {
      let index = 1;
      let pages: number;
      do {
        const body = (await odds(server, session, `GameId=1&DateType=${tab}&PageIndex=${index}`)).json();
        expect(body).toMatchObject({
          ErrorCode: 0,
          Data: { OddsType: 'MY', DateType: tab, PageIndex: index },
        });
        expect(body.Data.Matches.length).toBeLessThanOrEqual(IBC_PAGE_SIZE);
        pages = body.Data.PageCount;
        for (const match of body.Data.Matches as IbcMatch[]) {
          expect(seen.has(match.MatchId), 'a match on two pages').toBe(false);
          seen.set(match.MatchId, match);
        }
        index += 1;
      } while (index <= pages);
    }
    const listed = world.listed('ibc');
    expect(listed.length).toBeGreaterThan(IBC_PAGE_SIZE); // more than one page
    expect([...seen.keys()].sort()).toEqual(listed.map((l) => Number(l.eventId)).sort());
    const listing = listed.find((l) => !l.swapped && !l.fixture.neutral) ?? listed[0];
    if (!listing) throw new Error('no listing');
    const match = seen.get(Number(listing.eventId)) as IbcMatch;
    // GMT-4, no zone: 4 hours before UTC.
    expect(match.GameTime).toBe(new Date(listing.kickoff - 4 * 3_600_000).toISOString().slice(0, 19));
    expect(ibcTime(Date.UTC(2026, 0, 1, 2, 30))).toBe('2025-12-31T22:30:00');
    const types = match.Oddsets.map((o) => o.BetTypeId);
    expect(types.filter((t) => t === IBC_BET_TYPES.handicap)).toHaveLength(2);
    expect(types).toContain(IBC_BET_TYPES.overUnder);
    expect(types).toContain(IBC_BET_TYPES.ft1x2);
    expect(types).toContain(IBC_BET_TYPES.ht1x2);
    // The handicap: Hdp1 what home gives, Hdp2 what away gives; the world keeps home's handicap.
    for (const set of match.Oddsets.filter((o) => o.BetTypeId === IBC_BET_TYPES.handicap)) {
      const homeLine = (set.Hdp2 ?? 0) - (set.Hdp1 ?? 0);
      const home = listing.prices.find(
        (p) => p.market.market === 'ah' && p.market.line === homeLine && p.side === 'home',
      );
      expect(home?.quote.native).toBe(set.Odds1);
      expect(Math.min(set.Hdp1 ?? 0, set.Hdp2 ?? 0)).toBe(0);
    }
    const x12 = match.Oddsets.find((o) => o.BetTypeId === IBC_BET_TYPES.ft1x2) as Oddset;
    const draw = listing.prices.find(
      (p) => p.market.market === '1x2' && p.market.period === 'ft' && p.side === 'draw',
    );
    expect(x12.OddsX).toBe(draw?.quote.decimal);
    // A neutral fixture's home team is marked as the site marks it.
    const neutral = listed.find((l) => l.fixture.neutral);
    if (neutral) expect(seen.get(Number(neutral.eventId))?.HomeName).toMatch(/ \(N\)$/);
    expect(clock.t).toBe(START);
  });

  it('shows an HK account the same prices in HK odds, and refuses a date type it does not have', async () => {
    const { app: server, world } = await setup({ SIM_IBC_HK_ACCOUNTS: 'demo2' });
    const malay = await login(server, 'demo1', 'demo1');
    const hk = await login(server, 'demo2', 'demo2');
    const [a, b] = await Promise.all([odds(server, malay.session), odds(server, hk.session)]);
    expect(b.json().Data.OddsType).toBe('HK');
    const hkMatches = new Map((b.json().Data.Matches as IbcMatch[]).map((m) => [m.MatchId, m]));
    let checked = 0;
    for (const match of a.json().Data.Matches as IbcMatch[]) {
      const other = hkMatches.get(match.MatchId) as IbcMatch;
      match.Oddsets.forEach((set, i) => {
        const twin = other.Oddsets[i] as Oddset;
        if (set.BetTypeId === IBC_BET_TYPES.ft1x2 || set.BetTypeId === IBC_BET_TYPES.ht1x2) {
          expect(twin.Odds1).toBe(set.Odds1);
          return;
        }
        for (const k of ['Odds1', 'Odds2'] as const) {
          const m = set[k] as number;
          expect(twin[k]).toBe(hkOf(m));
          // Up to even money the two formats are one number; above it the HK price is 1/|m|.
          expect(Math.abs(toDecimal(twin[k] as number, 'hk') - toDecimal(m, 'malay'))).toBeLessThan(0.02);
          checked += 1;
        }
      });
    }
    expect(checked).toBeGreaterThan(10);
    // The account's own setting moves it back to malay.
    const set = await server.inject({
      method: 'POST',
      url: '/ibc/Setting/OddsType',
      headers: { cookie: `IBC_SessionId=${hk.session}` },
      payload: { OddsType: 'MY' },
    });
    expect(set.json()).toMatchObject({ ErrorCode: 0, OddsType: 'MY' });
    expect((await odds(server, hk.session)).json().Data.OddsType).toBe('MY');
    expect((await odds(server, hk.session, 'DateType=x')).statusCode).toBe(400);
    expect((await odds(server, hk.session, 'GameId=2&DateType=t')).json().Data.Matches).toEqual([]);
    expect(world.listed('ibc').length).toBeGreaterThan(0);
  });

  it('takes the faults like every book', async () => {
    const { app: server } = await setup();
    const { session } = await login(server);
    await server.inject({ method: 'POST', url: '/admin/faults', payload: { book: 'ibc', kind: 'http_500' } });
    expect((await odds(server, session)).statusCode).toBe(500);
    expect((await server.inject({ method: 'POST', url: '/cmd/Member/Login', payload: {} })).statusCode).toBe(
      403,
    );
    await server.inject({ method: 'DELETE', url: '/admin/faults' });
    await server.inject({
      method: 'POST',
      url: '/admin/faults',
      payload: { book: 'ibc', kind: 'expire_sessions' },
    });
    expect((await odds(server, session)).json()).toMatchObject({ reason: 'expired' });
  });
});
