// npm start killed outright (SIGKILL: no chance to stop its children) takes its
// processes with it: each notices its IPC lifeline close and stops as on SIGTERM, so no
// orphan keeps a port and the next npm start can bind it.
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
