// GET /history/arbs.csv: the arbitrage a query selects, one row each, streamed page by
// page. csv-stringify quotes what needs quoting and escapes a leading = + - @ (a team
// name in a spreadsheet must never run as a formula).
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { ArbQuery, HistoryArb } from './records.js';
import type { HistoryStore } from './store.js';

export const CSV_COLUMNS = [
  'id',
  'opened_at',
  'closed_at',
  'lifetime_ms',
  'close_reason',
  'sport',
  'league',
  'home',
  'away',
  'period',
  'kind',
  'books',
  'profit_pct',
  'max_profit_pct',
  'flags',
  'lag_book',
  'legs',
] as const;

function csvRow(arb: HistoryArb): (string | number)[] {
  return [
    arb.id,
    new Date(arb.openedAt).toISOString(),
    arb.closedAt === null ? '' : new Date(arb.closedAt).toISOString(),
    arb.lifetimeMs ?? '',
    arb.closeReason ?? '',
    arb.event.sport ?? '',
    arb.event.league,
    arb.event.home,
    arb.event.away,
    arb.period,
    arb.kind,
    arb.books.join(' '),
    arb.profitPct,
    arb.maxProfitPct,
    arb.flags.join(' '),
    arb.lagBook ?? '',
    arb.legs
      .map(
        (leg) =>
          `${leg.book} ${leg.market} ${leg.line === null ? '' : `${String(leg.line)} `}${leg.side} @ ${String(leg.odds)}`,
      )
      .join('; '),
  ];
}

/** The CSV text of every arbitrage `query` selects, as a stream. */
export function arbsCsv(store: HistoryStore, query: Omit<ArbQuery, 'limit' | 'cursor'>): Readable {
  const rows = Readable.from(
    (async function* () {
      for await (const arb of store.allArbs(query)) yield csvRow(arb);
    })(),
  );
  const csv = stringify({ header: true, columns: [...CSV_COLUMNS], escape_formulas: true });
  rows.on('error', (error) => csv.destroy(error));
  return rows.pipe(csv);
}
