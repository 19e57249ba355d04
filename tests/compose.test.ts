// docker-compose.yml and the Dockerfiles checked against the apps (no Docker engine runs
// here): every app has its service; each service's environment is what that app's
// settings schema reads and loads without error; ports, health checks and the images'
// commands agree with the Dockerfiles; the Dockerfiles copy every workspace they need;
// the worker image is the Playwright release package-lock.json pins. CI also runs
// `docker-compose config` on the file (.ci/run), and so does this test when it is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as alerter from '@arbhub/alerter';
import * as hub from '@arbhub/hub';
import * as simbook from '@arbhub/simbook';
import { BOOK_IDS, loadWorkerConfig, workerConfigSchema } from '@arbhub/worker';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** `${NAME}`, `${NAME:-default}` and `${NAME:?error}` the way Compose fills them in from `.env`. */
function interpolate(value: string, env: Record<string, string>): string {
  return value
    .replace(
      /\$\{([A-Z0-9_]+)(?:(:-|:\?)([^}]*))?\}/g,
      (_, name: string, op: string | undefined, arg = '') => {
        const set = env[name];
        if (set !== undefined && set !== '') return set;
        if (op === ':?') throw new Error(`${name}: ${arg}`);
        return op === ':-' ? arg : '';
      },
    )
    .replaceAll('$$', '$');
}

