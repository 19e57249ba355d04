// The history's write thread: owns its own database connection and writes the batches
// the hub's writer sends it, so that building rows, SQL and (better-sqlite3 being
// synchronous) the writes themselves never take the hub's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { openHistoryDb } from './db.js';
import type { OpenOptions } from './db.js';
import { HistoryStore } from './store.js';
import type { Batch } from './store.js';

export type ThreadRequest =
  | { id: number; type: 'migrate' }
  | { id: number; type: 'write'; batch: Batch }
  | { id: number; type: 'retain'; cutoff: number }
  | { id: number; type: 'close' };

export type ThreadReply =
  { id: number; ok: true; result?: unknown } | { id: number; ok: false; error: string };

const port = parentPort;
if (!port) throw new Error('write-thread.ts runs as a worker thread (threadSink starts it)');
const store = new HistoryStore(openHistoryDb(workerData as OpenOptions));

port.on('message', (request: ThreadRequest) => {
  const work = async (): Promise<unknown> => {
    switch (request.type) {
      case 'migrate':
        return store.migrate();
      case 'write':
        return store.write(request.batch);
      case 'retain':
        return store.deleteBefore(request.cutoff);
      case 'close':
        return store.close();
    }
  };
  work().then(
    (result) => {
      port.postMessage({ id: request.id, ok: true, result } satisfies ThreadReply);
    },
    (error: unknown) => {
      port.postMessage({
        id: request.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      } satisfies ThreadReply);
    },
  );
});
