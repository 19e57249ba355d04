// ibc (IBCbet / maxbet, the SABA platform): Odds/ShowAllOdds answers a page of matches,
// each with its "oddsets", one per market, told apart by SABA's bet type ids. Handicaps
// are the line each team gives (Hdp1 home, Hdp2 away: one of them 0); handicap and
// total prices are in the account's odds type (`OddsType`: MY malay or HK), 1X2 in
// decimal; kick-off is the site's time, GMT-4, without a zone.
import type { Market, Match, OddsFormat } from '@arbhub/schema';
import { Skips } from '../types.js';
import type { Parsed } from '../types.js';
import { decimal, marketIf, num, text, validMatch } from '../normalize.js';

/** SABA's bet type ids this parser reads; an oddset of any other type is another market, left alone. */
export const IBC_BET_TYPES = { handicap: 1, overUnder: 3, ft1x2: 5, ht1x2: 15 } as const;
/** The site's zone: GMT-4. */
export const IBC_ZONE_HOURS = -4;
const FORMATS: Readonly<Record<string, OddsFormat>> = { MY: 'malay', HK: 'hk' };

/** One page of ShowAllOdds. */
export interface IbcPage {
  pageIndex: number;
  pageCount: number;
  /** The odds type of the account the page was asked with. */
  format: OddsFormat;
}

/** The site's `2026-11-23T08:00:00` (GMT-4, no zone) as UTC ISO time. */
export function ibcKickoff(value: unknown, zoneHours = IBC_ZONE_HOURS): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(
    typeof value === 'string' ? value : '',
  );
  if (!m) throw new Error(`GameTime: expected "YYYY-MM-DDTHH:mm:ss", got ${JSON.stringify(value)}`);
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = m
    .slice(1)
    .map((part: string | undefined) => Number(part ?? 0));
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(local);
  if (back.getUTCDate() !== day || back.getUTCHours() !== hour || back.getUTCMinutes() !== minute)
    throw new Error(`GameTime: no such time ${String(value)}`);
  return new Date(local - zoneHours * 3_600_000).toISOString().replace('.000Z', 'Z');
}

/** The home team's handicap from what each side gives (Hdp1 home, Hdp2 away). */
export function ibcHomeHandicap(hdp1: unknown, hdp2: unknown): number {
  const home = num(hdp1 ?? 0, 'Hdp1');
  const away = num(hdp2 ?? 0, 'Hdp2');
  if (home < 0 || away < 0)
    throw new Error(`handicap: Hdp1 and Hdp2 are what a side gives, got ${home} and ${away}`);
  if (home > 0 && away > 0) throw new Error(`handicap: both sides give a line (${home} and ${away})`);
  return away - home;
}

/** One match with its oddsets as a normalized match. Throws, naming the field, when it cannot be read. */
export function parseIbcMatch(value: unknown, format: OddsFormat): Match {
  if (typeof value !== 'object' || value === null) throw new Error('expected a match object');
  const m = value as Record<string, unknown>;
  const id = m.MatchId;
  const eventId = typeof id === 'number' ? String(id) : text(id, 'MatchId');
  if (!Array.isArray(m.Oddsets)) throw new Error('Oddsets: expected an array');
  const markets: Market[] = [];
  for (const [i, raw] of (m.Oddsets as unknown[]).entries()) {
    if (typeof raw !== 'object' || raw === null) throw new Error(`Oddsets[${i}]: expected an object`);
    const o = raw as Record<string, unknown>;
    const what = (field: string) => `Oddsets[${i}].${field}`;
    switch (o.BetTypeId) {
      case IBC_BET_TYPES.handicap:
        markets.push(
          ...marketIf({
            market: 'ah',
            period: 'ft',
            line: ibcHomeHandicap(o.Hdp1, o.Hdp2),
            prices: {
              home: decimal(o.Odds1, format, what('Odds1')),
              away: decimal(o.Odds2, format, what('Odds2')),
            },
          }),
        );
        break;
      case IBC_BET_TYPES.overUnder:
        markets.push(
          ...marketIf({
            market: 'ou',
            period: 'ft',
            line: num(o.Hdp1, what('Hdp1')),
            prices: {
              over: decimal(o.Odds1, format, what('Odds1')),
              under: decimal(o.Odds2, format, what('Odds2')),
            },
          }),
        );
        break;
      case IBC_BET_TYPES.ft1x2:
      case IBC_BET_TYPES.ht1x2:
        markets.push(
          ...marketIf({
            market: '1x2',
            period: o.BetTypeId === IBC_BET_TYPES.ft1x2 ? 'ft' : 'ht',
            prices: {
              home: decimal(o.Odds1, 'decimal', what('Odds1')),
              draw: decimal(o.OddsX, 'decimal', what('OddsX')),
              away: decimal(o.Odds2, 'decimal', what('Odds2')),
            },
          }),
        );
        break;
      default:
        if (typeof o.BetTypeId !== 'number') throw new Error(`${what('BetTypeId')}: expected a number`);
      // Another bet type (corners, odd/even, ...): not a market arbhub prices.
    }
  }
  const inPlay = m.IsLive === 1 || m.IsLive === true;
  return validMatch({
    eventId,
    sport: 'soccer', // GameId=1: soccer
    league: text(m.LeagueName, 'LeagueName'),
    home: text(m.HomeName, 'HomeName'),
    away: text(m.AwayName, 'AwayName'),
    startTime: ibcKickoff(m.GameTime),
    inPlay,
    score: inPlay
      ? [num(m.LiveHomeScore, 'LiveHomeScore'), num(m.LiveAwayScore, 'LiveAwayScore')]
      : undefined,
    markets,
  });
}

/**
 * One ShowAllOdds answer: its paging, the account's odds type and the matches. A match
 * that cannot be read is skipped and counted; an answer not in the feed's shape, or one
 * carrying the site's error, throws.
 */
export function parseIbcPage(body: unknown): IbcPage & Parsed {
  if (typeof body !== 'object' || body === null) throw new Error('ibc: the answer is not an object');
  const { ErrorCode, ErrorMsg, Data } = body as Record<string, unknown>;
  if (ErrorCode !== 0)
    throw new Error(`ibc: error ${JSON.stringify(ErrorCode)} ${JSON.stringify(ErrorMsg ?? '')}`);
  if (typeof Data !== 'object' || Data === null) throw new Error('ibc: the answer has no "Data"');
  const data = Data as Record<string, unknown>;
  const format = FORMATS[String(data.OddsType)];
  if (!format) throw new Error(`ibc: unknown OddsType ${JSON.stringify(data.OddsType)}`);
  const { PageIndex, PageCount, Matches } = data;
  if (!Number.isInteger(PageIndex) || !Number.isInteger(PageCount) || !Array.isArray(Matches))
    throw new Error('ibc: "PageIndex", "PageCount" and "Matches" are missing');
  const skips = new Skips();
  const matches: Match[] = [];
  for (const raw of Matches as unknown[]) {
    try {
      matches.push(parseIbcMatch(raw, format));
    } catch (error) {
      const id = typeof raw === 'object' && raw !== null ? (raw as { MatchId?: unknown }).MatchId : undefined;
      const known = typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
      skips.add(`match ${known ?? '?'}: ${(error as Error).message}`, known);
    }
  }
  return {
    pageIndex: PageIndex as number,
    pageCount: PageCount as number,
    format,
    matches,
    skipped: skips.count,
    problems: skips.problems,
    skippedIds: skips.ids,
  };
}
