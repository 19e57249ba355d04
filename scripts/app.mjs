#!/usr/bin/env node
// Entry point of the root scripts `start`, `hub`, `worker`, `simbook` and `alerter`: runs the
// app's own `start` script, or says which app is missing and exits 1.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePrereqs } from './prereqs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Which apps each command runs, which issue builds them, and what they need installed. */
const COMMANDS = {
  hub: { apps: ['hub'], needs: [] },
  worker: { apps: ['worker'], needs: ['chromium'] },
  simbook: { apps: ['simbook'], needs: [] },
  alerter: { apps: ['alerter'], needs: [] },
  // The whole local system: simulator, hub and one worker per book (scripts/start.mjs)
  start: { apps: ['simbook', 'hub', 'worker'], needs: ['chromium'] },
};
const BUILT_BY = {
  hub: '#7, the hub',
  worker: '#8, workers',
  simbook: '#6, the simulator',
  alerter: '#19, alerts',
};

const command = process.argv[2] ?? '';
const spec = COMMANDS[command];
if (!spec) {
  console.error(`arbhub: unknown command "${command}"; one of ${Object.keys(COMMANDS).join(', ')}`);
  process.exit(1);
}
const missing = spec.apps.filter((app) => !existsSync(join(root, 'apps', app, 'package.json')));
if (missing.length > 0) {
  const list = missing.map((app) => `apps/${app} (issue ${BUILT_BY[app]})`).join(', ');
  const run = command === 'start' ? 'npm start' : `npm run ${command}`;
  console.error(`arbhub: \`${run}\` needs ${list}, not built yet.`);
  process.exit(1);
}
const prereqs = ensurePrereqs(spec.needs);
if (!prereqs.ok) {
  console.error(prereqs.message);
  process.exit(1);
}
const [program, args] =
  command === 'start'
    ? [process.execPath, [join(root, 'scripts', 'start.mjs'), ...process.argv.slice(3)]]
    : ['npm', ['run', 'start', '--workspace', `@arbhub/${command}`, '--', ...process.argv.slice(3)]];
const child = spawn(program, args, { stdio: 'inherit', cwd: root });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
