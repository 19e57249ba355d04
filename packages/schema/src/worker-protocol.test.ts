import { describe, expect, it } from 'vitest';
import { examples, hubMessageSchema, issuesOf, mutated, parse, workerMessageSchema } from './index.js';

describe('worker → hub messages', () => {
  it.each([
    ['worker:register', examples.register],
    ['worker:heartbeat', examples.heartbeat],
    ['odds:update', examples.oddsUpdate],
    ['worker:status', examples.status],
  ])('accepts the protocol example of %s', (type, message) => {
    expect(parse(workerMessageSchema, message).type).toBe(type);
  });

  it('fills the defaults the protocol gives: partitions ["all"], partition "all", no removals', () => {
    const register = parse(
      workerMessageSchema,
      mutated(examples.register, (m: any) => delete m.partitions),
    );
    expect(register).toMatchObject({ partitions: ['all'] });
    const delta = parse(workerMessageSchema, {
      type: 'odds:update',
      workerId: 'w',
      book: 'pin',
      ts: 1,
      mode: 'delta',
      removed: ['7'],
    });
    expect(delta).toMatchObject({ partition: 'all', matches: [], removed: ['7'] });
  });

  it('names the deep path of a bad price inside an update', () => {
    const message = mutated(examples.oddsUpdate, (m: any) => {
      m.matches = [0, 1, 2, 3].map(() => structuredClone(m.matches[0]));
      m.matches.forEach((match: any, i: number) => (match.eventId = `e${i}`));
      m.matches[3].markets[0].prices.home = 0.95;
    });
    expect(issuesOf(workerMessageSchema, message)).toEqual([
      'matches[3].markets[0].prices.home: expected a number > 1',
    ]);
  });

  it.each([
    [
      'a missing type',
      examples.heartbeat,
      (m: any) => delete m.type,
      'type: expected type "worker:register", "worker:heartbeat", "odds:update" or "worker:status"',
    ],
    [
      'an unknown type',
      examples.heartbeat,
      (m: any) => (m.type = 'worker:hello'),
      'type: expected type "worker:register", "worker:heartbeat", "odds:update" or "worker:status"',
    ],
    ['register without workerId', examples.register, (m: any) => delete m.workerId, 'workerId: required'],
    ['register without account', examples.register, (m: any) => delete m.account, 'account: required'],
    [
      'register with a bad book id',
      examples.register,
      (m: any) => (m.book = 'C Sport'),
      'book: expected a book id: lower-case letters, digits, - or _',
    ],
    [
      'register with no partitions',
      examples.register,
      (m: any) => (m.partitions = []),
      'partitions: expected at least one partition',
    ],
    [
      'register with an empty partition',
      examples.register,
      (m: any) => (m.partitions = ['soccer:today', '']),
      'partitions[1]: expected a non-empty string',
    ],
    ['heartbeat without ts', examples.heartbeat, (m: any) => delete m.ts, 'ts: required'],
    [
      'heartbeat with a float ts',
      examples.heartbeat,
      (m: any) => (m.ts = 1.5),
      'ts: expected epoch milliseconds (an integer)',
    ],
    [
      'heartbeat with an ISO ts',
      examples.heartbeat,
      (m: any) => (m.ts = '2026-11-28T15:00:00Z'),
      'ts: expected epoch milliseconds',
    ],
    [
      'update with an unknown mode',
      examples.oddsUpdate,
      (m: any) => (m.mode = 'full'),
      'mode: expected "snapshot" or "delta"',
    ],
    [
      'update with matches as an object',
      examples.oddsUpdate,
      (m: any) => (m.matches = {}),
      'matches: expected an array of matches',
    ],
    [
      'update with a bad line',
      examples.oddsUpdate,
      (m: any) => (m.matches[0].markets[1].line = 2.4),
      'matches[0].markets[1].line: expected a multiple of 0.25',
    ],
    [
      'update with an event twice',
      examples.oddsUpdate,
      (m: any) => m.matches.push(structuredClone(m.matches[0])),
      'matches[1].eventId: duplicate eventId "12345" (also matches[0])',
    ],
    [
      'update that removes what it updates',
      examples.oddsUpdate,
      (m: any) => (m.removed = ['12345']),
      'removed[0]: event "12345" is both updated and removed',
    ],
    [
      'update with numeric removed ids',
      examples.oddsUpdate,
      (m: any) => (m.removed = [12345]),
      'removed[0]: expected a string',
    ],
    [
      'status with an unknown state',
      examples.status,
      (m: any) => (m.state = 'sleeping'),
      'state: expected "ok", "login" or "degraded"',
    ],
    [
      'status with a numeric detail',
      examples.status,
      (m: any) => (m.detail = 5),
      'detail: expected string, received number',
    ],
  ])('rejects %s, naming the field', (_name, base, change, expected) => {
    expect(issuesOf(workerMessageSchema, mutated(base, change))).toContain(expected);
  });

  it('rejects what is not an object', () => {
    expect(issuesOf(workerMessageSchema, 'hello')).toEqual(['(root): expected an object']);
    expect(issuesOf(workerMessageSchema, [examples.heartbeat])).toEqual(['(root): expected an object']);
  });
});

describe('hub → worker messages', () => {
  it.each([
    ['worker:registered', examples.registered],
    ['assign', examples.assign],
    ['error', examples.error],
  ])('accepts the protocol example of %s', (type, message) => {
    expect(parse(hubMessageSchema, message).type).toBe(type);
  });

  it('accepts an assignment of nothing (another worker holds every partition)', () => {
    expect(issuesOf(hubMessageSchema, { type: 'assign', partitions: [] })).toEqual([]);
  });

  it.each([
    [
      'an unknown type',
      examples.assign,
      (m: any) => (m.type = 'rebalance'),
      'type: expected type "worker:registered", "assign" or "error"',
    ],
    ['registered without workerId', examples.registered, (m: any) => delete m.workerId, 'workerId: required'],
    ['assign without partitions', examples.assign, (m: any) => delete m.partitions, 'partitions: required'],
    [
      'assign with a number',
      examples.assign,
      (m: any) => (m.partitions = [1]),
      'partitions[0]: expected a string',
    ],
    ['error without a code', examples.error, (m: any) => delete m.code, 'code: required'],
    ['error without a message', examples.error, (m: any) => delete m.message, 'message: required'],
  ])('rejects %s, naming the field', (_name, base, change, expected) => {
    expect(issuesOf(hubMessageSchema, mutated(base, change))).toContain(expected);
  });
});
