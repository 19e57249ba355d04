// The hub's Redis client is made with the offline queue off, so a command sent while
// the first connection is still being made fails at once: wait for it, briefly.
import type { Redis } from 'ioredis';

/** Resolves when `client` is ready, or after `timeoutMs` (the command then fails as it would). */
export function whenReady(client: Redis, timeoutMs: number): Promise<void> {
  if (!['wait', 'connecting', 'connect'].includes(client.status)) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    client.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
