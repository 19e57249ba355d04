// bmk (bookmaker.eu): events as JSON, from the REST snapshot and the STOMP deltas alike;
// american odds; `homeSpread` is the home team's handicap.
import type { Market, Match } from '@arbhub/schema';
import { Skips } from '../types.js';
import type { Parsed } from '../types.js';
import { decimal, marketIf, num, text, validMatch } from '../normalize.js';

/** An event as bmk sends it (only `id` is relied on before parsing). */
export type BmkEvent = Record<string, unknown> & { id: string };

const record = (value: unknown, what: string): Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${what}: expected an object`);
  return value as Record<string, unknown>;
};

/** One event as a normalized match; throws naming the field when it cannot be read. */
export function parseBmkEvent(event: unknown, sport = 'soccer'): Match {
  const e = record(event, 'event');
  const markets: Market[] = [];
  const moneyline = (value: unknown, period: 'ft' | 'ht', what: string) => {
    if (value === null || value === undefined) return;
    const m = record(value, what);
    markets.push(
      ...marketIf({
        market: '1x2',
        period,
        prices: {
          home: decimal(m.home, 'american', `${what}.home`),
          draw: decimal(m.draw, 'american', `${what}.draw`),
          away: decimal(m.away, 'american', `${what}.away`),
        },
      }),
    );
  };
  moneyline(e.moneyline, 'ft', 'moneyline');
  moneyline(e.firstHalfMoneyline, 'ht', 'firstHalfMoneyline');
  const spreads = e.spreads ?? [];
  if (!Array.isArray(spreads)) throw new Error('spreads: expected an array');
  spreads.forEach((value, i) => {
    const s = record(value, `spreads[${i}]`);
    markets.push(
      ...marketIf({
        market: 'ah',
        period: 'ft',
        line: num(s.homeSpread, `spreads[${i}].homeSpread`),
        prices: {
          home: decimal(s.home, 'american', `spreads[${i}].home`),
          away: decimal(s.away, 'american', `spreads[${i}].away`),
        },
      }),
    );
  });
  if (e.total !== null && e.total !== undefined) {
    const t = record(e.total, 'total');
    markets.push(
      ...marketIf({
        market: 'ou',
        period: 'ft',
        line: num(t.points, 'total.points'),
        prices: {
          over: decimal(t.over, 'american', 'total.over'),
          under: decimal(t.under, 'american', 'total.under'),
        },
      }),
    );
  }
  const live = e.live === true;
  let score: [number, number] | undefined;
  if (live) {
    if (!Array.isArray(e.score) || e.score.length !== 2)
      throw new Error('score: expected [home, away] while live');
    score = [num(e.score[0], 'score[0]'), num(e.score[1], 'score[1]')];
  }
  return validMatch({
    eventId: typeof e.id === 'number' ? String(e.id) : text(e.id, 'id'),
    sport,
    league: text(e.league, 'league'),
    home: text(e.home, 'home'),
    away: text(e.away, 'away'),
    startTime: text(e.startTime, 'startTime'),
    inPlay: live,
    score,
    markets,
  });
}

/** Many events: the readable ones as matches, the rest skipped and counted. */
export function parseBmkEvents(events: readonly unknown[]): Parsed {
  const skips = new Skips();
  const matches: Match[] = [];
  for (const event of events) {
    try {
      matches.push(parseBmkEvent(event));
    } catch (error) {
      const id = (event as { id?: unknown } | null)?.id;
      const known = typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
      skips.add(`event ${known ?? '?'}: ${(error as Error).message}`, known);
    }
  }
  return { matches, skipped: skips.count, problems: skips.problems, skippedIds: skips.ids };
}

/** A snapshot (`GET /api/snapshot`) or a STOMP MESSAGE body: its version, events and removed ids. */
export function parseBmkBody(body: unknown): {
  version: number;
  full: boolean;
  events: unknown[];
  removed: string[];
} {
  const b = record(body, 'bmk answer');
  if (!Array.isArray(b.events)) throw new Error('bmk: the answer has no "events"');
  const removed = b.removed ?? [];
  if (!Array.isArray(removed)) throw new Error('bmk: "removed" must be an array');
  return {
    version: num(b.version, 'version'),
    full: b.full === true,
    events: b.events,
    removed: removed.map(String),
  };
}
