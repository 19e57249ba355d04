// npm start killed outright (SIGKILL: no chance to stop its children) takes its
// processes with it: each notices its IPC lifeline close and stops as on SIGTERM, so no
// orphan keeps a port and the next npm start can bind it. And its first minute in the
// terminal: the workers start once the hub answers, request lines stay at debug, a bad
// setting is one line.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { alive, sleep, startSystem } from './system.js';

describe('npm start killed with SIGKILL', () => {
  it('leaves no process behind', async () => {
    const system = await startSystem({ BOOKS: 'pin' });
    const pids = [...system.pids().values()];
    expect(pids).toHaveLength(3);
    expect(pids.every(alive)).toBe(true);
    system.process.kill('SIGKILL');
    const deadline = Date.now() + 10_000;
    while (pids.some(alive) && Date.now() < deadline) await sleep(100);
    expect(pids.filter(alive)).toEqual([]);
    // The hub's port is free again.
    await expect(fetch(`${system.hub}/health`)).rejects.toThrow();
  }, 90_000);
});

describe('the first minute of npm start in the terminal', () => {
  it('starts the workers once the hub answers: no refused connection, no request lines at info', async () => {
    const system = await startSystem({ BOOKS: 'pin,csport' });
    await sleep(3000);
    // What the start printed; the stop (every process told at once) may let a worker's
    // last poll find the simulator gone, which is not what this test is about.
    const started = system.lines.length;
    await system.stop();
    const own = system.lines.filter((l) => l.proc === 'start').map((l) => l.msg ?? '');
    const at = (pattern: RegExp) => own.findIndex((msg) => pattern.test(msg));
    expect(at(/^hub started/)).toBeGreaterThanOrEqual(0);
    expect(at(/^pin-1 started/)).toBeGreaterThan(at(/^hub started/));
    expect(at(/^csport-1 started/)).toBeGreaterThan(at(/^hub started/));
    expect(at(/^the hub and the simulator listen on 127\.0\.0\.1 only/)).toBeGreaterThanOrEqual(0);
    const text = system.lines
      .slice(0, started)
      .map((l) => JSON.stringify(l))
      .join('\n');
    expect(text).not.toMatch(/ECONNREFUSED/);
    expect(text).not.toMatch(/incoming request|request completed/);
  }, 90_000);

  it.each([
    ['hub', { STALE_AFTER_MS: 'soon' }, /^invalid hub settings: STALE_AFTER_MS: /],
    ['simbook', { SIM_FIXTURES: '-3' }, /^invalid simbook settings: SIM_FIXTURES: /],
    ['worker', { SITE: 'pin', PIN_POLL_MS: 'often' }, /^invalid worker settings: POLL_MS: /],
  ])('a bad %s setting is one line naming the variable and the rule, not a stack trace', (app, env, line) => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--conditions=@arbhub/source', `apps/${app}/src/main.ts`],
      {
        cwd: fileURLToPath(new URL('..', import.meta.url)),
        env: { ...process.env, ...env },
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
