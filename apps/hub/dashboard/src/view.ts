// What the dashboard shows, as pure functions of the data (unit-tested in node): which
// arbitrage passes the filters and in what order, and how legs, ages, kick-offs and odds
// read on the page.
import { arbGroupKey, formatOdds, groupArbs } from '@arbhub/odds';
import type { Arb, ArbFlag, ArbGroup, ArbLeg, OddsAnswer, OddsFormat } from '@arbhub/schema';

export interface Filters {
  /** Smallest profit shown, in percent. */
  minProfit: number;
  /** '' for every sport. */
  sport: string;
  /** The books the user bets at: an arbitrage shows when every leg is at one of them. */
  books: ReadonlySet<string>;
  when: 'all' | 'prematch' | 'inplay';
  sort: 'profit' | 'age';
  /** Arbitrage carrying any of these flags is left out (by default flagged arbitrage shows, marked). */
  hideFlags: ReadonlySet<ArbFlag>;
}

export const DEFAULT_FILTERS: Filters = {
  minProfit: 0,
  sport: '',
  books: new Set(),
  when: 'all',
  sort: 'profit',
  hideFlags: new Set(),
};

/** What each flag says on the board, and what it means (the badge's title). */
export const FLAG_TEXT: Readonly<Record<ArbFlag, { label: string; title: string }>> = {
  outlier: {
    label: 'outlier',
    title: 'A leg is far off the other books’ consensus price: likely a palpable error the book will void',
  },
  high_profit: { label: 'too good?', title: 'Profit above the suspicious threshold (ARB_SUSPICIOUS_PCT)' },
  kickoff_mismatch: {
    label: 'kick-offs differ',
    title: 'The books’ kick-off times differ by more than 5 minutes: maybe not the same match',
  },
  starting_soon: { label: 'starting soon', title: 'Kick-off within 10 minutes: books suspend markets then' },
  low_confidence_match: {
    label: 'unsure match',
    title: 'The matcher was not sure these listings are one match',
  },
};

/** Whether an arbitrage passes the filters (hidden rows aside). */
function passes(arb: Arb, filters: Filters, allBooks: ReadonlySet<string>): boolean {
  if (arb.profitPct < filters.minProfit) return false;
  if (filters.sport && (arb.event.sport ?? 'soccer') !== filters.sport) return false;
  const inPlay = arb.event.inPlay === true;
  if (filters.when === 'prematch' && inPlay) return false;
  if (filters.when === 'inplay' && !inPlay) return false;
  if (arb.flags.some((flag) => filters.hideFlags.has(flag))) return false;
  // Books the user has not ticked off (new ones included) count as chosen.
  return arb.legs.every((leg) => filters.books.has(leg.book) || !allBooks.has(leg.book));
}

/** Hidden by the user: its id, or its whole row (the event and period). */
const isHidden = (arb: Arb, hidden: ReadonlySet<string>) =>
  hidden.has(arb.id) || hidden.has(arbGroupKey(arb));

/** The arbitrage to show, in order: filtered, hidden ones left out, by profit (highest first) or age (newest first). */
export function visibleArbs(
  arbs: Iterable<Arb>,
  filters: Filters,
  hidden: ReadonlySet<string>,
  allBooks: ReadonlySet<string>,
): Arb[] {
  const shown = [...arbs].filter((arb) => !isHidden(arb, hidden) && passes(arb, filters, allBooks));
  return shown.sort((a, b) =>
    filters.sort === 'age' ? b.openedAt - a.openedAt || b.profitPct - a.profitPct : b.profitPct - a.profitPct,
  );
}

/** One row of the board: an opportunity (event and period), its best arbitrage and the alternatives. */
export interface BoardRow extends ArbGroup {
  key: string;
  /** When the opportunity opened: its oldest arbitrage's openedAt (the best may be newer). */
  openedAt: number;
  /** Every arbitrage of the row has closed: it shows its lifetime while it fades. */
  closed: boolean;
}

/**
 * The board: one row per canonical event and period, the best arbitrage first (clean
 * before flagged, then by profit), "+N more" for the rest. Rows whose arbitrage all
 * closed (`closing`) stay while they fade. Ordered clean rows first, then by the best's
 * profit, or newest first.
 */
export function boardRows(
  arbs: Iterable<Arb>,
  filters: Filters,
  hidden: ReadonlySet<string>,
  allBooks: ReadonlySet<string>,
  closing: ReadonlySet<string>,
): BoardRow[] {
  const shown = visibleArbs(arbs, filters, hidden, allBooks);
  const live = groupArbs(shown.filter((arb) => !closing.has(arb.id)));
  const liveKeys = new Set(live.map((g) => arbGroupKey(g.best)));
  const gone = groupArbs(shown.filter((arb) => closing.has(arb.id) && !liveKeys.has(arbGroupKey(arb))));
  const row = (g: ArbGroup, closed: boolean): BoardRow => ({
    ...g,
    key: arbGroupKey(g.best),
    openedAt: Math.min(g.best.openedAt, ...g.alternatives.map((a) => a.openedAt)),
    closed,
  });
  const rows = [...live.map((g) => row(g, false)), ...gone.map((g) => row(g, true))];
  const flagged = (row: BoardRow) => Number(row.best.flags.length > 0);
  return rows.sort((a, b) =>
    filters.sort === 'age'
      ? flagged(a) - flagged(b) || b.best.openedAt - a.best.openedAt
      : flagged(a) - flagged(b) || b.best.profitPct - a.best.profitPct,
  );
}

