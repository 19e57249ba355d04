import { toDecimal } from '@arbhub/odds';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { World } from '../world/world.js';
import { pageHash } from './csport.js';
import { SBO_FIELDS, SBO_PAGE_SIZE, sboLine } from './sbo.js';

let app: FastifyInstance | undefined;
afterEach(async () => app?.close());

async function setup(fixtures = 40) {
  const config = loadConfig({ SIM_TRUTH: '1' });
  const clock = { t: Date.parse('2026-11-28T12:00:00Z'), now: () => clock.t };
  const world = new World({ seed: 9, fixtures, arbRate: 0 }, clock);
  app = await buildApp({ config, world, clock });
  return { server: app, world };
}

const nonceOf = (html: string) => /name="nonce" value="([0-9a-f]+)"/.exec(html)?.[1] ?? '';

/** The two login steps, doing what each page's script does (screen width 1280). */
async function login(server: FastifyInstance, user = 'demo1', password = 'demo1') {
  const first = await server.inject({ url: '/sbo/' });
  const n1 = nonceOf(first.body);
  const second = await server.inject({
    method: 'POST',
    url: '/sbo/login/step1',
    payload: { username: user, nonce: n1, token: pageHash(`${n1}:1280`) },
  });
  expect(second.body).toContain('name="password"');
  const n2 = nonceOf(second.body);
  const done = await server.inject({
    method: 'POST',
    url: '/sbo/login/step2',
    payload: { password, nonce: n2, token: pageHash(`${n2}:1280`) },
  });
  expect(done.statusCode).toBe(302);
  return /sbo_session=([^;]+)/.exec(String(done.headers['set-cookie']))?.[1] ?? '';
}

describe('sbo', () => {
  it('writes lines as SBO does', () => {
    expect([0, 0.25, 0.5, 0.75, 1, 1.25, 1.75, 2.25, 2.5, -0.75].map(sboLine)).toEqual([
      '0',
      '0-0.5',
      '0.5',
      '0.5/1',
      '1',
      '1-1.5',
      '1.5/2',
      '2-2.5',
      '2.5',
      '0.5/1',
    ]);
  });

  it('refuses a step posted without the page’s script', async () => {
    const { server } = await setup();
    const page = await server.inject({ url: '/sbo/' });
    const plain = await server.inject({
      method: 'POST',
      url: '/sbo/login/step1',
      payload: { username: 'demo1', nonce: nonceOf(page.body) },
    });
    expect(plain.statusCode).toBe(403);
  });

  it('pages field-indexed rows by tab, with hk odds and string lines', async () => {
    const { server, world } = await setup();
    const session = await login(server);
    const get = (query: string) =>
      server.inject({ url: `/sbo/api/odds?${query}`, headers: { cookie: `sbo_session=${session}` } });
    let total = 0;
    for (const tab of ['live', 'today', 'early']) {
      const first = (await get(`sport=soccer&tab=${tab}&page=1`)).json();
      expect(first.rows[0]).toEqual(['f', expect.any(Number), [...SBO_FIELDS]]);
      for (let page = 1; page <= first.pages; page += 1) {
        const rows = (await get(`sport=soccer&tab=${tab}&page=${page}`)).json().rows.slice(1) as unknown[][];
        const matches = rows.filter((r) => r[1] === 'm');
        expect(matches.length).toBeLessThanOrEqual(SBO_PAGE_SIZE);
        total += matches.length;
        for (const odds of rows.filter((r) => r[1] === 'o')) {
          const fields = new Map<number, unknown>();
          for (let i = 2; i < odds.length; i += 2) fields.set(odds[i] as number, odds[i + 1]);
          if (fields.get(7) === 'hdp') {
            expect(String(fields.get(9))).toMatch(/^\d+(\.5)?([-/]\d+(\.5)?)?$/);
            expect(() => toDecimal(fields.get(11) as number, 'hk')).not.toThrow();
          }
        }
      }
    }
    expect(total).toBe(world.listed('sbo').length);
    const truth = (await server.inject({ url: '/truth/fixtures' })).json<{ book: string }[]>();
    expect(truth.filter((r) => r.book === 'sbo')).toHaveLength(total);
    expect((await server.inject({ url: '/sbo/api/odds?tab=today' })).statusCode).toBe(401);
  });

  it('kicks the older session on a second login', async () => {
    const { server } = await setup(5);
    const first = await login(server);
    await login(server);
    expect(
      (await server.inject({ url: '/sbo/api/odds', headers: { cookie: `sbo_session=${first}` } })).statusCode,
    ).toBe(401);
  });
});
