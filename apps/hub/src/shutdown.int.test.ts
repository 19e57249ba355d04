// The hub process: on SIGTERM it stops accepting, closes its workers with 1001 and exits
// within 5 s; it listens on 127.0.0.1 unless told otherwise, and says so; on 0.0.0.0
// without API_TOKEN it warns, naming what is open.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');

describe('the hub process', () => {
  it('on SIGTERM closes workers with 1001 and exits within 5 s', async () => {
    const hub = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=@arbhub/source', join(here, 'main.ts')],
      {
        cwd: root,
        env: { ...process.env, HUB_HOST: '127.0.0.1', HUB_PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'test' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`hub did not start: ${output}`));
      }, 20_000);
      hub.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (found?.[1]) {
          clearTimeout(timer);
          resolve(found[1]);
        }
      });
    });
    const worker = new WebSocket(`${url.replace('http', 'ws')}/ws`);
    await new Promise((resolve) => worker.on('open', resolve));
    worker.send(JSON.stringify({ type: 'worker:register', workerId: 'w1', book: 'csport', account: 'a' }));
    await new Promise((resolve) => worker.once('message', resolve));
    const closed = new Promise<number>((resolve) =>
      worker.on('close', (code) => {
        resolve(code);
      }),
    );
    const exited = new Promise<number | null>((resolve) =>
      hub.on('exit', (code) => {
        resolve(code);
      }),
    );
    const started = Date.now();
    hub.kill('SIGTERM');
    expect(await closed).toBe(1001);
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  /** Runs main.ts with `env` (no token from the caller's environment) until `until` is printed; gives the log lines. */
  const runUntil = async (env: Record<string, string>, until: RegExp) => {
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !['API_TOKEN', 'WORKER_TOKEN', 'HUB_HOST'].includes(key)),
    );
    const hub = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=@arbhub/source', join(here, 'main.ts')],
      {
        cwd: root,
        env: { ...clean, HUB_PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'test', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new Error(`not printed within 20 s: ${until.source}\n${output}`));
        }, 20_000);
        hub.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (until.test(output)) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
    } finally {
      const exited = new Promise((resolve) => hub.once('exit', resolve));
      hub.kill('SIGTERM');
      await exited;
    }
    return output
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { level: number; msg: string });
  };

  it('listens on 127.0.0.1 by default and says so', async () => {
    const lines = await runUntil({}, /this machine only/);
    expect(lines.some((l) => l.msg.includes('Server listening at http://127.0.0.1:'))).toBe(true);
    expect(
      lines.find((l) => /hub listening on 127\.0\.0\.1:\d+ \(this machine only/.test(l.msg)),
    ).toBeDefined();
    expect(lines.filter((l) => l.msg.includes('API_TOKEN is not set'))).toEqual([]);
  });

  it('on HUB_HOST=0.0.0.0 without API_TOKEN warns, naming what is open', async () => {
    const lines = await runUntil({ HUB_HOST: '0.0.0.0' }, /API_TOKEN is not set/);
    const warning = lines.find((l) => l.msg.includes('API_TOKEN is not set'));
    expect(warning?.level).toBe(40);
    expect(warning?.msg).toMatch(
      /HUB_HOST=0\.0\.0\.0 and API_TOKEN is not set: the arbitrage \(\/arbs, \/stream\), the odds/,
    );
    expect(warning?.msg).toMatch(/\/calc, \/metrics, the matching decisions and the dashboard are open/);
    // And with API_TOKEN, no such warning.
    const guarded = await runUntil(
      { HUB_HOST: '0.0.0.0', API_TOKEN: 'a-long-enough-api-token' },
      /reachable from the network/,
    );
    expect(guarded.filter((l) => l.msg.includes('API_TOKEN is not set'))).toEqual([]);
  });
});
