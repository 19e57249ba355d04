#!/usr/bin/env node
// `npm run bench`: runs the `bench` script of every workspace that has one. Each
// benchmark prints its figures and writes them as JSON under bench/results/.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const workspaces = ['packages', 'apps'].flatMap((group) => {
  const dir = join(root, group);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => join(dir, name, 'package.json'))
    .filter(existsSync)
    .map((file) => JSON.parse(readFileSync(file, 'utf8')))
    .filter((pkg) => pkg.scripts?.bench);
});
if (workspaces.length === 0) {
  console.error(
    'arbhub: no workspace has a benchmark yet (the first comes with the arbitrage engine, issue #3).',
  );
  process.exit(1);
}
let failed = 0;
for (const pkg of workspaces) {
  console.log(`\n== ${pkg.name} ==`);
  const result = spawnSync('npm', ['run', 'bench', '--workspace', pkg.name], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) failed += 1;
}
// The whole system end to end (tests/system.bench.ts): start-up, matching, detection latency.
console.log('\n== the whole system (tests/system.bench.ts) ==');
const system = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--conditions=@arbhub/source', join(root, 'tests', 'system.bench.ts')],
  { stdio: 'inherit', cwd: root },
);
if (system.status !== 0) failed += 1;
process.exit(failed === 0 ? 0 : 1);
