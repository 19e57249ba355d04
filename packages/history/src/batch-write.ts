// How a batch becomes rows, and the two ways the rows are written. Both run the same
// Kysely inserts. PostgreSQL: chunks of multi-row INSERTs in one async transaction.
// SQLite: each insert compiled once by Kysely and prepared once by better-sqlite3, then
// run once per row in one synchronous transaction. On SQLite the Kysely path spent most
// of the write thread building and preparing the SQL again for every chunk.
import { sql } from 'kysely';
import type { Insertable, Kysely, RawBuilder } from 'kysely';
import type Database from 'better-sqlite3';
import { quoteKey } from './records.js';
import type { Arb, ArbCloseReason } from '@arbhub/schema';
import type { ArbState, Batch } from './store.js';
import type { ArbEventsTable, ArbPairsTable, ArbsTable, HistoryTables, PricesTable } from './tables.js';

/** One batch as the rows of each table. */
export interface BatchRows {
  arbs: ArbsTable[];
  arb_pairs: ArbPairsTable[];
  arb_events: Insertable<ArbEventsTable>[];
  prices: Insertable<PricesTable>[];
}

/** The tables in the order a batch writes them. */
const TABLES = ['arbs', 'arb_pairs', 'arb_events', 'prices'] as const;
type Table = (typeof TABLES)[number];

/** Rows per multi-row INSERT: well under SQLite's 32,766 bound variables. */
const CHUNK = 400;

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Every pair of distinct books among the legs, each as `a|b` with a < b. */
export function bookPairs(books: readonly string[]): [string, string][] {
  const sorted = [...new Set(books)].sort();
  const pairs: [string, string][] = [];
  for (let i = 0; i < sorted.length; i += 1)
    for (let j = i + 1; j < sorted.length; j += 1) pairs.push([sorted[i] ?? '', sorted[j] ?? '']);
  return pairs;
}

/** The row of an arbitrage at its latest state. */
export function arbRow(
  arb: Arb,
  extra: {
    maxProfitPct: number;
    updates: number;
    lagBook: string | null;
    closedAt?: number;
    reason?: ArbCloseReason;
  },
): ArbsTable {
  const books = [...new Set(arb.legs.map((leg) => leg.book))].sort();
  return {
    id: arb.id,
    event_id: arb.eventId,
    home: arb.event.home,
    away: arb.event.away,
    league: arb.event.league,
    sport: arb.event.sport ?? null,
    start_time: arb.event.startTime,
    in_play: arb.event.inPlay === true ? 1 : 0,
    period: arb.period,
    kind: arb.kind,
    books: `,${books.join(',')},`,
    legs: JSON.stringify(arb.legs),
    flags: JSON.stringify(arb.flags),
    profit_pct: arb.profitPct,
    max_profit_pct: extra.maxProfitPct,
    return_ratio: arb.returnRatio,
    opened_at: arb.openedAt,
    updated_at: arb.updatedAt,
    closed_at: extra.closedAt ?? null,
    lifetime_ms: extra.closedAt === undefined ? null : extra.closedAt - arb.openedAt,
    close_reason: extra.reason ?? null,
    updates: extra.updates,
    lag_book: extra.lagBook,
  };
}

export function batchRows(batch: Batch): BatchRows {
  const arbs = [...batch.arbs.values()].map((state: ArbState) => arbRow(state.arb, state));
  return {
    arbs,
    arb_pairs: arbs.flatMap((row) =>
      bookPairs(row.books.split(',').filter((b) => b !== '')).map(([a, b]) => ({
        arb_id: row.id,
        pair: `${a}|${b}`,
        book_a: a,
        book_b: b,
        opened_at: row.opened_at,
        lifetime_ms: row.lifetime_ms,
        profit_pct: row.max_profit_pct,
      })),
    ),
    arb_events: batch.changes.map(({ arbId, change, profitPct, legs, flags, ts, reason }) => ({
      arb_id: arbId,
      change,
      ts,
      profit_pct: profitPct,
      legs: JSON.stringify(legs),
      flags: JSON.stringify(flags),
      reason,
    })),
    prices: batch.prices.map((p) => ({
      quote_key: quoteKey(p),
      book: p.book,
      event_id: p.eventId,
      market: p.market,
      period: p.period,
      line: p.line,
      side: p.side,
      odds: p.odds,
      ts: p.ts,
    })),
  };
}

