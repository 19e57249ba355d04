// The history's reads and writes, one Kysely query each, the same for SQLite and
// PostgreSQL. Writes come in batches (writer.ts): one transaction per batch.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Arb, ArbCloseReason } from '@arbhub/schema';
import type { HistoryDb } from './db.js';
import {
  DEFAULT_LIMIT,
  LIFETIME_EDGES,
  MAX_LIMIT,
  PRICE_LEAD_MS,
  PROFIT_EDGES,
  legQuote,
  quoteKey,
} from './records.js';
import type {
  ArbQuery,
  Bucket,
  HistoryArb,
  HistoryArbDetail,
  HistoryChange,
  HistoryStats,
  PricePoint,
} from './records.js';
import type { ArbsTable, HistoryTables } from './tables.js';
import { SqliteRowWriter, batchRows, chunks, writeRows } from './batch-write.js';

/** An arbitrage at its latest state, with what the writer knows of its life so far. */
export interface ArbState {
  arb: Arb;
  maxProfitPct: number;
  updates: number;
  lagBook: string | null;
  closedAt?: number;
  reason?: ArbCloseReason;
}

/** One batch of writes: each arbitrage at its latest state, its changes, new prices. */
export interface Batch {
  arbs: Map<string, ArbState>;
  /** Each change with what its row keeps (not the whole arbitrage: a batch crosses to the write thread). */
  changes: {
    arbId: string;
    change: HistoryChange['change'];
    profitPct: number;
    legs: Arb['legs'];
    flags: Arb['flags'];
    ts: number;
    reason: ArbCloseReason | null;
  }[];
  prices: PricePoint[];
}

/** A cursor that is not one of ours. */
export class CursorError extends Error {
  constructor() {
    super('cursor: not a cursor this API gave');
  }
}

function fromRow(row: ArbsTable): HistoryArb {
  return {
    id: row.id,
    eventId: row.event_id,
    event: {
      home: row.home,
      away: row.away,
      league: row.league,
      startTime: row.start_time,
      ...(row.sport === null ? {} : { sport: row.sport }),
      inPlay: row.in_play === 1,
    },
    period: row.period as Arb['period'],
    kind: row.kind as Arb['kind'],
    books: row.books.split(',').filter((b) => b !== ''),
    legs: JSON.parse(row.legs) as Arb['legs'],
    flags: JSON.parse(row.flags) as Arb['flags'],
    profitPct: row.profit_pct,
    maxProfitPct: row.max_profit_pct,
    returnRatio: row.return_ratio,
    openedAt: row.opened_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
    lifetimeMs: row.lifetime_ms,
    closeReason: row.close_reason as ArbCloseReason | null,
    updates: row.updates,
    lagBook: row.lag_book,
  };
}

function encodeCursor(openedAt: number, id: string): string {
  return Buffer.from(JSON.stringify([openedAt, id])).toString('base64url');
}

function decodeCursor(cursor: string): [number, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string')
      return [value[0], value[1]];
  } catch {
    // falls through
  }
  throw new CursorError();
}

/** Where the writer's batches go: the store itself, or a thread that owns its own connection (thread-sink.ts). */
export interface HistorySink {
  readonly dialect: string;
  readonly where: string;
  migrate(): Promise<void>;
  write(batch: Batch): Promise<void>;
  deleteBefore(cutoff: number): Promise<{ arbs: number; prices: number }>;
  close(): Promise<void>;
}

export class HistoryStore implements HistorySink {
  readonly db: Kysely<HistoryTables>;

  /** SQLite's writes: prepared once, run synchronously (batch-write.ts). */
  private readonly rowWriter: SqliteRowWriter | undefined;
  /** Writes and deletions one at a time: a synchronous SQLite write must not land inside another's transaction. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly handle: HistoryDb) {
    this.db = handle.db;
    this.rowWriter = handle.sqlite ? new SqliteRowWriter(handle.db, handle.sqlite) : undefined;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  get dialect(): string {
    return this.handle.dialect;
  }

  get where(): string {
    return this.handle.where;
  }

  migrate(): Promise<void> {
    return this.handle.migrate();
  }

  close(): Promise<void> {
    return this.handle.close();
  }

  /** Writes one batch in one transaction: all of it, or (an error) none. */
  write(batch: Batch): Promise<void> {
    return this.serial(async () => {
      const rows = batchRows(batch);
      if (this.rowWriter) this.rowWriter.write(rows);
      else await writeRows(this.db, rows);
    });
  }

