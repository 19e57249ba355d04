// Opens the history database: a SQLite file under DATA_DIR by default (better-sqlite3,
// no server), PostgreSQL when DATABASE_URL is set. Both behind one Kysely instance, so
// every query and migration is written once.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations.js';
import type { HistoryTables } from './tables.js';

export type Dialect = 'sqlite' | 'postgres';

export interface HistoryDb {
  db: Kysely<HistoryTables>;
  dialect: Dialect;
  /** SQLite's own connection (the one Kysely uses), for writes prepared once; absent for PostgreSQL. */
  sqlite?: Database.Database;
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

export function openHistoryDb({
  databaseUrl,
  dataDir = './data',
  file = 'history.sqlite',
}: OpenOptions = {}): HistoryDb {
  let db: Kysely<HistoryTables>;
  let dialect: Dialect;
  let where: string;
  let sqlite: Database.Database | undefined;
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
    // Nor a client's that is checked out between two queries of a transaction: the
    // transaction fails, the writer keeps the batch and tries again.
    pool.on('connect', (client) => {
      client.on('error', () => undefined);
    });
    db = new Kysely<HistoryTables>({ dialect: new PostgresDialect({ pool }) });
    dialect = 'postgres';
    where = redactDatabaseUrl(databaseUrl);
  } else {
    mkdirSync(dataDir, { recursive: true });
    const path = resolve(join(dataDir, file));
    sqlite = new Database(path);
    // WAL: readers (the API) do not wait for the writer, and a batch is one fsync.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    db = new Kysely<HistoryTables>({ dialect: new SqliteDialect({ database: sqlite }) });
    dialect = 'sqlite';
    where = path;
  }
  let migrated: Promise<void> | undefined;
  return {
    db,
    dialect,
    ...(sqlite ? { sqlite } : {}),
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
