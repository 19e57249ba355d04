// SIGTERM: the hub process stops accepting, closes its workers with 1001 and exits within 5 s.
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
});
