// Starts a real PostgreSQL server for the tests: a new cluster (initdb) in a temporary
// folder, on a free port of 127.0.0.1, trusting local connections. Debian's postgresql
// package provides the binaries (`npm test` installs it: scripts/prereqs.mjs). As root,
// the server runs as the `postgres` user (PostgreSQL refuses root). It can be stopped
// hard and started again on the same port and data (an outage).
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PostgresServer {
  /** postgres://… of a database made for the tests. */
  url: string;
  port: number;
  /** Stops the server at once (SIGQUIT, no checkpoint: an outage). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  destroy(): Promise<void>;
}

/** The folder of initdb and postgres: POSTGRES_BIN_DIR, Debian's newest, pg_config's, or PATH. */
export function postgresBinDir(env = process.env): string | undefined {
  if (env.POSTGRES_BIN_DIR) return env.POSTGRES_BIN_DIR;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => existsSync(join(debian, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(debian, versions[0], 'bin');
  }
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

async function freePort(): Promise<number> {
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

/** As root: the postgres user's ids, to run the server as. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

export async function startPostgresServer(database = 'arbhub_test'): Promise<PostgresServer> {
  const bin = postgresBinDir();
  if (!bin || !existsSync(join(bin, 'initdb')))
    throw new Error(
      'PostgreSQL is not installed: `apt-get install -y postgresql` (Debian/Ubuntu), or set POSTGRES_BIN_DIR to the folder of initdb and postgres',
    );
  const dir = mkdtempSync(join(tmpdir(), 'arbhub-pg-'));
  const data = join(dir, 'data');
  const user = runAs();
  if (user) chownSync(dir, user.uid, user.gid);
  execFileSync(
    join(bin, 'initdb'),
    ['-D', data, '-A', 'trust', '-U', 'arbhub', '-E', 'UTF8', '--no-sync', '--no-instructions'],
    { stdio: 'pipe', ...(user ?? {}) },
  );
  const port = await freePort();
  let child: ChildProcess | undefined;
  const running = () => child?.exitCode === null && child.signalCode === null;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      if (running()) {
        resolve(); // already up
        return;
      }
      const proc = spawn(
        join(bin, 'postgres'),
        ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
        { stdio: ['ignore', 'pipe', 'pipe'], ...(user ?? {}) },
      );
      child = proc;
      let output = '';
      const timer = setTimeout(() => {
        reject(new Error(`postgres did not start on port ${String(port)}: ${output}`));
      }, 30_000);
      proc.on('error', (err) => {
        clearTimeout(timer);
        reject(new Error(`cannot run postgres: ${err.message}`));
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`postgres exited (${String(code)}) before it was ready: ${output}`));
      });
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout.on('data', onData);
      proc.stderr.on('data', onData);
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      const proc = child;
      if (proc?.exitCode !== null || proc.signalCode !== null) {
        resolve();
        return;
      }
      proc.once('exit', () => {
        resolve();
      });
      proc.kill('SIGQUIT');
    });
  await start();
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'arbhub', database: 'postgres' });
  await admin.connect();
  await admin.query(`create database ${database}`);
  await admin.end();
  return {
    url: `postgres://arbhub@127.0.0.1:${String(port)}/${database}`,
    port,
    stop,
    start,
    async destroy() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