/** For an upsert: the larger of the stored `table.column` and the new row's. */
function larger(table: 'arbs' | 'arb_pairs', column: string): RawBuilder<number> {
  const stored = sql.ref(`${table}.${column}`);
  const incoming = sql.ref(`excluded.${column}`);
  return sql<number>`CASE WHEN ${stored} > ${incoming} THEN ${stored} ELSE ${incoming} END`;
}

/** Each table's insert: an arbitrage and its pairs are upserted (a batch carries the latest state). */
function insert(db: Kysely<HistoryTables>, table: Table, rows: BatchRows[Table]) {
  switch (table) {
    case 'arbs':
      return db
        .insertInto('arbs')
        .values(rows as ArbsTable[])
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            legs: eb.ref('excluded.legs'),
            flags: eb.ref('excluded.flags'),
            profit_pct: eb.ref('excluded.profit_pct'),
            // The larger figure and count, and the lagging book known at the opening: a scale-out
            // engine that takes an arbitrage over knows none of them for sure (on one hub each
            // is `excluded`'s).
            max_profit_pct: larger('arbs', 'max_profit_pct'),
            return_ratio: eb.ref('excluded.return_ratio'),
            updated_at: eb.ref('excluded.updated_at'),
            closed_at: eb.ref('excluded.closed_at'),
            // From the opening kept (an engine that took it over may have rebuilt it later).
            lifetime_ms: eb('excluded.closed_at', '-', eb.ref('arbs.opened_at')),
            close_reason: eb.ref('excluded.close_reason'),
            updates: larger('arbs', 'updates'),
            lag_book: eb.fn.coalesce('arbs.lag_book', 'excluded.lag_book'),
            in_play: eb.ref('excluded.in_play'),
          })),
        );
    case 'arb_pairs':
      return db
        .insertInto('arb_pairs')
        .values(rows as ArbPairsTable[])
        .onConflict((oc) =>
          oc.columns(['arb_id', 'pair']).doUpdateSet((eb) => ({
            lifetime_ms: eb(
              eb('excluded.opened_at', '+', eb.ref('excluded.lifetime_ms')),
              '-',
              eb.ref('arb_pairs.opened_at'),
            ),
            profit_pct: larger('arb_pairs', 'profit_pct'),
          })),
        );
    case 'arb_events':
      return db.insertInto('arb_events').values(rows as Insertable<ArbEventsTable>[]);
    case 'prices':
      return db.insertInto('prices').values(rows as Insertable<PricesTable>[]);
  }
}

/** Writes the rows in one transaction of multi-row inserts (PostgreSQL, or any Kysely database). */
export async function writeRows(db: Kysely<HistoryTables>, rows: BatchRows): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of TABLES)
      for (const part of chunks<object>(rows[table]))
        await insert(trx, table, part as BatchRows[Table]).execute();
  });
}

interface Prepared {
  statement: Database.Statement;
  /** The statement's parameters, in order: the row's columns as the insert was compiled. */
  columns: string[];
}

/**
 * Writes rows to SQLite synchronously: one transaction, each table's insert compiled by
 * Kysely from the first row it meets and prepared once, then run for every row.
 */
export class SqliteRowWriter {
  private readonly prepared = new Map<Table, Prepared>();
  private readonly transaction: (rows: BatchRows) => void;

  constructor(
    private readonly db: Kysely<HistoryTables>,
    private readonly sqlite: Database.Database,
  ) {
    this.transaction = sqlite.transaction((rows: BatchRows) => {
      for (const table of TABLES) {
        const list = rows[table] as Record<string, unknown>[];
        const first = list[0];
        if (first === undefined) continue;
        const { statement, columns } = this.prepare(table, first);
        for (const row of list) statement.run(columns.map((column) => row[column]));
      }
    });
  }

  write(rows: BatchRows): void {
    this.transaction(rows);
  }

  private prepare(table: Table, sample: Record<string, unknown>): Prepared {
    let prepared = this.prepared.get(table);
    if (!prepared) {
      const columns = Object.keys(sample);
      const compiled = insert(this.db, table, [sample] as BatchRows[Table]).compile();
      // Each column one parameter, in the order given: what run() is handed below.
      const inOrder =
        compiled.parameters.length === columns.length &&
        columns.every((column, i) => compiled.parameters[i] === sample[column]);
      if (!inOrder) throw new Error(`history: the ${table} insert does not bind its columns in order`);
      prepared = { statement: this.sqlite.prepare(compiled.sql), columns };
      this.prepared.set(table, prepared);
    }
    return prepared;
  }
}