  async listArbs(query: ArbQuery): Promise<{ items: HistoryArb[]; nextCursor: string | null }> {
    await this.handle.migrate();
    const limit = Math.min(Math.max(1, query.limit ?? DEFAULT_LIMIT), MAX_LIMIT);
    let q = this.db.selectFrom('arbs').selectAll();
    if (query.from !== undefined) q = q.where('opened_at', '>=', query.from);
    if (query.to !== undefined) q = q.where('opened_at', '<', query.to);
    if (query.book !== undefined) q = q.where('books', 'like', `%,${query.book},%`);
    if (query.sport !== undefined) q = q.where('sport', '=', query.sport);
    if (query.minProfit !== undefined) q = q.where('max_profit_pct', '>=', query.minProfit);
    if (query.cursor !== undefined) {
      const [openedAt, id] = decodeCursor(query.cursor);
      q = q.where((eb) =>
        eb.or([eb('opened_at', '<', openedAt), eb.and([eb('opened_at', '=', openedAt), eb('id', '<', id)])]),
      );
    }
    const rows = await q
      .orderBy('opened_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(fromRow),
      nextCursor: rows.length > limit && last ? encodeCursor(last.opened_at, last.id) : null,
    };
  }

  /** Every arbitrage the query selects, page by page (the CSV export). */
  async *allArbs(query: Omit<ArbQuery, 'limit' | 'cursor'>): AsyncGenerator<HistoryArb> {
    let cursor: string | undefined;
    for (;;) {
      const page = await this.listArbs({ ...query, limit: MAX_LIMIT, cursor });
      yield* page.items;
      if (!page.nextCursor) return;
      cursor = page.nextCursor;
    }
  }

