// The review queue end to end over loopback: a listing no name rule can place shows in
// GET /matching/review with its candidate, a link completes the arbitrage, and the link
// (kept in a file under DATA_DIR, or in Redis) survives a hub restart.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRedisClient } from '@arbhub/session';
import { startRedisServer } from '@arbhub/session/testing';
import type { RedisServer } from '@arbhub/session/testing';
import { arbsAnswerSchema, eventsAnswerSchema, reviewAnswerSchema } from '@arbhub/schema';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fileMatchingStore, redisMatchingStore } from './matching-store.js';
import type { MatchingStore } from './matching-store.js';
import { HubHarness, unplacedPair } from './testing/harness.js';

const harness = new HubHarness();
const clients: ReturnType<typeof createRedisClient>[] = [];
const client = () => {
  const made = createRedisClient(redis.url);
  clients.push(made);
  return made;
};
let dir: string;
let redis: RedisServer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'arbhub-matching-'));
  redis = await startRedisServer();
});
afterEach(async () => {
  await harness.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  for (const made of clients) made.disconnect();
  await redis.stop();
});

const { pin: pinMatch, sbo: sboMatch } = unplacedPair;

const json = async (url: string, init?: RequestInit) => {
  const response = await fetch(url, init);
  return { status: response.status, body: await response.json() };
};
const post = (url: string, body: unknown) =>
  json(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function run(store: MatchingStore) {
  const { base, ws } = await harness.start({}, false, { matchingStore: store });
  const pin = await harness.worker(ws, 'pin');
  const sbo = await harness.worker(ws, 'sbo');
  return { base, pin, sbo };
}

describe.each([
  ['a file under DATA_DIR', () => fileMatchingStore(dir)],
  ['Redis', () => redisMatchingStore(client(), { prefix: `test:${Date.now().toString()}` })],
])('the review queue and a link kept in %s', (_name, makeStore) => {
  it('shows the unplaced listing, links it, completes the arbitrage, and keeps the link across a restart', async () => {
    const store = makeStore();
    const first = await run(store);
    await first.pin.snapshot([pinMatch]);
    await first.sbo.snapshot([sboMatch]);
    expect(arbsAnswerSchema.parse((await json(`${first.base}/arbs`)).body)).toEqual([]);

    const review = reviewAnswerSchema.parse((await json(`${first.base}/matching/review`)).body);
    const item = review.items.find((i) => i.book === 'sbo');
    expect(item).toMatchObject({ reason: 'unplaced', eventId: 's-12', evidence: 'alone' });
    const candidate = item?.candidates[0];
    expect(candidate).toMatchObject({ books: ['pin'], home: 'Leipzig Lions', away: 'Hamburg Harbour' });

    // Refused: a bad body, an unknown listing, a candidate its book already has.
    expect((await post(`${first.base}/matching/link`, { book: 'sbo' })).status).toBe(400);
    expect(
      await post(`${first.base}/matching/link`, {
        book: 'sbo',
        eventId: 'nope',
        canonicalId: candidate?.canonicalId,
      }),
    ).toMatchObject({ status: 404, body: { error: 'unknown_listing' } });
    const linked = await post(`${first.base}/matching/link`, {
      book: 'sbo',
      eventId: 's-12',
      canonicalId: candidate?.canonicalId,
    });
    expect(linked).toMatchObject({ status: 200, body: { swapped: true, evidence: 'link' } });
    const arbs = arbsAnswerSchema.parse((await json(`${first.base}/arbs`)).body);
    expect(arbs).toHaveLength(1);
    expect(arbs[0]?.legs.map((l) => `${l.book} ${l.side} ${String(l.line)}`).sort()).toEqual([
      'pin home -0.5',
      'sbo away 0.5',
    ]);
    expect(reviewAnswerSchema.parse((await json(`${first.base}/matching/review`)).body).items).toEqual([]);

    // Not this one after all: the arbitrage closes; linked again, it is back.
    expect((await post(`${first.base}/matching/unlink`, { book: 'sbo', eventId: 's-12' })).status).toBe(200);
    expect(arbsAnswerSchema.parse((await json(`${first.base}/arbs`)).body)).toEqual([]);
    const again = reviewAnswerSchema.parse((await json(`${first.base}/matching/review`)).body);
    const canonicalId = again.items.find((i) => i.book === 'sbo')?.candidates[0]?.canonicalId;
    expect(
      (await post(`${first.base}/matching/link`, { book: 'sbo', eventId: 's-12', canonicalId })).status,
    ).toBe(200);
    expect(arbsAnswerSchema.parse((await json(`${first.base}/arbs`)).body)).toHaveLength(1);
    await harness.close();

    // A restart: the same store, the books send again, sbo first this time.
    const second = await run(makeStoreAgain(store));
    await second.sbo.snapshot([sboMatch]);
    await second.pin.snapshot([pinMatch]);
    const events = eventsAnswerSchema.parse((await json(`${second.base}/events`)).body);
    const event = events.find((e) => e.members.some((m) => m.book === 'sbo'));
    expect(event?.members.map((m) => m.book).sort()).toEqual(['pin', 'sbo']);
    expect(arbsAnswerSchema.parse((await json(`${second.base}/arbs`)).body)).toHaveLength(1);
  });
});

/** The same place, opened afresh (as a restarted hub opens it). */
function makeStoreAgain(store: MatchingStore): MatchingStore {
  if (store.where.startsWith('redis'))
    return redisMatchingStore(client(), { prefix: store.where.slice(6, -2) });
  return fileMatchingStore(dir);
}

describe('the file store', () => {
  it('writes JSON a person can read, and skips a bad entry without losing the rest', async () => {
    const own = await mkdtemp(join(tmpdir(), 'arbhub-matching-file-'));
    const store = fileMatchingStore(own);
    await store.load();
    store.learned('a', 'b');
    store.decided({
      kind: 'unlink',
      book: 'sbo',
      eventId: '1',
      sport: 'soccer',
      teams: { home: 'A', away: 'B' },
      from: { home: 'C', away: 'D' },
      at: 1,
    });
    await store.flush();
    const written = JSON.parse(await readFile(join(own, 'matching.json'), 'utf8')) as { learned: unknown[] };
    expect(written.learned).toEqual([['a', 'b']]);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      join(own, 'matching.json'),
      JSON.stringify({ learned: [['x', 'y'], [1]], decisions: [{ kind: 'what' }] }),
    );
    expect(await fileMatchingStore(own).load()).toEqual({ learned: [['x', 'y']], decisions: [] });
    await writeFile(join(own, 'matching.json'), '{not json');
    await expect(fileMatchingStore(own).load()).rejects.toThrow(/is not JSON/);
    await rm(own, { recursive: true, force: true });
  });
});

describe('ALIAS_FILES', () => {
  it('a user alias file merges names no built-in rule does', async () => {
    const { base, ws } = await harness.start({}, false, {
      aliasFiles: [
        {
          teams: [
            ['Hafen Sportverein', 'Hamburg Harbour'],
            ['Loewen Club', 'Leipzig Lions'],
          ],
        },
      ],
    });
    const pin = await harness.worker(ws, 'pin');
    const sbo = await harness.worker(ws, 'sbo');
    await pin.snapshot([pinMatch]);
    await sbo.snapshot([sboMatch]);
    expect(arbsAnswerSchema.parse((await json(`${base}/arbs`)).body)).toHaveLength(1);
  });
});