/** `.env.example`'s settings (the ones not commented out), as Compose reads `.env`. */
const envExample = Object.fromEntries(
  read('.env.example')
    .split('\n')
    .filter((line) => /^[A-Z0-9_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
) as Record<string, string>;

interface Service {
  build?: { context: string; dockerfile: string };
  image?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
  mem_limit?: string;
  shm_size?: string;
  container_name?: string;
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const environment = (name: string): Record<string, string> =>
  Object.fromEntries(
    Object.entries(services[name]?.environment ?? {}).map(([key, value]) => [
      key,
      interpolate(String(value), envExample),
    ]),
  );

/** A Dockerfile's stages: each FROM and the instructions under it (continuation lines joined). */
function stages(path: string): { from: string; lines: string[] }[] {
  const text = read(path).replace(/\\\n\s*/g, ' ');
  const args = Object.fromEntries([...text.matchAll(/^ARG (\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
  const result: { from: string; lines: string[] }[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('FROM ')) {
      const image = line.slice(5).split(' ')[0] ?? '';
      result.push({ from: image.replace(/\$\{(\w+)\}/g, (_, name: string) => args[name] ?? ''), lines: [] });
    } else if (line.trim() && !line.startsWith('#')) result.at(-1)?.lines.push(line);
  }
  return result;
}

/** A workspace's @arbhub dependencies, transitively. */
function workspaceDeps(dir: string): string[] {
  const deps = Object.keys(
    (JSON.parse(read(join(dir, 'package.json'))) as { dependencies?: Record<string, string> }).dependencies ??
      {},
  )
    .filter((name) => name.startsWith('@arbhub/'))
    .map((name) => `packages/${name.slice('@arbhub/'.length)}`);
  return [...new Set(deps.flatMap((dep) => [dep, ...workspaceDeps(dep)]))].sort();
}
const workspaces = ['apps', 'packages'].flatMap((group) =>
  readdirSync(join(root, group)).map((dir) => `${group}/${dir}`),
);

const APPS = [
  { app: 'hub', service: 'hub', dockerfile: 'docker/hub.Dockerfile', port: 8000, portVar: 'HUB_PORT' },
  {
    app: 'simbook',
    service: 'simbook',
    dockerfile: 'docker/simbook.Dockerfile',
    port: 7001,
    portVar: 'SIMBOOK_PORT',
  },
  { app: 'worker', service: 'worker-csport', dockerfile: 'docker/worker.Dockerfile' },
  { app: 'alerter', service: 'alerter', dockerfile: 'docker/alerter.Dockerfile' },
] as const;

describe('docker-compose.yml', () => {
  it('has redis, postgres (the history), the hub, the simulator and a worker service per book, none with a fixed container name', () => {
    expect(Object.keys(services).sort()).toEqual(
      [
        'alerter',
        'hub',
        'hub-engine',
        'hub-gateway',
        'postgres',
        'redis',
        'simbook',
        ...BOOK_IDS.map((book) => `worker-${book}`),
      ].sort(),
    );
    for (const [name, service] of Object.entries(services)) {
      expect(service.container_name, name).toBeUndefined();
      expect(service.restart, name).toBe('unless-stopped');
      expect(service.mem_limit, name).toMatch(/^\d+m$/);
    }
  });

  it('gives the hub settings its schema reads, and they load (production, with a token)', () => {
    const env = environment('hub');
    const known = Object.keys(hub.configSchema.shape);
    expect(Object.keys(env).filter((key) => !known.includes(key))).toEqual([]);
    const config = hub.loadConfig(env);
    expect(config.NODE_ENV).toBe('production');
    expect(config.WORKER_TOKEN).toBe(envExample.WORKER_TOKEN);
    // Compose requires the API token from .env; the hub listens on every interface of its container.
    expect(config.API_TOKEN).toBe(envExample.API_TOKEN);
    expect(config.HUB_HOST).toBe('0.0.0.0');
    expect(() => hub.loadConfig({ ...env, API_TOKEN: undefined })).toThrow(/API_TOKEN: required/);
    expect(() =>
      interpolate(String(services.hub?.environment?.API_TOKEN), { ...envExample, API_TOKEN: '' }),
    ).toThrow('API_TOKEN: set API_TOKEN in .env');
    expect(config.REDIS_URL).toBe(`redis://:${envExample.REDIS_PASSWORD}@redis:6379`);
    // What .env sets for the hub reaches it.
    expect(config.STREAM_UPDATE_MS).toBe(Number(envExample.STREAM_UPDATE_MS));
    expect(config.SWEEP_INTERVAL_MS).toBe(Number(envExample.SWEEP_INTERVAL_MS));
    expect(config.ARB_SUSPICIOUS_PCT).toBe(Number(envExample.ARB_SUSPICIOUS_PCT));
  });

  it('gives the alerter settings its schema reads: they load once .env names a channel; it scales (no port, no name)', () => {
    const env = environment('alerter');
    const known = Object.keys(alerter.configSchema.shape);
    expect(Object.keys(env).filter((key) => !known.includes(key))).toEqual([]);
    expect(() => alerter.loadConfig(env)).toThrow(/no channel/);
    const config = alerter.loadConfig({
      ...env,
      ALERT_WEBHOOK_URL: 'https://hooks.example/arbhub',
      ALERT_WEBHOOK_SECRET: 'a-webhook-secret-of-length',
    });
    expect(config.HUB_URL).toBe('http://hub:8000');
    expect(config.API_TOKEN).toBe(envExample.API_TOKEN);
    expect(config.REDIS_URL).toBe(`redis://:${envExample.REDIS_PASSWORD}@redis:6379`);
    const service = services.alerter as Service & { profiles?: string[] };
    expect(service.profiles).toEqual(['alerts']);
    expect(service.ports).toBeUndefined();
    expect(Object.keys(service.depends_on ?? {}).sort()).toEqual(['hub', 'redis']);
  });

  it('has a scale profile: gateways and engines of the hub image, their settings load, they scale', () => {
    for (const [name, role] of [
      ['hub-gateway', 'gateway'],
      ['hub-engine', 'engine'],
    ] as const) {
      const service = services[name] as Service & { profiles?: string[] };
      expect(service.profiles, name).toEqual(['scale']);
      expect(service.image, name).toBe('arbhub-hub');
      const env = environment(name);
      const known = Object.keys(hub.configSchema.shape);
      expect(Object.keys(env).filter((key) => !known.includes(key))).toEqual([]);
      const config = hub.loadConfig(env);
      expect(config.HUB_ROLE).toBe(role);
      expect(config.REDIS_URL).toBe(`redis://:${envExample.REDIS_PASSWORD}@redis:6379`);
      expect(config.ENGINE_SHARDS).toBe(16);
      expect(() => hub.loadConfig({ ...env, REDIS_URL: undefined })).toThrow(
        /REDIS_URL: required when HUB_ROLE/,
      );
      expect(Object.keys(service.depends_on ?? {})).toEqual(['redis', 'postgres']);
      expect(service.healthcheck?.test.join(' ')).toContain('/health');
      // One history for all of them: the engines write it, the gateways read it.
      expect(config.HISTORY).toBe(true);
      expect(config.DATABASE_URL).toBe(
        `postgres://arbhub:${envExample.POSTGRES_PASSWORD}@postgres:5432/arbhub`,
      );
    }
    // Engines take no traffic from outside; gateways get a host port range, one per replica.
    expect(services['hub-engine']?.ports).toBeUndefined();
    expect(services['hub-gateway']?.ports?.[0]).toMatch(/^\$\{GATEWAY_PORTS:-\d+-\d+\}:8000$/);
    // Workers go to the gateways when .env says so.
    const worker = interpolate(String(services['worker-csport']?.environment?.HUB_WS_URL), {
      ...envExample,
      COMPOSE_HUB_WS_URL: 'ws://hub-gateway:8000/ws',
    });
    expect(loadWorkerConfig({ ...environment('worker-csport'), HUB_WS_URL: worker }).HUB_WS_URL).toEqual([
      'ws://hub-gateway:8000/ws',
    ]);
  });

  it('gives the simulator settings its schema reads, and they load', () => {
    const env = environment('simbook');
    const known = Object.keys(simbook.configSchema.shape);
    expect(Object.keys(env).filter((key) => !known.includes(key))).toEqual([]);
    expect(simbook.loadConfig(env).SIM_TRUTH).toBe(false);
  });

  it.each(BOOK_IDS)(
    'worker-%s: its book, the hub service, Redis for shared logins, room for Chromium',
    (book) => {
      const name = `worker-${book}`;
      const service = services[name] as Service;
      const env = environment(name);
      const prefix = book.toUpperCase();
      const known = [
        ...Object.keys(workerConfigSchema.shape).filter(
          (key) => !['BASE_URL', 'USERNAME', 'PASSWORD', 'POLL_MS', 'CONCURRENCY'].includes(key),
        ),
        ...['BASE_URL', 'USERNAME', 'PASSWORD', 'POLL_MS', 'CONCURRENCY'].map((key) => `${prefix}_${key}`),
      ];
      expect(Object.keys(env).filter((key) => !known.includes(key))).toEqual([]);
      const config = loadWorkerConfig(env);
      expect(config.SITE).toBe(book);
      expect(config.BASE_URL).toBe(`http://simbook:7001/${book}`);
      expect(config.HUB_WS_URL).toEqual(['ws://hub:8000/ws']);
      expect(config.WORKER_TOKEN).toBe(envExample.WORKER_TOKEN);
      expect(config.REDIS_URL).toMatch(/^redis:\/\/:.+@redis:6379$/);
      // Scaled replicas each get their own id (the container's hostname), so none is fixed here.
      expect(config.WORKER_ID).not.toBe('');
      expect(env.WORKER_ID).toBeUndefined();
      expect(service.ports).toBeUndefined();
      expect(service.shm_size).toMatch(/^\d+m$/);
      expect(service.build?.dockerfile).toBe('docker/worker.Dockerfile');
      expect(Object.keys(service.depends_on ?? {}).sort()).toEqual(['hub', 'redis', 'simbook']);
      expect(service.depends_on?.hub?.condition).toBe('service_healthy');
    },
  );

  it('publishes the hub and the simulator on the ports their images listen on, health-checked on /health', () => {
    for (const { service, dockerfile, port, portVar } of APPS.filter((a) => 'port' in a)) {
      const s = services[service] as Service;
      expect(s.ports).toEqual([`\${${portVar}:-${port}}:${port}`]);
      expect(environment(service)[portVar]).toBe(String(port));
      expect(s.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${port}/health`);
      expect(read(dockerfile)).toMatch(new RegExp(`^EXPOSE ${port}$`, 'm'));
      expect(read(dockerfile)).toMatch(new RegExp(`${portVar}=${port}`));
    }
  });

  it('keeps the Redis password out of command lines and files: it comes from .env, and is required', () => {
    const redis = services.redis as Service;
    expect(JSON.stringify(redis)).not.toContain(envExample.REDIS_PASSWORD);
    expect(redis.command?.join(' ')).toContain('requirepass');
    expect(redis.command?.join(' ')).toContain('redis-server -');
    expect(redis.healthcheck?.test.join(' ')).toContain('REDISCLI_AUTH');
    expect(() => environment('redis')).not.toThrow();
    expect(() => interpolate(String(redis.environment?.REDIS_PASSWORD), {})).toThrow(/REDIS_PASSWORD/);
  });

  it('passes `docker-compose config` when docker-compose is installed (CI installs it)', () => {
    const found = spawnSync('docker-compose', ['version'], { encoding: 'utf8' });
    if (found.error) {
      // Not installed on this machine: .ci/run installs it and runs the same check itself.
      expect(process.env.CI).not.toBe('true');
      return;
    }
    const run = spawnSync('docker-compose', ['--env-file', '.env.example', 'config', '--quiet'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('the Dockerfiles', () => {
  const lockedPlaywright = (
    JSON.parse(read('package-lock.json')) as { packages: Record<string, { version: string }> }
  ).packages['node_modules/playwright-core']?.version;

  it.each(APPS)(
    '$dockerfile: installs from every workspace manifest, builds $app, runs its compiled main as a non-root user',
    ({ app, dockerfile }) => {
      const [build, deps, final] = stages(dockerfile);
      expect(build && deps && final).toBeTruthy();
      for (const stage of [build, deps]) {
        for (const ws of workspaces)
          expect(stage?.lines, `${dockerfile} copies ${ws}/package.json`).toContain(
            `COPY ${ws}/package.json ${ws}/`,
          );
      }
      expect(build?.lines.some((line) => line.startsWith(`RUN npx tsc -b apps/${app}`))).toBe(true);
      // The hub's dashboard is bundled in the build stage and shipped beside its code.
      if (app === 'hub')
        expect(build?.lines).toContain('RUN npx tsc -b apps/hub && node apps/hub/dashboard/build.mjs');
      expect(deps?.lines).toContain(`RUN npm ci --omit=dev --workspace=@arbhub/${app} --no-audit --no-fund`);
      // The final image holds the compiled code of the app and of every package it uses, nothing else.
      const copied = (final?.lines ?? [])
        .map((line) => /^COPY --from=build \/app\/(\S+)\/dist /.exec(line)?.[1])
        .filter(Boolean)
        .sort();
      const extra = app === 'hub' ? ['apps/hub/dashboard'] : [];
      expect(copied).toEqual([...workspaceDeps(`apps/${app}`), `apps/${app}`, ...extra].sort());
      const cmd = final?.lines.find((line) => line.startsWith('CMD '));
      expect(cmd).toBe(`CMD ["node", "apps/${app}/dist/main.js"]`);
      expect(existsSync(join(root, 'apps', app, 'src', 'main.ts'))).toBe(true);
      const user = final?.lines.find((line) => line.startsWith('USER '));
      expect(user).toMatch(/^USER (node|pwuser)$/);
    },
  );

  it('the worker runs on the official Playwright image of the locked playwright-core', () => {
    expect(lockedPlaywright).toMatch(/^\d+\.\d+\.\d+$/);
    const final = stages('docker/worker.Dockerfile').at(-1);
    expect(final?.from).toBe(`mcr.microsoft.com/playwright:v${lockedPlaywright ?? ''}-noble`);
  });

  it('builds from sources only: node_modules, dist, .git and .env stay out of the context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['**/node_modules', '**/dist', '.git', '.env']) expect(ignored).toContain(entry);
  });
});