  /** One arbitrage with its legs' prices (10 minutes before it opened until it closed) and its changes. */
  async getArb(id: string, now = Date.now()): Promise<HistoryArbDetail | undefined> {
    await this.handle.migrate();
    const row = await this.db.selectFrom('arbs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const arb = fromRow(row);
    const keys = [...new Set(arb.legs.map((leg) => quoteKey(legQuote(arb, leg))))];
    const until = arb.closedAt ?? now;
    const prices = await this.db
      .selectFrom('prices')
      .select(['book', 'event_id', 'market', 'period', 'line', 'side', 'odds', 'ts'])
      .where('quote_key', 'in', keys)
      .where('ts', '>=', arb.openedAt - PRICE_LEAD_MS)
      .where('ts', '<=', until)
      .orderBy('ts')
      .orderBy('seq')
      .execute();
    const changes = await this.db
      .selectFrom('arb_events')
      .selectAll()
      .where('arb_id', '=', id)
      .orderBy('seq')
      .execute();
    // A leg whose price was set before the window and written for an earlier arbitrage:
    // the price in force at the window's start comes first, at the start.
    const start = arb.openedAt - PRICE_LEAD_MS;
    for (const key of keys) {
      const first = prices.find((p) => quoteKey({ ...p, eventId: p.event_id }) === key);
      if (first && first.ts <= start) continue;
      const before = await this.db
        .selectFrom('prices')
        .select(['book', 'event_id', 'market', 'period', 'line', 'side', 'odds', 'ts'])
        .where('quote_key', '=', key)
        .where('ts', '<', start)
        .orderBy('ts', 'desc')
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (before) prices.unshift({ ...before, ts: start });
    }
    prices.sort((a, b) => a.ts - b.ts);
    return {
      ...arb,
      prices: prices.map((p) => ({
        book: p.book,
        eventId: p.event_id,
        market: p.market,
        period: p.period,
        line: p.line,
        side: p.side,
        odds: p.odds,
        ts: p.ts,
      })),
      changes: changes.map((c) => ({
        change: c.change as HistoryChange['change'],
        ts: c.ts,
        profitPct: c.profit_pct,
        legs: JSON.parse(c.legs) as Arb['legs'],
        flags: JSON.parse(c.flags) as Arb['flags'],
        reason: c.reason as ArbCloseReason | null,
      })),
    };
  }

  /** Per pair of books and per book, histograms and arbitrage per hour, for arbitrage opened in [from, to). */
  async stats(from: number, to: number): Promise<HistoryStats> {
    await this.handle.migrate();
    const inRange = sql`opened_at >= ${from} and opened_at < ${to}`;
    const counts = await sql<{ pair: string; n: number | string; closed: number | string }>`
      select pair, count(*) as n, count(lifetime_ms) as closed
      from arb_pairs where ${inRange} group by pair`.execute(this.db);
    // Nearest-rank percentiles with window functions: the same SQL in SQLite and PostgreSQL.
    const ranks = await sql<{
      pair: string;
      median_life: number | null;
      p90_life: number | null;
      median_profit: number | null;
    }>`
      with r as (
        select pair, lifetime_ms, profit_pct,
          row_number() over (partition by pair order by lifetime_ms) as lr,
          row_number() over (partition by pair order by profit_pct) as pr,
          count(*) over (partition by pair) as n
        from arb_pairs where ${inRange} and lifetime_ms is not null)
      select pair,
        max(case when lr = (n + 1) / 2 then lifetime_ms end) as median_life,
        max(case when lr = (9 * n + 9) / 10 then lifetime_ms end) as p90_life,
        max(case when pr = (n + 1) / 2 then profit_pct end) as median_profit
      from r group by pair`.execute(this.db);
    const byPair = new Map(ranks.rows.map((r) => [r.pair, r]));
    const pairs = counts.rows
      .map((c) => {
        const r = byPair.get(c.pair);
        const [a = '', b = ''] = c.pair.split('|');
        return {
          books: [a, b] as [string, string],
          count: Number(c.n),
          closed: Number(c.closed),
          medianLifetimeMs: r?.median_life ?? null,
          p90LifetimeMs: r?.p90_life ?? null,
          medianProfitPct: r?.median_profit ?? null,
        };
      })
      .sort((x, y) => y.count - x.count || x.books.join('|').localeCompare(y.books.join('|')));
    // A book's arbitrage: those with a pair naming it (distinct arbitrage, not pairs).
    const bookRows = await sql<{ book: string; n: number | string }>`
      select book, count(distinct arb_id) as n from (
        select arb_id, book_a as book from arb_pairs where ${inRange}
        union all
        select arb_id, book_b as book from arb_pairs where ${inRange}) t
      group by book`.execute(this.db);
    const lagRows = await sql<{ book: string; n: number | string }>`
      select lag_book as book, count(*) as n from arbs where ${inRange} and lag_book is not null
      group by lag_book`.execute(this.db);
    const lagging = new Map(lagRows.rows.map((r) => [r.book, Number(r.n)]));
    const books = bookRows.rows
      .map((r) => {
        const arbs = Number(r.n);
        const lag = lagging.get(r.book) ?? 0;
        return { book: r.book, arbs, lagging: lag, laggingShare: arbs === 0 ? 0 : lag / arbs };
      })
      .sort((x, y) => y.arbs - x.arbs || x.book.localeCompare(y.book));
    const lifetimeMs = await this.histogram('lifetime_ms', LIFETIME_EDGES, from, to);
    const profitPct = await this.histogram('max_profit_pct', PROFIT_EDGES, from, to);
    const hours = await sql<{ hour: number | string; n: number | string }>`
      select opened_at - (opened_at % 3600000) as hour, count(*) as n from arbs where ${inRange}
      group by opened_at - (opened_at % 3600000) order by hour`.execute(this.db);
    return {
      from,
      to,
      pairs,
      books,
      histograms: { lifetimeMs, profitPct },
      perHour: hours.rows.map((h) => ({ hour: Number(h.hour), count: Number(h.n) })),
    };
  }

  private async histogram(
    column: 'lifetime_ms' | 'max_profit_pct',
    edges: readonly number[],
    from: number,
    to: number,
  ): Promise<Bucket[]> {
    const cases = edges.map((edge, i) => sql`when ${sql.ref(column)} >= ${edge} then ${i}`).reverse();
    const rows = await sql<{ bucket: number | string; n: number | string }>`
      select b as bucket, count(*) as n from (
        select case ${sql.join(cases, sql` `)} else -1 end as b from arbs
        where opened_at >= ${from} and opened_at < ${to} and ${sql.ref(column)} is not null) t
      group by b`.execute(this.db);
    const count = new Map(rows.rows.map((r) => [Number(r.bucket), Number(r.n)]));
    return edges.map((edge, i) => ({ from: edge, to: edges[i + 1] ?? null, count: count.get(i) ?? 0 }));
  }

  /**
   * Deletes what opened (arbitrage) or was priced (prices) before `cutoff`, `batch` rows
   * per statement so that neither database holds a long lock. Returns how many went.
   */
  async deleteBefore(cutoff: number, batch = 5000): Promise<{ arbs: number; prices: number }> {
    let arbs = 0;
    let prices = 0;
    for (;;) {
      const ids = (
        await this.db
          .selectFrom('arbs')
          .select('id')
          .where('opened_at', '<', cutoff)
          .where('closed_at', 'is not', null)
          .limit(batch)
          .execute()
      ).map((r) => r.id);
      if (ids.length === 0) break;
      await this.serial(() =>
        this.db.transaction().execute(async (trx) => {
          for (const part of chunks(ids)) {
            await trx.deleteFrom('arb_events').where('arb_id', 'in', part).execute();
            await trx.deleteFrom('arb_pairs').where('arb_id', 'in', part).execute();
            await trx.deleteFrom('arbs').where('id', 'in', part).execute();
          }
        }),
      );
      arbs += ids.length;
      if (ids.length < batch) break;
    }
    for (;;) {
      const result = await this.serial(() =>
        this.db
          .deleteFrom('prices')
          .where('seq', 'in', (eb) =>
            eb.selectFrom('prices').select('seq').where('ts', '<', cutoff).limit(batch),
          )
          .executeTakeFirst(),
      );
      const n = Number(result.numDeletedRows);
      prices += n;
      if (n < batch) break;
    }
    return { arbs, prices };
  }
}
