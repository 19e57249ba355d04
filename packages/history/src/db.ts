// Opens the history database: a SQLite file under DATA_DIR by default (better-sqlite3,
// no server), PostgreSQL when DATABASE_URL is set. Both behind one Kysely instance, so
// every query and migration is written once.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations.js';
import type { HistoryTables } from './tables.js';

export type Dialect = 'sqlite' | 'postgres';

export interface HistoryDb {
  db: Kysely<HistoryTables>;
  dialect: Dialect;
  /** Where it is, for logs and /health: the file, or the server without its password. */
  where: string;
  /** Brings the schema up to date (idempotent); throws when the database cannot be reached. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… (DATABASE_URL); without it, SQLite. */
  databaseUrl?: string | undefined;
  /** The SQLite file's folder (DATA_DIR, default ./data). */
  dataDir?: string;
  /** The SQLite file's name in it. */
  file?: string;
}

/** A PostgreSQL URL as logged: its password replaced. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = 'redacted';
    return parsed.toString();
  } catch {
    return '(an unparsable DATABASE_URL)';
  }
}

// bigint (int8) columns and count(*) are epoch ms and counts, well inside 2^53: this
// pool reads them as numbers (its own overrides, not pg's global parsers).
const types = new pg.TypeOverrides();
types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

/** Which database `options` name and where it is, without opening it. */
export function describeHistoryDb({
  databaseUrl,
  dataDir = './data',
  file = 'history.sqlite',
}: OpenOptions = {}): { dialect: Dialect; where: string } {
  return databaseUrl
    ? { dialect: 'postgres', where: redactDatabaseUrl(databaseUrl) }
    : { dialect: 'sqlite', where: resolve(join(dataDir, file)) };
}

/** Inserts' statements kept by their text (at most this many): a batch's chunks repeat a few texts. */
const KEPT_STATEMENTS = 32;

/**
 * better-sqlite3 as Kysely takes it, with the statements of inserts prepared once and
 * reused: Kysely prepares every query it runs, and preparing was a fifth of the write
 * thread's time. Only inserts: they run to the end at once, never iterated (a statement
 * a CSV export is still iterating cannot be run again).
 */
function preparedInserts(sqlite: Database.Database): SqliteDatabase {
  const kept = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      if (!sql.startsWith('insert')) return sqlite.prepare(sql);
      let statement = kept.get(sql);
      if (!statement) {
        if (kept.size >= KEPT_STATEMENTS) kept.clear();
        statement = sqlite.prepare(sql);
        kept.set(sql, statement);
      }
      return statement;
    },
  };
}

export function openHistoryDb({
  databaseUrl,
  dataDir = './data',
  file = 'history.sqlite',
}: OpenOptions = {}): HistoryDb {
  let db: Kysely<HistoryTables>;
  let dialect: Dialect;
  let where: string;
  if (databaseUrl) {
    const pool = new pg.Pool({
      connectionString: databaseUrl,
      types,
      max: 4,
      connectionTimeoutMillis: 3000,
      idleTimeoutMillis: 30_000,
    });
    // A server that goes away fails the query under way (the writer retries); an idle
    // client's error must not end the process.
    pool.on('error', () => undefined);
    db = new Kysely<HistoryTables>({ dialect: new PostgresDialect({ pool }) });
    dialect = 'postgres';
    where = redactDatabaseUrl(databaseUrl);
  } else {
    mkdirSync(dataDir, { recursive: true });
    const path = resolve(join(dataDir, file));
    const sqlite = new Database(path);
    // WAL: readers (the API) do not wait for the writer, and a batch is one fsync.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    db = new Kysely<HistoryTables>({ dialect: new SqliteDialect({ database: preparedInserts(sqlite) }) });
    dialect = 'sqlite';
    where = path;
  }
  let migrated: Promise<void> | undefined;
  return {
    db,
    dialect,
    where,
    migrate() {
      migrated ??= (async () => {
        const migrator = new Migrator({ db, provider: migrationProvider });
        const { error } = await migrator.migrateToLatest();
        if (error) throw error instanceof Error ? error : new Error('migration failed', { cause: error });
      })().catch((error: unknown) => {
        migrated = undefined; // try again next time
        throw error;
      });
      return migrated;
    },
    close: () => db.destroy(),
  };
}
