// pin (the Pinnacle API): `GET /v3/odds[?since=]` answers leagues of events; periods
// 0 (full time) and 1 (first half) carry the moneyline, spreads (`hdp` is the home
// team's handicap) and totals, in decimal odds.
import type { Market, Match } from '@arbhub/schema';
import { Skips } from '../types.js';
import type { Parsed } from '../types.js';
import { decimal, marketIf, num, text, validMatch } from '../normalize.js';

const record = (value: unknown, what: string): Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${what}: expected an object`);
  return value as Record<string, unknown>;
};
const list = (value: unknown, what: string): unknown[] => {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`${what}: expected an array`);
  return value;
};

/** One event of a league as a normalized match. */
export function parsePinEvent(event: unknown, league: string, sport = 'soccer'): Match {
  const e = record(event, 'event');
  const markets: Market[] = [];
  for (const [i, value] of list(e.periods, 'periods').entries()) {
    const p = record(value, `periods[${i}]`);
    const period = p.number === 0 ? 'ft' : p.number === 1 ? 'ht' : undefined;
    if (!period) continue; // other periods (second half, ...) are not traded here
    if (p.moneyline !== null && p.moneyline !== undefined) {
      const m = record(p.moneyline, `periods[${i}].moneyline`);
      markets.push(
        ...marketIf({
          market: '1x2',
          period,
          prices: {
            home: decimal(m.home, 'decimal', 'moneyline.home'),
            draw: decimal(m.draw, 'decimal', 'moneyline.draw'),
            away: decimal(m.away, 'decimal', 'moneyline.away'),
          },
        }),
      );
    }
    for (const [j, sv] of list(p.spreads, 'spreads').entries()) {
      const s = record(sv, `spreads[${j}]`);
      markets.push(
        ...marketIf({
          market: 'ah',
          period,
          line: num(s.hdp, `spreads[${j}].hdp`),
          prices: {
            home: decimal(s.home, 'decimal', 'spread home'),
            away: decimal(s.away, 'decimal', 'spread away'),
          },
          ...(typeof s.max === 'number' && s.max > 0 ? { maxStake: s.max } : {}),
        }),
      );
    }
    for (const [j, tv] of list(p.totals, 'totals').entries()) {
      const t = record(tv, `totals[${j}]`);
      markets.push(
        ...marketIf({
          market: 'ou',
          period,
          line: num(t.points, `totals[${j}].points`),
          prices: { over: decimal(t.over, 'decimal', 'over'), under: decimal(t.under, 'decimal', 'under') },
          ...(typeof t.max === 'number' && t.max > 0 ? { maxStake: t.max } : {}),
        }),
      );
    }
  }
  const live = e.liveStatus === 1;
  return validMatch({
    eventId: typeof e.id === 'number' ? String(e.id) : text(e.id, 'id'),
    sport,
    league,
    home: text(e.home, 'home'),
    away: text(e.away, 'away'),
    startTime: text(e.starts, 'starts'),
    inPlay: live,
    score: live ? [num(e.homeScore, 'homeScore'), num(e.awayScore, 'awayScore')] : undefined,
    markets,
  });
}

/** A whole answer: its cursor, whether it is everything, the matches, and the ids removed. */
export function parsePinAnswer(body: unknown): { last: number; full: boolean; removed: string[] } & Parsed {
  const b = record(body, 'pin answer');
  const skips = new Skips();
  const matches: Match[] = [];
  for (const [i, lv] of list(b.leagues, 'leagues').entries()) {
    let league: string;
    let events: unknown[];
    try {
      const l = record(lv, `leagues[${i}]`);
      league = text(l.name, `leagues[${i}].name`);
      events = list(l.events, `leagues[${i}].events`);
    } catch (error) {
      skips.add((error as Error).message);
      continue;
    }
    for (const event of events) {
      try {
        matches.push(parsePinEvent(event, league));
      } catch (error) {
        const id = (event as { id?: unknown } | null)?.id;
        const known = typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
        skips.add(`event ${known ?? '?'}: ${(error as Error).message}`, known);
      }
    }
  }
  return {
    last: num(b.last, 'last'),
    full: b.full === true,
    removed: list(b.removed, 'removed').map(String),
    matches,
    skipped: skips.count,
    problems: skips.problems,
    skippedIds: skips.ids,
  };
}
