// The BetLight feed (CMD368's platform: csport is QQ188's C-Sport, cmd is CMD368's own
// site): DataOdds.ashx answers rows of 91 positional values. One table says which
// position holds what; handicap and total prices are in the operator's odds type
// (malay at csport, indo at cmd), 1x2 prices decimal; kickoff is `HH:mm` and `MM/DD` in
// the book's zone (GMT+8) with no year.
import type { Market, Match, OddsFormat } from '@arbhub/schema';
import { Skips } from '../types.js';
import type { Parsed } from '../types.js';
import { decimal, marketIf, num, text, validMatch } from '../normalize.js';

/**
 * Positions in a row. 0-56 are where the real feed has them; 11-13, 42-46 and 57-60 are
 * the simulator's additions (apps/simbook/README.md).
 */
export const CSPORT_POSITIONS = {
  matchId: 0,
  /** Full-time handicap line, absolute; who gives it at 11: 1 home, 2 away, 0 level. */
  ftHandicapLine: 10,
  ftHandicapGiver: 11,
  /** The second handicap line and its giver. */
  altHandicapLine: 12,
  altHandicapGiver: 13,
  /** 1x2, decimal: home, away, draw (in this order, as the real feed). */
  ft1x2Home: 17,
  ft1x2Away: 18,
  ft1x2Draw: 19,
  ht1x2Home: 20,
  ht1x2Away: 21,
  ht1x2Draw: 22,
  league: 37,
  home: 38,
  away: 39,
  /** Handicap prices, malay. */
  ftHandicapHome: 40,
  ftHandicapAway: 41,
  altHandicapHome: 42,
  altHandicapAway: 43,
  /** Total line and over / under prices, malay. */
  ftTotalLine: 44,
  ftOver: 45,
  ftUnder: 46,
  /** Kickoff `HH:mm` and `MM/DD`, book time (GMT+8), no year. */
  kickoffTime: 53,
  kickoffDate: 56,
  /** 1 in play; the score (home, away); the minute. */
  inPlay: 57,
  homeScore: 58,
  awayScore: 59,
} as const;
const P = CSPORT_POSITIONS;
/** The book's zone: GMT+8. */
export const CSPORT_ZONE_HOURS = 8;

/** The answer of DataOdds.ashx. */
export interface CsportAnswer {
  /** The version to send as `t` next time. */
  t: number;
  /** false: the `t` sent is too old; reload in full (fc=1). */
  a: boolean;
  removed: string[];
}

/**
 * The kickoff as UTC ISO: `HH:mm` and `MM/DD` in the book's zone, in the year that puts it
 * nearest to `now` (a feed without years shows the next days, or the last, across New Year).
 */
export function kickoffOf(time: unknown, date: unknown, now: number, zoneHours = CSPORT_ZONE_HOURS): string {
  const t = /^(\d{1,2}):(\d{2})$/.exec(typeof time === 'string' ? time.trim() : '');
  const d = /^(\d{1,2})\/(\d{1,2})$/.exec(typeof date === 'string' ? date.trim() : '');
  if (!t || !d)
    throw new Error(
      `kickoff: expected "HH:mm" and "MM/DD", got ${JSON.stringify(time)} ${JSON.stringify(date)}`,
    );
  const [hour, minute, month, day] = [Number(t[1]), Number(t[2]), Number(d[1]), Number(d[2])];
  if (hour > 23 || minute > 59 || month < 1 || month > 12 || day < 1 || day > 31)
    throw new Error(`kickoff: no such time ${String(time)} ${String(date)}`);
  const year = new Date(now + zoneHours * 3_600_000).getUTCFullYear();
  let best: number | undefined;
  for (const y of [year - 1, year, year + 1]) {
    const at = Date.UTC(y, month - 1, day, hour, minute) - zoneHours * 3_600_000;
    // 31/02 and the like roll over into the next month: not a date.
    if (new Date(at + zoneHours * 3_600_000).getUTCDate() !== day) continue;
    if (best === undefined || Math.abs(at - now) < Math.abs(best - now)) best = at;
  }
  if (best === undefined) throw new Error(`kickoff: no such date ${String(date)}`);
  return new Date(best).toISOString().replace('.000Z', 'Z');
}

/** The home team's handicap from an absolute line and who gives it (1 home, 2 away, 0 level). */
export function homeHandicap(line: unknown, giver: unknown, what: string): number {
  const abs = num(line, what);
  if (abs < 0) throw new Error(`${what}: expected an absolute line, got ${abs}`);
  if (giver === 1 || giver === '1') return -abs;
  if (giver === 2 || giver === '2') return abs;
  if ((giver === 0 || giver === '0' || giver === null) && abs === 0) return 0;
  throw new Error(`${what}: who gives the line is ${JSON.stringify(giver)}`);
}

