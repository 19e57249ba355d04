// Records the payloads the parser tests read (src/books/<book>/__fixtures__/): a simulator
// in this process (seed 11, 16 fixtures, some in play) answers each book's odds request,
// and the world's own prices for those listings are stored beside them as the expected
// result. A few malformed rows are then added to each payload, marked in `malformed`.
// Run: npx tsx --conditions=@arbhub/source apps/worker/src/testing/record-fixtures.ts [book ...]
// (only the books named, when some are: a book added later is recorded without the
// others' fixtures changing).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toDecimal } from '@arbhub/odds';
import {
  buildApp,
  csportRow,
  hkOf,
  ibcMatch,
  IBC_PAGE_SIZE,
  ibcTime,
  loadConfig,
  sboHeader,
  sboRecords,
  World,
} from '@arbhub/simbook';
import type { BookId } from '@arbhub/simbook';
import { listingPrices } from './book-truth.js';

const here = dirname(fileURLToPath(import.meta.url));
const NOW = Date.UTC(2026, 10, 23, 12, 0);
const clock = { now: () => NOW + 30 * 60_000 };
const world = new World({ seed: 11, fixtures: 16, arbRate: 0 }, clock);
const app = await buildApp({ config: loadConfig({ SIM_TRUTH: '1' }), world, clock });
await app.ready();

/** A session cookie the simulator's own login would set (through inject: no browser needed to record). */
async function login(book: BookId): Promise<string> {
  if (book === 'bmk') {
    const r = await app.inject({
      method: 'POST',
      url: '/bmk/login',
      payload: { username: 'demo1', password: 'demo1' },
    });
    return /bmk_session=[^;]+/.exec(String(r.headers['set-cookie']))?.[0] ?? '';
  }
  throw new Error(`no scripted login for ${book}`);
}

const expected = (book: BookId) =>
  Object.fromEntries(world.listed(book).map((l) => [l.eventId, listingPrices(l)]));

const wanted = new Set(process.argv.slice(2));
function save(book: string, name: string, content: object): void {
  if (wanted.size > 0 && !wanted.has(book)) return;
  const dir = join(here, '..', 'books', book, '__fixtures__');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), `${JSON.stringify(content, null, 1)}\n`);
}

// csport and sbo logins need a browser; the recorder builds their answers with the
// simulator's own row builders instead, which are exactly what the routes send.
const now = clock.now();
const csportRows = world.listed('csport').map((l) => csportRow(world, l, now));
const inPlay = (row: unknown[]) => row[57] === 1;
const badRows = [
  [123456], // too short
  Object.assign(new Array<unknown>(91).fill(null), {
    0: '999001',
    37: 'X League',
    38: 'A',
    39: 'B',
    53: '25:99',
    56: '13/45',
  }), // no such kickoff
  Object.assign([...(csportRows[0] as unknown[])], { 0: '999002', 40: 'abc' }), // a price that is no number
  Object.assign([...(csportRows[1] as unknown[])], { 0: '999003', 11: 7 }), // an unknown giver
];
save('csport', 'odds-full.json', {
  recordedAt: now,
  malformed: ['123456', '999001', '999002', '999003'],
  answer: {
    t: world.versions.get('csport'),
    a: true,
    data: csportRows.filter(inPlay),
    today: [...csportRows.filter((r) => !inPlay(r)), ...badRows],
    f: [],
  },
  expected: expected('csport'),
});

const sboRows = [sboHeader(world), ...world.listed('sbo').flatMap((l) => sboRecords(world, l, now))];
save('sbo', 'odds-page.json', {
  recordedAt: now,
  malformed: ['m-bad-line', 'm-no-home', 'a record of kind q'],
  answer: {
    page: 1,
    pages: 1,
    rows: [
      ...sboRows,
      [0, 'm', 0, 'm-bad-line', 1, 'X', 2, 'A', 3, 'B', 4, '2026-11-24T10:00:00.000Z', 5, 0],
      [0, 'o', 0, 'm-bad-line', 7, 'hdp', 8, 'ft', 9, '0-0.75', 10, 'h', 11, 0.9, 12, 0.95],
      [0, 'm', 0, 'm-no-home', 1, 'X', 3, 'B', 4, '2026-11-24T10:00:00.000Z', 5, 0],
      [0, 'q', 1],
    ],
  },
  expected: expected('sbo'),
});

