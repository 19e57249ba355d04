// The faults that need a real socket: slow answers and a book that is down.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { World } from './world/world.js';

let app: FastifyInstance;
let base: string;
const auth = { authorization: `Basic ${Buffer.from('demo1:demo1').toString('base64')}` };
const fault = (body: object) =>
  fetch(`${base}/admin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  const config = loadConfig({ SIM_SLOW_MS: '600' });
  app = await buildApp({
    config,
    world: new World({ seed: 2, fixtures: 5, arbRate: 0 }, Date),
    clock: Date,
  });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => app.close());

describe('faults over a real socket', () => {
  it('slow: answers come late', async () => {
    await fault({ book: 'pin', kind: 'slow', durationMs: 10_000 });
    const started = Date.now();
    expect((await fetch(`${base}/pin/v3/odds`, { headers: auth })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    await fetch(`${base}/admin/faults`, { method: 'DELETE' });
  });

  it('down: the connection is cut; other books still answer; then it comes back', async () => {
    await fault({ book: 'pin', kind: 'down', durationMs: 10_000 });
    await expect(fetch(`${base}/pin/v3/odds`, { headers: auth })).rejects.toThrow();
    expect((await fetch(`${base}/csport/`)).status).toBe(200);
    await fetch(`${base}/admin/faults`, { method: 'DELETE' });
    expect((await fetch(`${base}/pin/v3/odds`, { headers: auth })).status).toBe(200);
  });
});
