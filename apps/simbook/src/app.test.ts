import { calculate, toDecimal } from '@arbhub/odds';
import {
  parse,
  truthArbSchema,
  truthFixtureSchema,
  truthPriceLogSchema,
  truthPriceSchema,
  truthStatsSchema,
} from '@arbhub/schema';
import type { TruthPriceChange } from '@arbhub/schema';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { CSPORT_ROW, CSPORT_ROW_LENGTH, pageHash } from './books/csport.js';
import { loadConfig } from './config.js';
import { MATCH_MS, World } from './world/world.js';
import { BOOKS } from './world/teams.js';

const START = Date.parse('2026-11-28T12:00:00Z');
let app: FastifyInstance | undefined;

async function setup(env: Record<string, string> = {}) {
  const config = loadConfig({ SIM_TRUTH: '1', SIM_RATE_LIMIT: '1000', ...env });
  const clock = { t: START, now: () => clock.t };
  const world = new World({ seed: config.SIM_SEED, fixtures: config.SIM_FIXTURES, arbRate: 0 }, clock);
  app = await buildApp({ config, world, clock });
  return { app, world, clock };
}
afterEach(async () => app?.close());

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const UA = 'test-agent';

/** Logs into csport the way the page's script would (computing its token and cookie). */
async function csportLogin(server: FastifyInstance, user = 'demo1', password = 'demo1'): Promise<string> {
  const page = await server.inject({ method: 'GET', url: '/csport/' });
  const nonce = /name="nonce" value="([0-9a-f]+)"/.exec(page.body)?.[1] ?? '';
  const response = await server.inject({
    method: 'POST',
    url: '/csport/Member/Login',
    headers: { 'user-agent': UA, cookie: `cs_js=${pageHash(`${nonce}:cookie`)}` },
    payload: { username: user, password, nonce, token: pageHash(nonce + String(UA.length)) },
  });
  expect(response.statusCode).toBe(302);
  return /ASP\.NET_SessionId=([^;]+)/.exec(String(response.headers['set-cookie']))?.[1] ?? '';
}

const odds = (
  server: FastifyInstance,
  session: string,
  form: Record<string, string> = { fc: '1', m_accType: 'MY' },
) =>
  server.inject({
    method: 'POST',
    url: '/csport/Member/BetsView/BetLight/DataOdds.ashx',
    headers: { cookie: `ASP.NET_SessionId=${session}` },
    payload: form,
  });

