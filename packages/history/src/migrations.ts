// The schema, as Kysely migrations: the same steps build it in SQLite and PostgreSQL.
// A new column or index is a new migration appended here, never an edit of an old one.
import { sql } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';

export const MIGRATIONS: Record<string, Migration> = {
  '001_history': {
    async up(db: Kysely<unknown>) {
      const pg = await isPostgres(db);
      // An auto-increment key: `integer primary key` in SQLite, bigserial in PostgreSQL.
      const seq = pg ? 'bigserial' : 'integer';
      const ms = pg ? 'bigint' : 'integer';
      await db.schema
        .createTable('arbs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('home', 'text', (c) => c.notNull())
        .addColumn('away', 'text', (c) => c.notNull())
        .addColumn('league', 'text', (c) => c.notNull())
        .addColumn('sport', 'text')
        .addColumn('start_time', 'text', (c) => c.notNull())
        .addColumn('in_play', 'integer', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('books', 'text', (c) => c.notNull())
        .addColumn('legs', 'text', (c) => c.notNull())
        .addColumn('flags', 'text', (c) => c.notNull())
        .addColumn('profit_pct', 'double precision', (c) => c.notNull())
        .addColumn('max_profit_pct', 'double precision', (c) => c.notNull())
        .addColumn('return_ratio', 'double precision', (c) => c.notNull())
        .addColumn('opened_at', sql.raw(ms), (c) => c.notNull())
        .addColumn('updated_at', sql.raw(ms), (c) => c.notNull())
        .addColumn('closed_at', sql.raw(ms))
        .addColumn('lifetime_ms', sql.raw(ms))
        .addColumn('close_reason', 'text')
        .addColumn('updates', 'integer', (c) => c.notNull())
        .addColumn('lag_book', 'text')
        .execute();
      await db.schema.createIndex('arbs_opened').on('arbs').columns(['opened_at', 'id']).execute();
      await db.schema
        .createTable('arb_events')
        .addColumn('seq', sql.raw(seq), (c) => c.primaryKey())
        .addColumn('arb_id', 'text', (c) => c.notNull())
        .addColumn('change', 'text', (c) => c.notNull())
        .addColumn('ts', sql.raw(ms), (c) => c.notNull())
        .addColumn('profit_pct', 'double precision', (c) => c.notNull())
        .addColumn('legs', 'text', (c) => c.notNull())
        .addColumn('flags', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .execute();
      await db.schema.createIndex('arb_events_arb').on('arb_events').columns(['arb_id', 'seq']).execute();
      await db.schema
        .createTable('arb_pairs')
        .addColumn('arb_id', 'text', (c) => c.notNull())
        .addColumn('pair', 'text', (c) => c.notNull())
        .addColumn('book_a', 'text', (c) => c.notNull())
        .addColumn('book_b', 'text', (c) => c.notNull())
        .addColumn('opened_at', sql.raw(ms), (c) => c.notNull())
        .addColumn('lifetime_ms', sql.raw(ms))
        .addColumn('profit_pct', 'double precision', (c) => c.notNull())
        .addPrimaryKeyConstraint('arb_pairs_pk', ['arb_id', 'pair'])
        .execute();
      await db.schema.createIndex('arb_pairs_opened').on('arb_pairs').columns(['opened_at']).execute();
      await db.schema
        .createTable('prices')
        .addColumn('seq', sql.raw(seq), (c) => c.primaryKey())
        .addColumn('quote_key', 'text', (c) => c.notNull())
        .addColumn('book', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('market', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('line', 'double precision')
        .addColumn('side', 'text', (c) => c.notNull())
        .addColumn('odds', 'double precision', (c) => c.notNull())
        .addColumn('ts', sql.raw(ms), (c) => c.notNull())
        .execute();
      await db.schema.createIndex('prices_quote').on('prices').columns(['quote_key', 'ts']).execute();
      await db.schema.createIndex('prices_ts').on('prices').columns(['ts']).execute();
    },
  },
};

/** Which database a connection speaks to (PostgreSQL answers version() with its name). */
async function isPostgres(db: Kysely<unknown>): Promise<boolean> {
  try {
    const { rows } = await sql<{ v: string }>`select version() as v`.execute(db);
    return rows[0]?.v.startsWith('PostgreSQL') ?? false;
  } catch {
    return false;
  }
}

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
