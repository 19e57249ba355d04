import { describe, expect, it } from 'vitest';
import { examples, issuesOf, mutated, parse, streamMessageSchema } from './index.js';

const messages = {
  snapshot: { type: 'arb:snapshot', arbs: [examples.arb] },
  open: { type: 'arb:open', arb: examples.arb },
  update: { type: 'arb:update', arb: examples.arb },
  close: {
    type: 'arb:close',
    id: 'arb-1',
    reason: 'odds_moved',
    closedAt: 1_795_000_009_000,
    arb: examples.arb,
  },
  status: {
    type: 'worker:status',
    workerId: 'csport-1',
    book: 'csport',
    state: 'stale',
    ts: 1_795_000_000_000,
  },
};

describe('/stream messages', () => {
  it.each(Object.entries(messages))('accepts a valid %s message', (_name, message) => {
    expect(parse(streamMessageSchema, message).type).toBe(message.type);
  });

  it('accepts an empty snapshot', () => {
    expect(issuesOf(streamMessageSchema, { type: 'arb:snapshot', arbs: [] })).toEqual([]);
  });

  it.each([
    [
      'an unknown type',
      messages.open,
      (m: any) => (m.type = 'arb:new'),
      'type: expected type "arb:snapshot", "arb:open", "arb:update", "arb:close" or "worker:status"',
    ],
    [
      'a one-legged arb',
      messages.open,
      (m: any) => m.arb.legs.pop(),
      'arb.legs: Too small: expected array to have >=2 items',
    ],
    [
      'a leg at odds 1',
      messages.open,
      (m: any) => (m.arb.legs[1].odds = 1),
      'arb.legs[1].odds: expected a number > 1',
    ],
    [
      'a stake fraction above 1',
      messages.update,
      (m: any) => (m.arb.legs[0].stakeFraction = 1.2),
      'arb.legs[0].stakeFraction: Too big: expected number to be <=1',
    ],
    [
      'an unknown kind',
      messages.update,
      (m: any) => (m.arb.kind = 'quad'),
      'arb.kind: Invalid option: expected one of "pair"|"triple"|"multi"',
    ],
    [
      'an unknown side',
      messages.snapshot,
      (m: any) => (m.arbs[0].legs[0].side = 'yes'),
      'arbs[0].legs[0].side: expected one of home, draw, away, over, under',
    ],
    [
      'a close without a reason',
      messages.close,
      (m: any) => delete m.reason,
      'reason: Invalid option: expected one of "odds_moved"|"stale"|"book_gone"|"event_started"',
    ],
    [
      'a close with an unknown reason',
      messages.close,
      (m: any) => (m.reason = 'bored'),
      'reason: Invalid option: expected one of "odds_moved"|"stale"|"book_gone"|"event_started"',
    ],
    [
      'a worker status with an unknown state',
      messages.status,
      (m: any) => (m.state = 'dead'),
      'state: Invalid option: expected one of "ok"|"login"|"degraded"|"stale"|"disconnected"',
    ],
  ] as [string, unknown, (m: any) => unknown, string][])(
    'rejects %s, naming the field',
    (_name, base, change, expected) => {
      expect(issuesOf(streamMessageSchema, mutated(base, change))).toContain(expected);
    },
  );
});
