// The writer's batches written by a worker thread (write-thread.ts) with its own
// connection. Each call is a message; its promise settles with the thread's answer. A
// thread that dies (a native error) fails what it had and is started again on the next
// call, so the writer's buffer and retries work as with an outage of the database.
import { Worker } from 'node:worker_threads';
import { describeHistoryDb } from './db.js';
import type { OpenOptions } from './db.js';
import type { Batch, HistorySink } from './store.js';
import type { ThreadReply, ThreadRequest } from './write-thread.js';

type Request = ThreadRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export function threadSink(options: OpenOptions): HistorySink {
  const { dialect, where } = describeHistoryDb(options);
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './write-thread-source.mjs' : './write-thread.js', import.meta.url);
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  const thread = (): Worker => {
    if (worker) return worker;
    const started = new Worker(entry, { workerData: options });
    started.on('message', (reply: ThreadReply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(new Error(reply.error));
    });
    started.on('error', (error) => {
      worker = undefined;
      failAll(error);
    });
    started.on('exit', (code) => {
      if (worker === started) worker = undefined;
      failAll(new Error(`the history write thread stopped (exit code ${String(code)})`));
    });
    started.unref();
    worker = started;
    return started;
  };
  const ask = <T>(request: Request): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = (nextId += 1);
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      thread().postMessage({ ...request, id });
    });

  let migrated: Promise<void> | undefined;
  return {
    dialect,
    where,
    migrate() {
      migrated ??= ask<undefined>({ type: 'migrate' }).then(
        () => undefined,
        (error: unknown) => {
          migrated = undefined;
          throw error;
        },
      );
      return migrated;
    },
    write: (batch: Batch) => ask<undefined>({ type: 'write', batch }).then(() => undefined),
    deleteBefore: (cutoff: number) => ask<{ arbs: number; prices: number }>({ type: 'retain', cutoff }),
    async close() {
      if (!worker) return;
      await ask({ type: 'close' }).catch(() => undefined);
      const stopping = worker;
      worker = undefined;
      await stopping.terminate();
    },
  };
}
