// The hub's history: the database (SQLite under DATA_DIR, or DATABASE_URL), the writer
// that batches into it off the hot path (through a write thread), and the recorder the
// live state feeds.
import { ArbRecorder, HistoryStore, HistoryWriter, openHistoryDb, threadSink } from '@arbhub/history';

/** The history as GET /history/* reads it: a gateway's has no writer (the engines write). */
export interface HistoryReads {
  store: HistoryStore;
  writer?: HistoryWriter | undefined;
  close(): Promise<void>;
}

export interface HistoryRecords extends HistoryReads {
  writer: HistoryWriter;
  recorder: ArbRecorder;
  /** Writes what is buffered (as far as the database lets it) and closes the database. */
  close(): Promise<void>;
}

export interface HistoryRecordsOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** HISTORY_DAYS. */
  retentionDays: number;
  flushMs?: number;
  onError?: (error: unknown) => void;
  onRecover?: (buffered: number) => void;
}

export function openHistoryRecords({
  databaseUrl,
  dataDir,
  retentionDays,
  flushMs,
  onError,
  onRecover,
}: HistoryRecordsOptions): HistoryRecords {
  // Writes go through a worker thread with its own connection (they never take the hub's
  // event loop); the API's reads use this one. The thread brings the schema up to date.
  const sink = threadSink({ databaseUrl, dataDir });
  const handle = openHistoryDb({ databaseUrl, dataDir });
  const store = new HistoryStore({ ...handle, migrate: () => sink.migrate() });
  const writer = new HistoryWriter(sink, {
    retentionDays,
    ...(flushMs === undefined ? {} : { flushMs }),
    ...(onError ? { onError } : {}),
    ...(onRecover ? { onRecover } : {}),
  }).start();
  return {
    store,
    writer,
    recorder: new ArbRecorder(writer),
    async close() {
      await writer.close();
      await sink.close();
      await handle.close();
    },
  };
}

/**
 * The history's log lines when its database stops and starts answering, through `warn`.
 * Of an error only its message, with no connection string (a driver's can carry it).
 */
export function historyLogging(
  warn: (fields: { error?: string }, line: string) => void,
): Required<Pick<HistoryRecordsOptions, 'onError' | 'onRecover'>> {
  return {
    onError: (error) => {
      warn(
        error instanceof Error ? { error: error.message.replace(/postgres(ql)?:\/\/\S+/g, '[url]') } : {},
        'history: the database does not answer; history is buffered until it does',
      );
    },
    onRecover: (buffered) => {
      warn({}, `history: the database answers again; ${buffered.toString()} buffered rows written`);
    },
  };
}

/**
 * The history a scale-out gateway serves: the database the engines write, read only (its
 * schema brought up to date on the first read, as a writer's would be).
 */
export function openHistoryReads({
  databaseUrl,
  dataDir,
}: Pick<HistoryRecordsOptions, 'databaseUrl' | 'dataDir'>): HistoryReads {
  const handle = openHistoryDb({ databaseUrl, dataDir });
  return {
    store: new HistoryStore(handle),
    close: () => handle.close(),
  };
}

/** Where a scale-out process finds the shared history, as its start-up line says it. */
export function historyWhere(handle: { dialect: string; where: string }): string {
  return handle.dialect === 'sqlite'
    ? `history: shared in ${handle.where}, which only the processes of this machine see (set DATABASE_URL to a PostgreSQL server for several machines)`
    : `history: shared in ${handle.where}`;
}
