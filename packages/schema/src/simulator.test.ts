import { describe, expect, it } from 'vitest';
import { check } from './errors.js';
import { simFaultRequestSchema, truthArbSchema, truthPriceSchema, truthStatsSchema } from './simulator.js';

describe('simFaultRequestSchema', () => {
  it('takes a fault on one book and defaults its duration to 30 s', () => {
    const result = check(simFaultRequestSchema, { book: 'csport', kind: 'slow' });
    expect(result).toEqual({ ok: true, value: { book: 'csport', kind: 'slow', durationMs: 30_000 } });
  });

  it('names every bad field: an unknown book, kind and a negative duration', () => {
    const result = check(simFaultRequestSchema, { book: 'nope', kind: 'fire', durationMs: -1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((i) => i.path)).toEqual(['book', 'kind', 'durationMs']);
  });
});

describe('the ground truth answers', () => {
  const leg = {
    book: 'csport',
    eventId: '40000301',
    market: 'ah',
    period: 'ft',
    line: 0.75,
    side: 'away',
    odds: 2,
  };
  it('a planted arbitrage: legs in the calculator’s terms, open while closedAt is null', () => {
    const arb = {
      id: 'planted-4',
      fixtureId: 'fx-13',
      legs: [leg],
      returnRatio: 1.02,
      openedAt: 1,
      closedAt: null,
    };
    expect(check(truthArbSchema, arb).ok).toBe(true);
    const bad = check(truthArbSchema, { ...arb, legs: [{ ...leg, odds: 1, side: 'left' }] });
    expect(bad.ok ? [] : bad.error.issues.map((i) => i.path)).toEqual(['legs[0].side', 'legs[0].odds']);
  });
  it('a price names its fixture; stats count per book and account', () => {
    expect(check(truthPriceSchema, { ...leg, fixtureId: 'fx-13' }).ok).toBe(true);
    expect(check(truthPriceSchema, leg).ok).toBe(false);
    const account = { logins: 1, kicked: 0, requests: 40, rateLimited: 0, errors: 0 };
    expect(check(truthStatsSchema, { books: { csport: { accounts: { demo1: account } } } }).ok).toBe(true);
    expect(
      check(truthStatsSchema, { books: { csport: { accounts: { demo1: { ...account, logins: -1 } } } } }).ok,
    ).toBe(false);
  });
});
