// The hub's history: the database (SQLite under DATA_DIR, or DATABASE_URL), the writer
// that batches into it off the hot path (through a write thread), and the recorder the
// live state feeds.
import { ArbRecorder, HistoryStore, HistoryWriter, openHistoryDb, threadSink } from '@arbhub/history';

export interface HistoryRecords {
  store: HistoryStore;
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
