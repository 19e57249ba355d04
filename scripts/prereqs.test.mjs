import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensurePrereqs, findChromium, findPostgres, findRedisServer } from './prereqs.mjs';

describe('prerequisites', () => {
  // `npm test` runs the check (and installs) before vitest, so both are here now.
  it('finds a Chromium that runs', () => {
    const { path } = findChromium();
    expect(path, 'Chromium must be installed before the tests run').toBeTruthy();
    const version = execFileSync(path, ['--headless', '--no-sandbox', '--version'], { encoding: 'utf8' });
    expect(version).toMatch(/Chrom(e|ium) \d+/);
  });

  it('finds a redis-server that runs', () => {
    const { path } = findRedisServer();
    expect(path, 'redis-server must be installed before the tests run').toBeTruthy();
    expect(execFileSync(path, ['--version'], { encoding: 'utf8' })).toMatch(/Redis server v=\d+/);
  });

  it("finds PostgreSQL's server binaries that run", () => {
    const { path } = findPostgres();
    expect(path, 'PostgreSQL must be installed before the tests run').toBeTruthy();
    expect(execFileSync(join(path, 'postgres'), ['--version'], { encoding: 'utf8' })).toMatch(
      /PostgreSQL\) \d+/,
    );
    expect(findPostgres({ POSTGRES_BIN_DIR: '/nonexistent' })).toEqual({
      error: 'POSTGRES_BIN_DIR=/nonexistent has no initdb',
    });
  });

  it('says exactly what to install when something is missing and installing is off', () => {
    const env = { PATH: '/nonexistent' };
    const result = ensurePrereqs(['redis-server'], { install: false, env });
    expect(result.ok).toBe(false);
    expect(result.message).toContain('arbhub: missing prerequisites');
    expect(result.message).toContain('apt-get install -y redis-server');
    expect(result.message).toContain('REDIS_SERVER_PATH');
  });

  it('uses an explicit path, and only it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arbhub-prereqs-'));
    const fake = join(dir, 'not-executable');
    writeFileSync(fake, '');
    const result = ensurePrereqs(['chromium'], { install: false, env: { CHROMIUM_PATH: fake } });
    expect(result).toMatchObject({
      ok: false,
      message: `arbhub: CHROMIUM_PATH=${fake} is not an executable file`,
    });

    const script = join(dir, 'redis-server');
    writeFileSync(script, '#!/bin/sh\necho "Redis server v=0.0.0"\n');
    chmodSync(script, 0o755);
    expect(findRedisServer({ REDIS_SERVER_PATH: script })).toEqual({ path: script });
    expect(findRedisServer({ PATH: dir })).toEqual({ path: script });
  });

  it('refuses names it does not know', () => {
    expect(ensurePrereqs(['mysql'], { install: false })).toMatchObject({
      ok: false,
      message: 'unknown prerequisite(s): mysql',
    });
  });
});
