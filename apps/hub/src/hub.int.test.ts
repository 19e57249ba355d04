// The hub over real loopback: fake workers on /ws, subscribers on /stream, REST.
import { calculate } from '@arbhub/odds';
import { arbSchema, issuesOf } from '@arbhub/schema';
import type { MatchInput, StreamMessage } from '@arbhub/schema';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { HubHarness, TEST_TOKEN, ahMatch as match } from './testing/harness.js';

const TOKEN = TEST_TOKEN;
const harness = new HubHarness();
afterEach(async () => {
  await harness.close();
});
const start = (config: Parameters<HubHarness['start']>[0] = {}) => harness.start(config);

interface Client {
  socket: WebSocket;
  received: unknown[];
  send(message: object | string): void;
  next(
    predicate: (m: { type?: string }) => boolean,
    ms?: number,
  ): Promise<{ type?: string } & Record<string, unknown>>;
}

async function connect(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const socket = harness.socket(url, headers);
  const received: unknown[] = [];
  const waiters: { predicate: (m: { type?: string }) => boolean; resolve: (m: never) => void }[] = [];
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { type?: string };
    received.push(message);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(message)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message as never);
      }
    }
  });
  await new Promise((resolve, reject) => {
    socket.on('open', resolve);
    socket.on('unexpected-response', (_req, res) => {
      reject(new Error(`HTTP ${String(res.statusCode)}`));
    });
    socket.on('error', reject);
  });
  return {
    socket,
    received,
    send: (message) => {
      socket.send(typeof message === 'string' ? message : JSON.stringify(message));
    },
    next: (predicate, ms = 5000) =>
      new Promise((resolve, reject) => {
        const seen = received.find((m) => predicate(m as { type?: string }));
        if (seen) {
          resolve(seen as never);
          return;
        }
        const timer = setTimeout(() => {
          reject(new Error('timed out waiting for a message'));
        }, ms);
        waiters.push({
          predicate,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      }),
  };
}

async function worker(ws: string, workerId: string, book: string) {
  const client = await connect(`${ws}/ws`, { authorization: `Bearer ${TOKEN}` });
  client.send({ type: 'worker:register', workerId, book, account: 'demo1', partitions: ['soccer:today'] });
  await client.next((m) => m.type === 'worker:registered');
  const update = (matches: MatchInput[], mode: 'snapshot' | 'delta' = 'snapshot') => {
    client.send({
      type: 'odds:update',
      workerId,
      book,
      ts: Date.now(),
      mode,
      partition: 'soccer:today',
      matches,
    });
  };
  return { ...client, update };
}

/** csport and pin workers whose Liverpool v Everton (event `n`) prices are an arbitrage, once /stream has it open. */
async function liverpoolArb(ws: string, stream: Client, n: string) {
  const a = await worker(ws, 'csport-1', 'csport');
  const b = await worker(ws, 'pin-1', 'pin');
  a.update([match(`cs-${n}`, 'Liverpool', 'Everton', 2.1, 1.75)]);
  b.update([match(`pin-${n}`, 'Liverpool FC', 'Everton FC', 1.8, 2.05)]);
  await stream.next((m) => m.type === 'arb:open');
  return { a, b };
}

describe('the hub end to end', () => {
  it('merges two books’ spellings, finds the arbitrage with correct stakes, streams it open and closed', async () => {
    const { base, ws } = await start();
    const stream = await connect(`${ws}/stream`);
    await stream.next((m) => m.type === 'arb:snapshot');
    const a = await worker(ws, 'csport-1', 'csport');
    const b = await worker(ws, 'pin-1', 'pin');
    // csport pays well on the home side, pin on the away side: 1/(1/2.10 + 1/2.05) = 1.0374.
    a.update([match('cs-1', 'MANCHESTER UTD', 'CHELSEA', 2.1, 1.75)]);
    b.update([match('pin-9', 'Manchester United', 'Chelsea FC', 1.8, 2.05)]);

    const opened = (await stream.next((m) => m.type === 'arb:open')) as unknown as {
      arb: { id: string; legs: unknown[]; returnRatio: number };
    };
    expect(issuesOf(arbSchema, opened.arb)).toEqual([]);
    expect(opened.arb.returnRatio).toBeCloseTo(1 / (1 / 2.1 + 1 / 2.05), 9);

    const events = (await (await fetch(`${base}/events`)).json()) as { members: { book: string }[] }[];
    expect(events).toHaveLength(1);
    expect(events[0]?.members.map((m) => m.book).sort()).toEqual(['csport', 'pin']);

    const arbs = (await (await fetch(`${base}/arbs`)).json()) as {
      legs: {
        book: string;
        side: string;
        odds: number;
        stakeFraction: number;
        market: string;
        line: number;
      }[];
    }[];
    expect(arbs).toHaveLength(1);
    const legs = arbs[0]!.legs;
    expect(legs.map((l) => [l.book, l.side, l.odds])).toEqual([
      ['csport', 'home', 2.1],
      ['pin', 'away', 2.05],
    ]);
    // The stakes are what /calc gives for the same legs.
    const calc = calculate({
      selections: legs.map((l) => ({ market: l.market, line: l.line, side: l.side, odds: l.odds })),
    });
    legs.forEach((leg, i) => {
      expect(leg.stakeFraction).toBeCloseTo(calc.stakes[i]!, 9);
    });
    expect((await (await fetch(`${base}/arbs?minProfit=10`)).json()) as unknown[]).toEqual([]);

    // pin's away price falls: the arbitrage closes as odds_moved.
    b.update([{ ...match('pin-9', 'Manchester United', 'Chelsea FC', 1.8, 1.8) }], 'delta');
    const closed = (await stream.next((m) => m.type === 'arb:close')) as unknown as {
      id: string;
      reason: string;
    };
    expect(closed).toMatchObject({ id: opened.arb.id, reason: 'odds_moved' });
    expect((await (await fetch(`${base}/arbs/history`)).json()) as unknown[]).toHaveLength(1);
  });

  it('flips sides for a listing the matcher found swapped', async () => {
    const { base, ws } = await start();
    const a = await worker(ws, 'csport-1', 'csport');
    const b = await worker(ws, 'sbo-1', 'sbo');
    a.update([match('cs-2', 'Brazil (N)', 'Argentina', 2.1, 1.75)]);
    // sbo lists it the other way round: its home team (Argentina) at +0.5 is the hedge of Brazil -0.5.
    b.update([match('sb-2', 'Argentina', 'Brazil', 2.05, 1.8, 0.5)]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const arbs = (await (await fetch(`${base}/arbs`)).json()) as {
      legs: { book: string; side: string; odds: number }[];
    }[];
    expect(arbs[0]?.legs.map((l) => [l.book, l.side, l.odds])).toEqual([
      ['csport', 'home', 2.1],
      ['sbo', 'away', 2.05],
    ]);
    // /odds shows each book as it lists the event, and says which one is the other way round.
    const odds = (await (await fetch(`${base}/odds`)).json()) as {
      events: { books: Record<string, { home: string; swapped?: boolean }> }[];
    };
    expect(odds.events[0]?.books.sbo).toMatchObject({ home: 'Argentina', swapped: true });
    expect(odds.events[0]?.books.csport).toMatchObject({ home: 'Brazil (N)', swapped: false });
  });

  it('refuses a missing or wrong token at the upgrade', async () => {
    const { ws } = await start();
    await expect(connect(`${ws}/ws`)).rejects.toThrow('HTTP 401');
    await expect(
      connect(`${ws}/ws`, { authorization: 'Bearer wrong-token-of-enough-length' }),
    ).rejects.toThrow('HTTP 401');
    await expect(connect(`${ws}/ws?token=${TOKEN}`)).resolves.toBeDefined();
  });

  it('answers 1,000 malformed messages one by one and stays up, keeping the worker’s data', async () => {
    const { base, ws } = await start();
    const a = await worker(ws, 'csport-1', 'csport');
    a.update([match('cs-3', 'Arsenal', 'Chelsea', 1.9, 1.9)]);
    const bad = (i: number): string => {
      switch (i % 5) {
        case 0:
          return Array.from({ length: 1 + (i % 40) }, (_, k) =>
            String.fromCharCode(33 + ((i * 31 + k * 7) % 90)),
          ).join('');
        case 1:
          return JSON.stringify({
            type: 'odds:update',
            workerId: 'csport-1',
            book: 'csport',
            ts: 'now',
            mode: 'snapshot',
            matches: [],
          });
        case 2:
          return JSON.stringify({
            type: 'odds:update',
            workerId: 'csport-1',
            book: 'csport',
            ts: 1,
            mode: 'delta',
            matches: [{ ...match('x', 'A', 'B', 0.5, 2), eventId: `x${i}` }],
          });
        case 3:
          return JSON.stringify({ type: 'worker:hello' });
        default:
          return JSON.stringify([1, 2, 3]);
      }
    };
    for (let i = 0; i < 1000; i += 1) a.send(bad(i));
    await a
      .next(() => a.received.filter((m) => (m as { type?: string }).type === 'error').length >= 1000, 10_000)
      .catch(() => undefined);
    const errors = a.received.filter((m) => (m as { type?: string }).type === 'error') as {
      code: string;
      message: string;
    }[];
    expect(errors).toHaveLength(1000);
    expect(errors.find((e) => e.message.includes('matches[0].markets[0].prices.home'))?.message).toContain(
      'expected a number > 1',
    );
    const health = (await (await fetch(`${base}/health`)).json()) as { status: string; workers: number };
    expect(health).toMatchObject({ status: 'ok', workers: 1 });
    const odds = (await (await fetch(`${base}/odds?book=csport`)).json()) as { events: unknown[] };
    expect(odds.events).toHaveLength(1);
    const workers = (await (await fetch(`${base}/workers`)).json()) as { errors: number }[];
    expect(workers[0]?.errors).toBe(1000);
  });

  it('closes a message larger than maxPayload with 1009', async () => {
    const { ws } = await start({ MAX_MESSAGE_BYTES: 2048 });
    const a = await worker(ws, 'csport-1', 'csport');
    const code = new Promise((resolve) =>
      a.socket.on('close', (c) => {
        resolve(c);
      }),
    );
    a.send('x'.repeat(4096));
    expect(await code).toBe(1009);
  });

  it('closes a stale worker’s arbitrages', async () => {
    const { ws } = await start({ HEARTBEAT_MS: 200 });
    const stream = await connect(`${ws}/stream`);
    const { b } = await liverpoolArb(ws, stream, '4');
    // pin keeps talking; csport falls silent for more than three heartbeat intervals.
    const beat = setInterval(() => {
      b.send({ type: 'worker:heartbeat', workerId: 'pin-1', ts: Date.now() });
    }, 100);
    const closed = (await stream.next((m) => m.type === 'arb:close', 5000)) as unknown as { reason: string };
    clearInterval(beat);
    expect(closed.reason).toBe('stale');
    const status = stream.received.find(
      (m) => (m as StreamMessage).type === 'worker:status' && (m as { state?: string }).state === 'stale',
    );
    expect(status).toMatchObject({ workerId: 'csport-1' });
  });

  it('tells an open arbitrage’s new figures at most once per STREAM_UPDATE_MS, the first at once and the last at the latest prices', async () => {
    const { ws } = await start({ STREAM_UPDATE_MS: 400 });
    const stream = await connect(`${ws}/stream`);
    const { b } = await liverpoolArb(ws, stream, '5');
    // Wait out the interval the open started, then move pin's away price ten times, 20 ms apart.
    await new Promise((resolve) => setTimeout(resolve, 450));
    const updates = () =>
      stream.received.filter((m) => (m as StreamMessage).type === 'arb:update') as unknown as {
        arb: { legs: { book: string; odds: number }[] };
      }[];
    const started = Date.now();
    const prices = [2.06, 2.07, 2.08, 2.09, 2.1, 2.11, 2.12, 2.13, 2.14, 2.15];
    for (const price of prices) {
      b.update([match('pin-5', 'Liverpool FC', 'Everton FC', 1.8, price)], 'delta');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // The first move is told at once (not held for the interval).
    const first = await stream.next((m) => m.type === 'arb:update');
    expect(Date.now() - started).toBeLessThan(400);
    expect(
      (first as unknown as { arb: { legs: { book: string; odds: number }[] } }).arb.legs.find(
        (l) => l.book === 'pin',
      )?.odds,
    ).toBe(2.06);
    // The rest: one more at the end of the interval (two if the ten moves outlast it), the
    // last at the latest price; told one by one it would be ten.
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(updates().length).toBeGreaterThanOrEqual(2);
    expect(updates().length).toBeLessThanOrEqual(3);
    expect(
      updates()
        .at(-1)
        ?.arb.legs.find((l) => l.book === 'pin')?.odds,
    ).toBe(2.15);
  });

  it('sweeps as often as SWEEP_INTERVAL_MS says', async () => {
    // Swept once a minute, a worker silent for three 200 ms heartbeats is not yet stale a second later.
    const { ws } = await start({ HEARTBEAT_MS: 200, SWEEP_INTERVAL_MS: 60_000 });
    const stream = await connect(`${ws}/stream`);
    await liverpoolArb(ws, stream, '4');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(stream.received.filter((m) => (m as StreamMessage).type === 'arb:close')).toEqual([]);
    expect(stream.received.some((m) => (m as { state?: string }).state === 'stale')).toBe(false);
  });

  it('hands partitions to one worker each, and rebalances when one leaves', async () => {
    const { ws } = await start();
    const register = async (workerId: string) => {
      const client = await connect(`${ws}/ws`, { authorization: `Bearer ${TOKEN}` });
      client.send({
        type: 'worker:register',
        workerId,
        book: 'csport',
        account: 'demo1',
        partitions: ['p1', 'p2', 'p3', 'p4'],
      });
      return client;
    };
    const one = await register('w1');
    const first = (await one.next((m) => m.type === 'worker:registered')) as unknown as {
      partitions: string[];
    };
    expect(first.partitions).toEqual(['p1', 'p2', 'p3', 'p4']);
    const two = await register('w2');
    const second = (await two.next((m) => m.type === 'worker:registered')) as unknown as {
      partitions: string[];
    };
    const reassigned = (await one.next((m) => m.type === 'assign')) as unknown as { partitions: string[] };
    expect([...second.partitions, ...reassigned.partitions].sort()).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(second.partitions).toHaveLength(2);
    two.socket.close();
    const back = (await one.next(
      (m) => m.type === 'assign' && (m as unknown as { partitions: string[] }).partitions.length === 4,
    )) as unknown as { partitions: string[] };
    expect(back.partitions).toEqual(['p1', 'p2', 'p3', 'p4']);
  });
});
