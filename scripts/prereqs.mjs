#!/usr/bin/env node
// Checks for what arbhub needs beyond npm packages and installs what is missing
// where it can. Plain Node (no dependencies) so it runs before anything is built.
//
//   node scripts/prereqs.mjs chromium redis-server postgres
//
// Exit 0 when everything asked for is present (after installing), 1 otherwise with
// one message saying exactly what to install. ARBHUB_NO_INSTALL=1 only checks.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const DEBIAN_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** What each prerequisite is for, its Debian package, and how else to get it. */
export const PREREQS = {
  chromium: {
    why: 'Playwright logins and the browser tests',
    apt: 'chromium',
    manual:
      'Chromium: `apt-get install -y chromium` (Debian/Ubuntu), or `npx playwright install chromium`, ' +
      'or point CHROMIUM_PATH at a Chromium/Chrome binary',
  },
  'redis-server': {
    why: 'the Redis session and lock tests',
    apt: 'redis-server',
    manual:
      'redis-server: `apt-get install -y redis-server` (Debian/Ubuntu) or `brew install redis` (macOS), ' +
      'or point REDIS_SERVER_PATH at a redis-server binary',
  },
  postgres: {
    why: 'the history tests against a real PostgreSQL server',
    apt: 'postgresql',
    manual:
      'PostgreSQL: `apt-get install -y postgresql` (Debian/Ubuntu) or `brew install postgresql` (macOS), ' +
      'or point POSTGRES_BIN_DIR at the folder of initdb and postgres',
  },
};

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command, env = process.env) {
  const found = spawnSync('/bin/sh', ['-c', `command -v ${command}`], { encoding: 'utf8', env });
  const path = found.stdout.trim();
  return found.status === 0 && path !== '' ? path : undefined;
}

/** Playwright's own downloaded Chromium, when playwright(-core) is installed and it downloaded one. */
function playwrightChromium() {
  const require = createRequire(import.meta.url);
  for (const name of ['playwright-core', 'playwright']) {
    try {
      const path = require(name).chromium.executablePath();
      if (path && isExecutable(path)) return path;
    } catch {
      // not installed, or no browser downloaded: try the next place
    }
  }
  return undefined;
}

/**
 * The Chromium binary to use: CHROMIUM_PATH when set (and then only it), else
 * Playwright's own download, else Debian's.
 */
export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) {
    return isExecutable(env.CHROMIUM_PATH)
      ? { path: env.CHROMIUM_PATH }
      : { error: `CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file` };
  }
  const path =
    playwrightChromium() ??
    DEBIAN_CHROMIUM_PATHS.find(isExecutable) ??
    onPath('chromium', env) ??
    onPath('chromium-browser', env);
  return path ? { path } : {};
}

/** The redis-server binary: REDIS_SERVER_PATH when set, else the one on PATH. */
export function findRedisServer(env = process.env) {
  if (env.REDIS_SERVER_PATH) {
    return isExecutable(env.REDIS_SERVER_PATH)
      ? { path: env.REDIS_SERVER_PATH }
      : { error: `REDIS_SERVER_PATH=${env.REDIS_SERVER_PATH} is not an executable file` };
  }
  const path = onPath('redis-server', env);
  return path ? { path } : {};
}

/** The folder of PostgreSQL's initdb and postgres: POSTGRES_BIN_DIR, Debian's newest, or pg_config's. */
export function findPostgres(env = process.env) {
  if (env.POSTGRES_BIN_DIR) {
    return isExecutable(join(env.POSTGRES_BIN_DIR, 'initdb'))
      ? { path: env.POSTGRES_BIN_DIR }
      : { error: `POSTGRES_BIN_DIR=${env.POSTGRES_BIN_DIR} has no initdb` };
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => isExecutable(join(debian, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return { path: join(debian, versions[0], 'bin') };
  }
  const bindir = onPath('pg_config', env)
    ? spawnSync('pg_config', ['--bindir'], { encoding: 'utf8', env }).stdout.trim()
    : '';
  return bindir && isExecutable(join(bindir, 'initdb')) ? { path: bindir } : {};
}

const FINDERS = { chromium: findChromium, 'redis-server': findRedisServer, postgres: findPostgres };

function run(command, args) {
  console.error(`[prereqs] $ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: 15 * 60_000,
  });
  return result.status === 0;
}

/** apt-get as root, or through password-less sudo; undefined when neither works. */
function aptRunner() {
  if (!onPath('apt-get')) return undefined;
  if (process.getuid?.() === 0) return (args) => run('apt-get', args);
  const sudo = spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' });
  return sudo.status === 0 ? (args) => run('sudo', ['-n', 'apt-get', ...args]) : undefined;
}

function installWithApt(names) {
  const apt = aptRunner();
  if (!apt) return false;
  const packages = names.map((name) => PREREQS[name].apt);
  return apt(['update']) && apt(['install', '-y', ...packages]);
}

function installPlaywrightChromium() {
  const require = createRequire(import.meta.url);
  let cli;
  try {
    cli = require.resolve('playwright-core/cli');
  } catch {
    return false;
  }
  // The download hangs on machines without internet access; bound it.
  try {
    execFileSync(process.execPath, [cli, 'install', 'chromium'], { stdio: 'inherit', timeout: 180_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes sure every named prerequisite is present, installing what is missing where
 * it can (Debian's packages through apt-get, else Playwright's own Chromium).
 * Returns { ok, found, message }.
 */
export function ensurePrereqs(names, { install = true, env = process.env } = {}) {
  const unknown = names.filter((name) => !(name in PREREQS));
  if (unknown.length > 0) {
    return { ok: false, found: {}, message: `unknown prerequisite(s): ${unknown.join(', ')}` };
  }
  const look = () => Object.fromEntries(names.map((name) => [name, FINDERS[name](env)]));
  let found = look();
  const explicitErrors = names.filter((name) => found[name].error).map((name) => found[name].error);
  if (explicitErrors.length > 0) {
    return { ok: false, found, message: `arbhub: ${explicitErrors.join('; ')}` };
  }
  let missing = names.filter((name) => !found[name].path);
  if (missing.length > 0 && install) {
    console.error(`[prereqs] missing: ${missing.join(', ')}; installing`);
    if (!installWithApt(missing) && missing.includes('chromium')) installPlaywrightChromium();
    found = look();
    missing = names.filter((name) => !found[name].path);
  }
  if (missing.length === 0) return { ok: true, found, message: '' };
  const lines = missing.map((name) => `  - ${PREREQS[name].manual} (needed for ${PREREQS[name].why})`);
  return {
    ok: false,
    found,
    message: [`arbhub: missing prerequisites, install them and run again:`, ...lines].join('\n'),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const names = process.argv.slice(2);
  const result = ensurePrereqs(names, { install: process.env.ARBHUB_NO_INSTALL !== '1' });
  if (!result.ok) {
    console.error(result.message);
    process.exit(1);
  }
  for (const name of names) console.error(`[prereqs] ${name}: ${result.found[name].path}`);
}