const SIDES: Record<string, string> = {
  home: 'home',
  away: 'away',
  draw: 'draw',
  over: 'over',
  under: 'under',
};

/** "Arsenal v Everton". */
export const eventName = (arb: Pick<Arb, 'event'>): string => `${arb.event.home} v ${arb.event.away}`;

/** "AH home −0.25", "O/U over 2.5", "1X2 draw"; "HT" in front for the first half. */
export function marketText(market: string, line: number | null, side: string, period: string): string {
  const name = { ah: 'AH', ou: 'O/U', '1x2': '1X2', ml: 'ML' }[market] ?? market.toUpperCase();
  const shownLine =
    line === null ? '' : ` ${market === 'ah' && line > 0 ? '+' : ''}${String(line).replace('-', '−')}`;
  return `${period === 'ht' ? 'HT ' : ''}${name} ${SIDES[side] ?? side}${shownLine}`;
}

/** One leg: "csport · AH home −0.25 @ 0.95" with the odds in the chosen format. */
export function legText(
  leg: Pick<ArbLeg, 'book' | 'market' | 'line' | 'side' | 'odds'>,
  period: string,
  format: OddsFormat,
): string {
  return `${leg.book} · ${marketText(leg.market, leg.line, leg.side, period)} @ ${formatOdds(leg.odds, format)}`;
}

/** Seconds since an arbitrage opened: "8 s", "3 min 05 s", "1 h 02 min". */
export function ageText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** A kick-off in the viewer's time: "Sat 28 Nov 15:00". */
export function kickoffText(iso: string, locale?: string): string {
  return new Date(iso).toLocaleString(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** Money with two decimals. */
export const money = (x: number) => x.toFixed(2);

/** What the copy button puts on the clipboard: one line per leg with its stake, then the profit. */
export function stakesText(
  arb: Pick<Arb, 'event' | 'period' | 'legs'>,
  stakes: readonly number[],
  profit: number,
  format: OddsFormat,
): string {
  const lines = arb.legs.map(
    (leg, i) => `${legText(leg, arb.period, format)}: stake ${money(stakes[i] ?? 0)}`,
  );
  return [eventName(arb), ...lines, `guaranteed profit ${money(profit)}`].join('\n');
}

/** One book's listing of an event, as GET /odds gives it (`swapped`: its home is the event's away). */
export type OddsBook = Pick<OddsAnswer['events'][number]['books'][string], 'markets' | 'swapped'>;

const TURN: Record<string, string> = { home: 'away', away: 'home' };

export interface OddsRow {
  key: string;
  label: string;
  /** book → decimal odds */
  prices: Map<string, number>;
  /** The books with the highest price of the row. */
  best: Set<string>;
}

/**
 * Every book's prices for one event, one row per selection (market, period, line,
 * side) with the books side by side and the best price of each row marked. A book that
 * lists the teams the other way round (`swapped`) is turned to the event's orientation
 * first: its home price is the event's away price, and its ah line is negated.
 */
export function oddsRows(books: Readonly<Record<string, OddsBook>>): OddsRow[] {
  const rows = new Map<string, OddsRow>();
  for (const [book, listing] of Object.entries(books)) {
    for (const m of listing.markets) {
      for (const [bookSide, odds] of Object.entries(m.prices)) {
        if (odds === null) continue;
        const side = listing.swapped ? (TURN[bookSide] ?? bookSide) : bookSide;
        const line =
          m.line === undefined ? null : listing.swapped && m.market === 'ah' ? -m.line || 0 : m.line;
        const key = `${m.period} ${m.market} ${String(line)} ${side}`;
        const sideLine = m.market === 'ah' && line !== null && side === 'away' ? -line || 0 : line;
        const row = rows.get(key) ?? {
          key,
          label: marketText(m.market, sideLine, side, m.period),
          prices: new Map<string, number>(),
          best: new Set<string>(),
        };
        row.prices.set(book, odds);
        rows.set(key, row);
      }
    }
  }
  for (const row of rows.values()) {
    const top = Math.max(...row.prices.values());
    for (const [book, odds] of row.prices) if (odds === top) row.best.add(book);
  }
  const order = ['1x2', 'ml', 'ah', 'ou'];
  return [...rows.values()].sort((a, b) => {
    const [pa = '', ma = '', la = '0'] = a.key.split(' ');
    const [pb = '', mb = '', lb = '0'] = b.key.split(' ');
    return (
      pa.localeCompare(pb) ||
      order.indexOf(ma) - order.indexOf(mb) ||
      Number(la) - Number(lb) ||
      a.key.localeCompare(b.key)
    );
  });
}
