// Which arbitrage is alerted, what makes two the same opportunity, dedup in memory, the
// message's stakes (a worked example), and the settings' one-line errors.
import type { Arb } from '@arbhub/schema';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { memoryDedup } from './dedup.js';
import { messageText, stakesFor } from './message.js';
import { legsKey, skipReason } from './policy.js';

const arb = (patch: Partial<Arb> = {}): Arb => ({
  id: 'a-1',
  eventId: 'ev-1',
  event: {
    home: 'Man Utd',
    away: 'Chelsea',
    league: 'England Premier League',
    startTime: '2026-12-06T15:00:00Z',
    sport: 'soccer',
  },
  period: 'ft',
  kind: 'pair',
  returnRatio: 1.0373,
  profitPct: 3.73,
  legs: [
    {
      book: 'csport',
      eventId: 'cs-1',
      market: 'ah',
      line: -0.5,
      side: 'home',
      odds: 2.1,
      stakeFraction: 0.494,
      maxStake: null,
    },
    {
      book: 'pin',
      eventId: 'pin-9',
      market: 'ah',
      line: 0.5,
      side: 'away',
      odds: 2.05,
      stakeFraction: 0.506,
      maxStake: null,
    },
  ],
  openedAt: 1,
  updatedAt: 1,
  flags: [],
  ...patch,
});
const filters = { ALERT_MIN_PROFIT: 0.5, ALERT_SPORTS: [], ALERT_BOOKS: [], ALERT_INCLUDE_FLAGGED: false };

describe('the filters', () => {
  it('alert a clean arbitrage above the minimum profit, at the sports and books asked for', () => {
    expect(skipReason(arb(), filters)).toBeUndefined();
    expect(skipReason(arb({ profitPct: 0.4 }), filters)).toMatch(/below ALERT_MIN_PROFIT/);
    expect(skipReason(arb({ flags: ['outlier'] }), filters)).toBe('flagged outlier');
    expect(
      skipReason(arb({ flags: ['outlier'] }), { ...filters, ALERT_INCLUDE_FLAGGED: true }),
    ).toBeUndefined();
    expect(skipReason(arb(), { ...filters, ALERT_SPORTS: ['basketball'] })).toMatch(/sport soccer/);
    expect(skipReason(arb(), { ...filters, ALERT_BOOKS: ['csport', 'sbo'] })).toBe(
      'book pin not in ALERT_BOOKS',
    );
    expect(skipReason(arb(), { ...filters, ALERT_BOOKS: ['csport', 'pin'] })).toBeUndefined();
  });

  it('take the same legs, books, lines and sides as one opportunity, whatever the ids and prices', () => {
    const reopened = arb({ id: 'a-2', eventId: 'ev-other', profitPct: 4.1, legs: [...arb().legs].reverse() });
    expect(legsKey(reopened)).toBe(legsKey(arb()));
    const otherLine = arb({
      legs: arb().legs.map((leg) => ({ ...leg, line: leg.line === null ? null : leg.line * 3 })),
    });
    expect(legsKey(otherLine)).not.toBe(legsKey(arb()));
    expect(legsKey(arb({ period: 'ht' }))).not.toBe(legsKey(arb()));
  });
});

describe('dedup in memory', () => {
  it('is new once, seen after, better past the gain, and forgets after the TTL', async () => {
    let now = 0;
    const dedup = memoryDedup({ ttlS: 10, realertGain: 0.5 }, { now: () => now });
    expect(await dedup.claim('webhook', 'k', 3, 'd1')).toEqual({ result: 'new', deliveryId: 'd1' });
    expect(await dedup.claim('webhook', 'k', 3.4, 'd2')).toEqual({ result: 'seen', deliveryId: 'd1' });
    expect(await dedup.claim('telegram', 'k', 3, 'd3')).toEqual({ result: 'new', deliveryId: 'd3' });
    expect(await dedup.claim('webhook', 'k', 3.5, 'd4')).toEqual({ result: 'better', deliveryId: 'd4' });
    expect(await dedup.claim('webhook', 'k', 3.9, 'd5')).toEqual({ result: 'seen', deliveryId: 'd4' });
    now = 10_001;
    expect(await dedup.claim('webhook', 'k', 1, 'd6')).toEqual({ result: 'new', deliveryId: 'd6' });
    expect(await dedup.claimClose('webhook', 'k', 5)).toBe(true);
    expect(await dedup.claimClose('webhook', 'k', 5)).toBe(false);
    expect(await dedup.claimClose('webhook', 'never-alerted', 5)).toBe(false);
  });
});

describe('the message', () => {
  it('gives the stakes calculate() gives: 1000 on 2.10 and 2.05, whole units', () => {
    // Worked by hand: stakes in proportion to 1/2.10 and 1/2.05: 1000 x 0.49398 = 493.98 and
    // 506.02; rounded to whole units 494 and 506, which return at least 1037.3 (506 x 2.05).
    const rounded = stakesFor(arb(), { bankroll: 1000, round: 1 });
    expect(rounded?.stakes).toEqual([494, 506]);
    expect(rounded?.minPayout).toBeCloseTo(1037.3, 1);
    const text = messageText('arb:open', arb(), {
      bankroll: 1000,
      round: 1,
      dashboardUrl: 'http://hub:8000/',
    });
    expect(text.split('\n')).toEqual([
      'Arbitrage 3.73%: Man Utd v Chelsea',
      'England Premier League (soccer), kick-off 2026-12-06 15:00 UTC, full time',
      'csport: AH home -0.5 @ 2.10, stake 494',
      'pin: AH away +0.5 @ 2.05, stake 506',
      'Bankroll 1000: at least 1037.30 back, profit 37.30',
      'http://hub:8000/#arb=a-1',
    ]);
  });
});

describe('the settings', () => {
  it('need a channel, and say what is missing in one line', () => {
    expect(() => loadConfig({})).toThrow(/ALERT_WEBHOOK_URL: no channel/);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: 'x' })).toThrow(
      /TELEGRAM_CHAT_ID: required with TELEGRAM_BOT_TOKEN/,
    );
    expect(() => loadConfig({ ALERT_WEBHOOK_URL: 'http://x/', NODE_ENV: 'production' })).toThrow(
      /ALERT_WEBHOOK_SECRET: required with ALERT_WEBHOOK_URL when NODE_ENV=production/,
    );
    expect(loadConfig({ ALERT_WEBHOOK_URL: 'http://x/' }).ALERT_WEBHOOK_SECRET).toBeUndefined();
    const config = loadConfig({
      ALERT_WEBHOOK_URL: 'http://x/',
      ALERT_WEBHOOK_SECRET: 'a-webhook-secret-of-length',
      ALERT_BOOKS: 'CSPORT, pin',
    });
    expect(config.ALERT_BOOKS).toEqual(['csport', 'pin']);
    expect(config.ALERT_MIN_PROFIT).toBe(0.5);
    expect(config.ALERT_DEDUP_TTL_S).toBe(7200);
  });
});