describe('pin', () => {
  it('answers HTTP Basic only, and then its whole book with a cursor', async () => {
    const { app: server, world } = await setup();
    expect((await server.inject({ url: '/pin/v3/odds' })).statusCode).toBe(401);
    expect((await server.inject({ url: '/pin/' })).headers['www-authenticate']).toBe('Basic realm="pin"');
    expect((await server.inject({ url: '/bmk/' })).headers.location).toBe('/bmk/login');
    expect((await server.inject({ url: '/sbo/' })).body).toContain('name="username"');
    expect(
      (await server.inject({ url: '/pin/v3/odds', headers: { authorization: basic('demo1', 'nope') } }))
        .statusCode,
    ).toBe(401);
    const full = await server.inject({
      url: '/pin/v3/odds',
      headers: { authorization: basic('demo1', 'demo1') },
    });
    expect(full.statusCode).toBe(200);
    const body = full.json();
    const events = body.leagues.flatMap((l: { events: unknown[] }) => l.events);
    expect(events).toHaveLength(world.listed('pin').length);
    expect(events[0]).toMatchObject({
      id: expect.any(Number),
      home: expect.any(String),
      starts: expect.stringMatching(/Z$/),
    });
    // Nothing changed since `last`: nothing is sent.
    const none = await server.inject({
      url: `/pin/v3/odds?since=${body.last}`,
      headers: { authorization: basic('demo1', 'demo1') },
    });
    expect(none.json()).toMatchObject({ last: body.last, full: false, leagues: [], removed: [] });
  });

  it('answers 429 with Retry-After past the rate limit', async () => {
    const { app: server } = await setup({ SIM_RATE_LIMIT: '3' });
    const statuses = [];
    for (let i = 0; i < 5; i += 1)
      statuses.push(
        await server.inject({ url: '/pin/v3/odds', headers: { authorization: basic('demo2', 'demo2') } }),
      );
    expect(statuses.map((r) => r.statusCode)).toEqual([200, 200, 200, 429, 429]);
    expect(Number(statuses[3]?.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('sends what changed and what finished, by cursor', async () => {
    const { app: server, world, clock } = await setup();
    const auth = { authorization: basic('demo1', 'demo1') };
    const { last } = (await server.inject({ url: '/pin/v3/odds', headers: auth })).json();
    const fixture = world.fixtures[0]!;
    clock.t = fixture.kickoff + MATCH_MS + 1;
    world.tick();
    const delta = (await server.inject({ url: `/pin/v3/odds?since=${last}`, headers: auth })).json();
    const pinListing = world.listings.get('pin')!.find((l) => l.fixture === fixture)!;
    expect(delta.removed).toContain(Number(pinListing.eventId));
  });
});

describe('csport', () => {
  it('refuses a login posted by a client that did not run the page’s script', async () => {
    const { app: server } = await setup();
    const page = await server.inject({ url: '/csport/' });
    expect(page.body).toContain('<form id="login"');
    const nonce = /name="nonce" value="([0-9a-f]+)"/.exec(page.body)?.[1] ?? '';
    const plain = await server.inject({
      method: 'POST',
      url: '/csport/Member/Login',
      payload: { username: 'demo1', password: 'demo1', nonce },
    });
    expect(plain.statusCode).toBe(403);
    expect(plain.headers['set-cookie']).toBeUndefined();
  });

  it('serves rows of 91 values by form POST, urlencoded or multipart, full then changes since t', async () => {
    const { app: server, world, clock } = await setup();
    const session = await csportLogin(server);
    const full = (await odds(server, session)).json();
    expect(full.a).toBe(true);
    const rows = [...full.data, ...full.today];
    expect(rows).toHaveLength(world.listed('csport').length);
    const row = rows[0];
    expect(row).toHaveLength(CSPORT_ROW_LENGTH);
    expect(row[CSPORT_ROW.kickoffTime]).toMatch(/^\d\d:\d\d$/);
    expect(row[CSPORT_ROW.kickoffDate]).toMatch(/^\d\d\/\d\d$/);
    expect(Math.abs(row[CSPORT_ROW.ftHandicapHome])).toBeLessThanOrEqual(1);
    expect(() => toDecimal(row[CSPORT_ROW.ftHandicapHome], 'malay')).not.toThrow();
    // multipart form-data is accepted too
    const boundary = 'arbhub-boundary';
    const multipart =
      ['fc', 'm_accType']
        .map(
          (name) =>
            `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${name === 'fc' ? '1' : 'MY'}\r\n`,
        )
        .join('') + `--${boundary}--\r\n`;
    const viaMultipart = await server.inject({
      method: 'POST',
      url: '/csport/Member/BetsView/BetLight/DataOdds.ashx',
      headers: {
        cookie: `ASP.NET_SessionId=${session}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: multipart,
    });
    expect([...viaMultipart.json().data, ...viaMultipart.json().today]).toHaveLength(rows.length);
    // Changes since t: nothing yet; an unknown old t: reload in full.
    expect((await odds(server, session, { t: String(full.t) })).json()).toMatchObject({
      a: true,
      data: [],
      today: [],
    });
    clock.t += 60_000;
    for (let i = 0; i < 5; i += 1) world.tick();
    const changes = (await odds(server, session, { t: String(full.t) })).json();
    expect(changes.t).toBeGreaterThan(full.t);
    expect((await odds(server, session, { t: String(full.t - 10_000) })).json()).toMatchObject({
      a: false,
      data: [],
    });
  });

  it('kicks the older session when the account logs in again, and expires sessions', async () => {
    const { app: server, clock } = await setup({ SIM_SESSION_TTL_MS: '60000' });
    const first = await csportLogin(server);
    const second = await csportLogin(server);
    const kicked = await odds(server, first);
    expect(kicked.statusCode).toBe(302);
    expect(kicked.headers.location).toBe('/csport/');
    expect((await odds(server, second)).statusCode).toBe(200);
    clock.t += 61_000;
    expect((await odds(server, second)).statusCode).toBe(302);
    const stats = parse(truthStatsSchema, (await server.inject({ url: '/truth/stats' })).json());
    expect(stats.books.csport?.accounts.demo1).toMatchObject({ logins: 2, kicked: 1 });
  });
});

describe('faults', () => {
  it('answers 500s, garbles bodies, expires sessions, and clears', async () => {
    const { app: server } = await setup();
    const session = await csportLogin(server);
    const fault = (body: object) => server.inject({ method: 'POST', url: '/admin/faults', payload: body });
    expect((await fault({ book: 'csport', kind: 'http_500', durationMs: 60_000 })).statusCode).toBe(200);
    expect((await odds(server, session)).statusCode).toBe(500);
    expect(
      (await server.inject({ url: '/pin/v3/odds', headers: { authorization: basic('demo1', 'demo1') } }))
        .statusCode,
    ).toBe(200);
    await fault({ kind: 'malformed', durationMs: 60_000 });
    const garbled = (await odds(server, session)).body;
    expect(() => JSON.parse(garbled) as unknown).toThrow();
    await server.inject({ method: 'DELETE', url: '/admin/faults' });
    expect((await odds(server, session)).statusCode).toBe(200);
    await fault({ book: 'csport', kind: 'expire_sessions' });
    expect((await odds(server, session)).statusCode).toBe(302);
    expect((await fault({ kind: 'earthquake' })).statusCode).toBe(400);
  });
});

describe('truth', () => {
  it('lists every book listing, agreeing with what the books serve', async () => {
    const { app: server, world } = await setup({ SIM_FIXTURES: '30' });
    const truth = parse(truthFixtureSchema.array(), (await server.inject({ url: '/truth/fixtures' })).json());
    const session = await csportLogin(server);
    const csport = (await odds(server, session)).json();
    const csportIds = [...csport.data, ...csport.today]
      .map((row: unknown[]) => String(row[CSPORT_ROW.matchId]))
      .sort();
    expect(
      truth
        .filter((r) => r.book === 'csport')
        .map((r) => r.eventId)
        .sort(),
    ).toEqual(csportIds);
    const pin = (
      await server.inject({ url: '/pin/v3/odds', headers: { authorization: basic('demo1', 'demo1') } })
    ).json();
    const pinIds = pin.leagues
      .flatMap((l: { events: { id: number }[] }) => l.events.map((e) => String(e.id)))
      .sort();
    expect(
      truth
        .filter((r) => r.book === 'pin')
        .map((r) => r.eventId)
        .sort(),
    ).toEqual(pinIds);
    // Listings of one fixture share its id.
    const fixture = world.fixtures[3]!;
    expect(new Set(truth.filter((r) => r.fixtureId === fixture.id).map((r) => r.book)).size).toBeGreaterThan(
      1,
    );
  });

  it('records planted arbitrage whose legs are the books’ own prices, confirmed by calculate()', async () => {
    const { app: server, world, clock } = await setup({ SIM_FIXTURES: '30' });
    for (let i = 0; i < 20; i += 1) world.planter.plant(clock.now());
    const arbs = parse(truthArbSchema.array(), (await server.inject({ url: '/truth/arbs' })).json());
    expect(arbs.length).toBeGreaterThan(5);
    for (const arb of arbs) {
      expect(
        calculate({
          selections: arb.legs.map((leg) => ({ ...leg, book: undefined, eventId: undefined })) as never,
        }).returnRatio,
      ).toBeCloseTo(arb.returnRatio, 9);
      expect(arb.closedAt).toBeNull();
    }
  });

  it('lists every price the books show, in the legs’ terms: a planted arbitrage’s legs are among them', async () => {
    const { app: server, world, clock } = await setup({ SIM_FIXTURES: '30' });
    interface Leg {
      book: string;
      eventId: string;
      market: string;
      line: number | null;
      side: string;
      odds: number;
    }
    const key = (p: Leg) => `${p.book} ${p.eventId} ${p.market} ${String(p.line)} ${p.side} ${p.odds}`;
    const listed = () => BOOKS.flatMap((book) => world.listed(book));
    let checked = 0;
    for (let i = 0; i < 5; i += 1) {
      const arb = world.planter.plant(clock.now());
      if (!arb) continue;
      world.tick(); // the books quote the planted prices from the next tick on
      const prices = parse(truthPriceSchema.array(), (await server.inject({ url: '/truth/prices' })).json());
      expect(prices).toHaveLength(listed().reduce((sum, l) => sum + l.prices.length, 0));
      const shown = new Set(prices.map(key));
      for (const leg of arb.legs) expect(shown.has(key(leg)), key(leg)).toBe(true);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(2);
    // An ah away price carries the away side's own handicap: the home line negated.
    const prices = (await server.inject({ url: '/truth/prices' })).json<Leg[]>();
    const ah = listed()
      .flatMap((l) => l.prices)
      .find((p) => p.market.market === 'ah' && p.side === 'away' && p.market.line !== 0);
    expect(
      prices.some((p) => p.market === 'ah' && p.side === 'away' && p.line === -(ah?.market.line ?? NaN)),
    ).toBe(true);
  });

  it('logs every price change with the tick that made it: replayed, the log is /truth/prices', async () => {
    const { app: server, world, clock } = await setup();
    const ask = async (since?: number) =>
      parse(
        truthPriceLogSchema,
        (
          await server.inject({ url: `/truth/price-log${since === undefined ? '' : `?since=${since}`}` })
        ).json(),
      );
    const keyOf = (p: Omit<TruthPriceChange, 'seq' | 'at' | 'odds' | 'fixtureId'>) =>
      `${p.book} ${p.eventId} ${p.market} ${p.period} ${String(p.line)} ${p.side}`;
    const state = new Map<string, number>();
    const replay = (changes: TruthPriceChange[]) => {
      for (const change of changes) {
        if (change.odds === null) state.delete(keyOf(change));
        else state.set(keyOf(change), change.odds);
      }
    };
    const truthNow = async () =>
      new Map(
        parse(truthPriceSchema.array(), (await server.inject({ url: '/truth/prices' })).json()).map((p) => [
          keyOf(p),
          p.odds,
        ]),
      );
    const first = await ask();
    replay(first.changes);
    expect(state).toEqual(await truthNow());
    let next = first.next;
    let changed = 0;
    const planted: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      clock.t += 1000;
      const arb = i % 5 === 0 ? world.planter.plant(clock.now()) : undefined;
      world.tick();
      const answer = await ask(next);
      // Every change after `next`, in order, each stamped with this tick.
      expect(answer.changes.map((c) => c.seq)).toEqual(answer.changes.map((_, j) => next + 1 + j));
      expect(answer.changes.every((c) => c.at === clock.t)).toBe(true);
      replay(answer.changes);
      expect(state).toEqual(await truthNow());
      for (const leg of arb?.legs ?? [])
        if (answer.changes.some((c) => keyOf(c) === keyOf(leg) && c.odds === leg.odds))
          planted.push(leg.book);
      changed += answer.changes.length;
      next = answer.next;
    }
    expect(changed).toBeGreaterThan(20);
    expect(planted.length).toBeGreaterThan(1);
    // A finished match's prices leave the log as changes to null.
    const fixture = world.fixtures.reduce((a, b) => (a.kickoff <= b.kickoff ? a : b));
    clock.t = fixture.kickoff + MATCH_MS + 1;
    world.tick();
    const ended = await ask(next);
    expect(ended.changes.some((c) => c.fixtureId === fixture.id && c.odds === null)).toBe(true);
    replay(ended.changes);
    expect(state).toEqual(await truthNow());
    // Asking again from the start gives the state now, each price with the change that set it.
    const again = await ask();
    expect(again.next).toBe(ended.next);
    expect(new Map(again.changes.map((c) => [keyOf(c), c.odds]))).toEqual(state);
  });

  it('answers a bad since with 400 and one it no longer keeps with 410', async () => {
    const { app: server, world, clock } = await setup();
    const bad = await server.inject({ url: '/truth/price-log?since=abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'bad_request', message: expect.stringContaining('since') });
    const ahead = await server.inject({ url: '/truth/price-log?since=999999999' });
    expect(ahead.statusCode).toBe(410);
    // Ten minutes of ticks later, the first changes are gone: a reader that far behind starts again.
    for (let i = 0; i < 11; i += 1) {
      clock.t += 60_000;
      world.tick();
    }
    const gone = await server.inject({ url: '/truth/price-log?since=0' });
    expect(gone.statusCode).toBe(410);
    expect(gone.json<{ message: string }>().message).toMatch(/no longer kept.*without since/);
    expect((await server.inject({ url: '/truth/price-log' })).statusCode).toBe(200);
  });

  it('is not served without SIM_TRUTH=1', async () => {
    const { app: server } = await setup({ SIM_TRUTH: '0' });
    expect((await server.inject({ url: '/truth/fixtures' })).statusCode).toBe(404);
  });
});