const cookie = await login('bmk');
const snapshot = (await app.inject({ method: 'GET', url: '/bmk/api/snapshot', headers: { cookie } })).json<{
  version: number;
  events: object[];
}>();
save('bmk', 'snapshot.json', {
  recordedAt: now,
  malformed: ['bmk-bad-1', 'bmk-bad-2'],
  answer: {
    ...snapshot,
    events: [
      ...snapshot.events,
      { ...snapshot.events[0], id: 'bmk-bad-1', moneyline: { home: 50, draw: 200, away: 200 } }, // +50 is no american price
      { ...snapshot.events[1], id: 'bmk-bad-2', live: true, score: null },
    ],
  },
  expected: expected('bmk'),
});

const auth = `Basic ${Buffer.from('demo1:demo1').toString('base64')}`;
const pin = (
  await app.inject({ method: 'GET', url: '/pin/v3/odds', headers: { authorization: auth } })
).json<{
  leagues: { events: object[] }[];
}>();
const firstLeague = pin.leagues[0];
if (firstLeague)
  firstLeague.events.push(
    { ...firstLeague.events[0], id: 999_001, home: '' },
    { ...firstLeague.events[0], id: 999_002, periods: 'none' },
  );
save('pin', 'odds-full.json', {
  recordedAt: now,
  malformed: ['999001', '999002'],
  answer: pin,
  expected: expected('pin'),
});

// cmd: the BetLight platform's rows (the same builder as csport's), indo prices.
const cmdRows = world.listed('cmd').map((l) => csportRow(world, l, now));
save('cmd', 'odds-full.json', {
  recordedAt: now,
  malformed: ['777001', '777002'],
  answer: {
    t: world.versions.get('cmd'),
    a: true,
    data: cmdRows.filter(inPlay),
    today: [
      ...cmdRows.filter((r) => !inPlay(r)),
      Object.assign([...(cmdRows[0] as unknown[])], { 0: '777001', 40: 0.5 }), // 0.5 is no indo price
      Object.assign([...(cmdRows[1] as unknown[])], { 0: '777002', 38: '' }), // no home team
    ],
    f: [],
  },
  expected: expected('cmd'),
});

// ibc: one page per odds type, the same matches; an HK account's handicap and total
// prices are the malay ones as HK (books/ibc.ts hkOf), so its expected decimals are too.
const ibcListings = world.listed('ibc').slice(0, IBC_PAGE_SIZE);
const hkDecimal = (native: number) => toDecimal(hkOf(native), 'hk');
for (const type of ['MY', 'HK'] as const) {
  const matches = ibcListings.map((l) => ibcMatch(world, l, now, type)) as Record<string, unknown>[];
  const good = matches[0] ?? {};
  matches.push(
    { ...good, MatchId: 888001, GameTime: '2026-11-31T25:00:00' }, // no such time
    { ...good, MatchId: 888002, Oddsets: [{ BetTypeId: 1, Hdp1: 0.5, Hdp2: 0.25, Odds1: 0.9, Odds2: 0.9 }] }, // both sides give
    { ...good, MatchId: 888003, Oddsets: [{ BetTypeId: 3, Hdp1: 2.5, Odds1: 'x', Odds2: 0.9 }] }, // a price that is no number
    { ...good, MatchId: 888004, Oddsets: [{ BetTypeId: 'HDP', Odds1: 1 }] }, // a bet type that is no SABA id
  );
  save('ibc', type === 'MY' ? 'odds-malay.json' : 'odds-hk.json', {
    recordedAt: now,
    malformed: ['888001', '888002', '888003', '888004'],
    answer: {
      ErrorCode: 0,
      ErrorMsg: '',
      ServerTime: ibcTime(now),
      Data: { OddsType: type, DateType: 't', PageIndex: 1, PageCount: 1, Matches: matches },
    },
    expected: Object.fromEntries(
      ibcListings.map((l) => [
        l.eventId,
        type === 'MY'
          ? listingPrices(l)
          : listingPrices({
              ...l,
              prices: l.prices.map((p) =>
                p.market.market === '1x2'
                  ? p
                  : { ...p, quote: { ...p.quote, decimal: hkDecimal(p.quote.native) } },
              ),
            }),
      ]),
    ),
  });
}

await app.close();
console.log('recorded');