/** How one operator's feed is read: the odds type its handicap and total prices are in. */
export interface BetlightFormat {
  format: OddsFormat;
}
const MALAY: BetlightFormat = { format: 'malay' };

/** One row as a normalized match. Throws, naming the position, when the row cannot be read. */
export function parseCsportRow(value: unknown, now: number, { format }: BetlightFormat = MALAY): Match {
  if (!Array.isArray(value) || value.length <= P.awayScore) throw new Error(`expected a row of 91 values`);
  const row = value as unknown[];
  const id = row[P.matchId];
  const eventId = typeof id === 'number' ? String(id) : text(id, 'position 0 (match id)');
  const markets: Market[] = [];
  const ah = (lineAt: number, giverAt: number, homeAt: number, awayAt: number) => {
    if (row[lineAt] === null && row[homeAt] === null && row[awayAt] === null) return;
    markets.push(
      ...marketIf({
        market: 'ah',
        period: 'ft',
        line: homeHandicap(row[lineAt], row[giverAt], `position ${lineAt} (handicap line)`),
        prices: {
          home: decimal(row[homeAt], format, `position ${homeAt}`),
          away: decimal(row[awayAt], format, `position ${awayAt}`),
        },
      }),
    );
  };
  ah(P.ftHandicapLine, P.ftHandicapGiver, P.ftHandicapHome, P.ftHandicapAway);
  ah(P.altHandicapLine, P.altHandicapGiver, P.altHandicapHome, P.altHandicapAway);
  if (row[P.ftTotalLine] !== null)
    markets.push(
      ...marketIf({
        market: 'ou',
        period: 'ft',
        line: num(row[P.ftTotalLine], `position ${P.ftTotalLine} (total line)`),
        prices: {
          over: decimal(row[P.ftOver], format, `position ${P.ftOver}`),
          under: decimal(row[P.ftUnder], format, `position ${P.ftUnder}`),
        },
      }),
    );
  const x12 = (period: 'ft' | 'ht', home: number, away: number, draw: number) =>
    marketIf({
      market: '1x2',
      period,
      prices: {
        home: decimal(row[home], 'decimal', `position ${home}`),
        draw: decimal(row[draw], 'decimal', `position ${draw}`),
        away: decimal(row[away], 'decimal', `position ${away}`),
      },
    });
  markets.push(...x12('ft', P.ft1x2Home, P.ft1x2Away, P.ft1x2Draw));
  markets.push(...x12('ht', P.ht1x2Home, P.ht1x2Away, P.ht1x2Draw));
  const inPlay = row[P.inPlay] === 1 || row[P.inPlay] === '1';
  return validMatch({
    eventId,
    sport: 'soccer', // m_gameType=S_: the soccer feed
    league: text(row[P.league], `position ${P.league} (league)`),
    home: text(row[P.home], `position ${P.home} (home team)`),
    away: text(row[P.away], `position ${P.away} (away team)`),
    startTime: kickoffOf(row[P.kickoffTime], row[P.kickoffDate], now),
    inPlay,
    score: inPlay
      ? [num(row[P.homeScore], `position ${P.homeScore}`), num(row[P.awayScore], `position ${P.awayScore}`)]
      : undefined,
    markets,
  });
}

/**
 * A whole DataOdds.ashx answer: its version, whether it is usable, its rows (in-play
 * `data` and prematch `today`) as matches, and the ids it removes. A row that cannot be
 * read is skipped and counted; an answer that is not the feed's shape throws.
 */
export function parseCsportAnswer(
  body: unknown,
  now: number,
  operator: BetlightFormat = MALAY,
): CsportAnswer & Parsed {
  if (typeof body !== 'object' || body === null) throw new Error('csport: the answer is not an object');
  const { t, a, data = [], today = [], f = [] } = body as Record<string, unknown>;
  if (typeof t !== 'number' || typeof a !== 'boolean')
    throw new Error('csport: the answer has no "t" and "a"');
  if (!Array.isArray(data) || !Array.isArray(today) || !Array.isArray(f))
    throw new Error('csport: "data", "today" and "f" must be arrays');
  const skips = new Skips();
  const matches: Match[] = [];
  for (const row of [...(data as unknown[]), ...(today as unknown[])]) {
    try {
      matches.push(parseCsportRow(row, now, operator));
    } catch (error) {
      const id: unknown = Array.isArray(row) ? row[P.matchId] : undefined;
      const known = typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
      skips.add(`row ${known ?? '?'}: ${(error as Error).message}`, known);
    }
  }
  return {
    t,
    a,
    removed: f.map(String),
    matches,
    skipped: skips.count,
    problems: skips.problems,
    skippedIds: skips.ids,
  };
}
