// Starts a real redis-server for the integration tests, on a free port of 127.0.0.1,
// and can stop and start it again on that port (an outage). redis-server must be
// installed: `npm test` makes sure of that first (scripts/prereqs.mjs).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface RedisServer {
  url: string;
  port: number;
  /** Stops the server (SIGKILL: an outage, not a shutdown). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

/** A TCP port of 127.0.0.1 that nothing listens on now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** Starts redis-server (REDIS_SERVER_PATH, or the one on PATH) on a free port. */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const binary = process.env.REDIS_SERVER_PATH ?? 'redis-server';
  let child: ChildProcess | undefined;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const proc = spawn(
        binary,
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      child = proc;
      let output = '';
      const timer = setTimeout(() => {
        reject(new Error(`redis-server did not start on port ${port}: ${output}`));
      }, 10_000);
      proc.on('error', (err) => {
        clearTimeout(timer);
        reject(
          new Error(`cannot run ${binary} (install redis-server, or set REDIS_SERVER_PATH): ${err.message}`),
        );
      });
      proc.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      const proc = child;
      // Already gone (an exit code, or the signal that killed it): nothing to wait for.
      if (proc?.exitCode !== null || proc.signalCode !== null) {
        resolve();
        return;
      }
      proc.once('exit', () => {
        resolve();
      });
      proc.kill('SIGKILL');
    });
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, stop, start };
}
