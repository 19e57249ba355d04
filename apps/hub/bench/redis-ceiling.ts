// The log's own ceiling for the scale bench (scale.bench.ts): Redis's own redis-benchmark
// appending entries of a given size to a fresh redis-server on this machine.
import { execFileSync } from 'node:child_process';
import { startRedisServer } from '@arbhub/session/testing';
import { round } from '../../../bench/util.js';

/**
 * The log's own ceiling on this machine: Redis's own redis-benchmark appending entries of
 * the size the gateways write (one measured beforehand), 50 to a round trip, on one
 * connection and on four.
 */
export async function redisCeiling(entryBytes: number) {
  const server = await startRedisServer();
  try {
    const payload = 'x'.repeat(Math.max(1, Math.round(entryBytes)));
    const run = (clients: number) => {
      const out = execFileSync(
        'redis-benchmark',
        [
          '-p',
          server.port.toString(),
          '-c',
          clients.toString(),
          '-n',
          '400000',
          '-P',
          '50',
          '--csv',
          'XADD',
          'arbhub:bench',
          'MAXLEN',
          '~',
          '100000',
          '*',
          'e',
          payload,
        ],
        { maxBuffer: 1 << 20 },
      ).toString();
      const line = out.split('\n').find((l) => l.startsWith('"XADD'));
      return Number(line?.split(',')[1]?.replaceAll('"', ''));
    };
    return { entryBytes: Math.round(entryBytes), oneClient: round(run(1)), fourClients: round(run(4)) };
  } finally {
    await server.stop();
  }
}
