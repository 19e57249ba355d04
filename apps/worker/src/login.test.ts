// Logins run in a child process: the worker's own module graph never loads Playwright,
// the login process answers or fails with a clear error, never hangs past its limit, and
// never carries the password into an error.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loginInChildProcess, redactSecret } from './login.js';

const src = fileURLToPath(new URL('.', import.meta.url));

/** The module URLs a fresh Node process resolves when it imports `module` (from src, through tsx). */
function modulesLoadedBy(module: string): string[] {
  const file = join(mkdtempSync(join(tmpdir(), 'arbhub-trace-')), 'modules.txt');
  const hooks = new URL('./testing/trace-hooks.mjs', import.meta.url).href;
  const script = [
    "import { register } from 'node:module';",
    `register(${JSON.stringify(hooks)}, { data: { file: ${JSON.stringify(file)} } });`,
    `await import(${JSON.stringify(join(src, module))});`,
  ].join('\n');
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--conditions=@arbhub/source', '--input-type=module', '-e', script],
    { encoding: 'utf8', timeout: 30_000 },
  );
  expect(run.stderr).toBe('');
  return readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

const request = {
  site: 'csport',
  baseUrl: 'http://127.0.0.1:9/csport',
  username: 'demo',
  password: 'demo',
  userAgent: 'arbhub-test',
};

describe('logins in a child process', () => {
  it('the worker never loads Playwright; the login process does', () => {
    const worker = modulesLoadedBy('create.ts');
    expect(worker.some((url) => url.includes('/create.ts'))).toBe(true);
    expect(worker.filter((url) => url.includes('playwright'))).toEqual([]);
    const login = modulesLoadedBy('login-process.ts');
    expect(login.some((url) => url.includes('playwright-core'))).toBe(true);
  }, 60_000);

  it('refuses a book without a browser login, and a malformed request, with a clear error', async () => {
    await expect(loginInChildProcess({ ...request, site: 'pin' })).rejects.toThrow(
      'pin has no browser login',
    );
    await expect(loginInChildProcess({ ...request, site: 'Not A Book' })).rejects.toThrow(
      /bad login request: site/,
    );
  }, 30_000);

  it('stops a login that hangs at its time limit', async () => {
    // A book that accepts the connection and never answers.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const started = Date.now();
      await expect(
        loginInChildProcess(
          { ...request, baseUrl: `http://127.0.0.1:${port}/csport`, stepTimeoutMs: 60_000 },
          4_000,
        ),
      ).rejects.toThrow('the login process did not answer within 4000 ms');
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  }, 30_000);

  it('takes the password out of an error message', () => {
    expect(redactSecret('fill("hunter2") failed; hunter2 again', 'hunter2')).toBe(
      'fill("[redacted]") failed; [redacted] again',
    );
    expect(redactSecret('nothing secret', '')).toBe('nothing secret');
  });
});
