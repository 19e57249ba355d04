// sbo (SBOBet): each page of /api/odds is field-indexed rows. The first row names the
// fields (`["f", version, [names]]`); every other row is a record
// `[0, "m" | "o", index, value, index, value, ...]` setting some fields by index: a match
// record, then its odds records. Lines are strings ("0-0.5", "0.5/1") with the giving
// team in `giver`; handicap and total prices are hk, 1x2 decimal.
import type { Market, Match } from '@arbhub/schema';
import { Skips } from '../types.js';
import type { Parsed } from '../types.js';
import { decimal, marketIf, num, text, validMatch } from '../normalize.js';

/** A line as SBO writes it: "0-0.5" or "0.5/1" is the quarter between; "1", "2.5" as they are. */
export function sboLineValue(value: unknown): number {
  const s = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const parts = /^(\d+(?:\.\d+)?)(?:([-/])(\d+(?:\.\d+)?))?$/.exec(s);
  if (!parts) throw new Error(`line: expected "0.5", "0-0.5" or "0.5/1", got ${JSON.stringify(value)}`);
  const low = Number(parts[1]);
  if (parts[3] === undefined) return low;
  const high = Number(parts[3]);
  if (high - low !== 0.5) throw new Error(`line: "${s}" is not two lines half a goal apart`);
  return (low + high) / 2;
}

/** The home team's handicap from SBO's line and giver ("h" home gives, "a" away gives, "" level). */
export function sboHomeHandicap(line: unknown, giver: unknown): number {
  const abs = sboLineValue(line);
  if (giver === 'h') return -abs;
  if (giver === 'a') return abs;
  if ((giver === '' || giver === undefined) && abs === 0) return 0;
  throw new Error(`giver: ${JSON.stringify(giver)} for line ${JSON.stringify(line)}`);
}

type Fields = Record<string, unknown>;

/** A record's fields by name, through the header's field names. */
function fieldsOf(record: unknown[], names: readonly string[]): Fields {
  const out: Fields = {};
  for (let i = 2; i + 1 < record.length; i += 2) {
    const name = names[record[i] as number];
    if (typeof record[i] !== 'number' || name === undefined)
      throw new Error(`field index ${JSON.stringify(record[i])} is not in the header`);
    out[name] = record[i + 1];
  }
  if (record.length % 2 !== 0) throw new Error('a field index without its value');
  return out;
}

function marketOf(o: Fields): Market[] {
  const kind = o.market;
  const period = o.period === '1h' ? 'ht' : o.period === 'ft' ? 'ft' : undefined;
  if (!period) throw new Error(`period: ${JSON.stringify(o.period)}`);
  if (kind === 'hdp')
    return marketIf({
      market: 'ah',
      period,
      line: sboHomeHandicap(o.line, o.giver),
      prices: { home: decimal(o.p1, 'hk', 'p1'), away: decimal(o.p2, 'hk', 'p2') },
    });
  if (kind === 'ou')
    return marketIf({
      market: 'ou',
      period,
      line: sboLineValue(o.line),
      prices: { over: decimal(o.p1, 'hk', 'p1'), under: decimal(o.p2, 'hk', 'p2') },
    });
  if (kind === '1x2')
    return marketIf({
      market: '1x2',
      period,
      prices: {
        home: decimal(o.p1, 'decimal', 'p1'),
        draw: decimal(o.p3, 'decimal', 'p3'),
        away: decimal(o.p2, 'decimal', 'p2'),
      },
    });
  throw new Error(`market: ${JSON.stringify(kind)}`);
}

function scoreOf(value: unknown): [number, number] {
  const parts = typeof value === 'string' ? /^(\d+)-(\d+)$/.exec(value.trim()) : null;
  if (!parts) throw new Error(`score: expected "h-a", got ${JSON.stringify(value)}`);
  return [Number(parts[1]), Number(parts[2])];
}

/** One page of /api/odds: its version, page count and matches; unreadable records are skipped and counted. */
export function parseSboPage(
  body: unknown,
  sport = 'soccer',
): { version: number; page: number; pages: number } & Parsed {
  if (typeof body !== 'object' || body === null) throw new Error('sbo: the answer is not an object');
  const { page, pages, rows } = body as Record<string, unknown>;
  if (!Array.isArray(rows)) throw new Error('sbo: the answer has no "rows"');
  const header = rows[0] as unknown;
  if (!Array.isArray(header) || header[0] !== 'f' || !Array.isArray(header[2]))
    throw new Error('sbo: the first row is not the field header ["f", version, [names]]');
  const names = (header[2] as unknown[]).map(String);
  const skips = new Skips();
  const building = new Map<string, { m: Fields; markets: Market[]; bad?: string }>();
  for (const record of rows.slice(1) as unknown[]) {
    try {
      if (!Array.isArray(record) || (record[1] !== 'm' && record[1] !== 'o'))
        throw new Error('a record is [0, "m" or "o", index, value, ...]');
      const fields = fieldsOf(record, names);
      const id = typeof fields.id === 'number' ? String(fields.id) : text(fields.id, 'id');
      if (record[1] === 'm') {
        building.set(id, { m: fields, markets: [] });
        continue;
      }
      const match = building.get(id);
      if (!match) throw new Error(`odds for match ${id} before its match record`);
      try {
        match.markets.push(...marketOf(fields));
      } catch (error) {
        // One bad odds record spoils its match: a match without one of its markets would
        // tell the hub that market is gone.
        match.bad = `match ${id}: ${(error as Error).message}`;
      }
    } catch (error) {
      skips.add((error as Error).message);
    }
  }
  const matches: Match[] = [];
  for (const [id, { m, markets, bad }] of building) {
    if (bad) {
      skips.add(bad, id);
      continue;
    }
    try {
      const live = m.live === 1 || m.live === '1';
      matches.push(
        validMatch({
          eventId: id,
          sport,
          league: text(m.league, 'league'),
          home: text(m.home, 'home'),
          away: text(m.away, 'away'),
          startTime: text(m.kickoff, 'kickoff'),
          inPlay: live,
          score: live ? scoreOf(m.score) : undefined,
          markets,
        }),
      );
    } catch (error) {
      skips.add(`match ${id}: ${(error as Error).message}`, id);
    }
  }
  return {
    version: num(header[1], 'header version'),
    page: num(page, 'page'),
    pages: num(pages, 'pages'),
    matches,
    skipped: skips.count,
    problems: skips.problems,
    skippedIds: skips.ids,
  };
}
