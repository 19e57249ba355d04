// The hub's history: the database (SQLite under DATA_DIR, or DATABASE_URL), the writer
// that batches into it off the hot path, and the recorder the live state feeds.
import { ArbRecorder, HistoryStore, HistoryWriter, openHistoryDb } from '@arbhub/history';

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
  const handle = openHistoryDb({ databaseUrl, dataDir });
  const store = new HistoryStore(handle);
  const writer = new HistoryWriter(store, {
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
      await handle.close();
    },
  };
}
