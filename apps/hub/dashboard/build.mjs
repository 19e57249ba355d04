#!/usr/bin/env node
// Builds the dashboard (GET / of the hub) into dashboard/dist/: src/main.ts (with uPlot, the
// History panel's charts) bundled for
// the browser by esbuild into one minified app.js (the odds-format code of @arbhub/odds
// included, so the page shows odds exactly as the API converts them), with index.html and
// app.css beside it. Plain DOM code, no framework: the page is one table kept in step
// with /stream, and a framework would weigh more than the page. login.html is the page
// GET / shows instead when the hub has an API token and the browser no login. Takes well under a second;
// `npm run hub`, `npm start` and the hub image run it first.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** Writes dashboard/dist/{index.html,app.css,app.js}; returns the size of app.js in bytes. */
export async function buildDashboard(outdir = join(here, 'dist')) {
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    entryPoints: [join(here, 'src', 'main.ts')],
    outfile: join(outdir, 'app.js'),
    bundle: true,
    format: 'esm',
    minify: true,
    sourcemap: true,
    target: ['es2022'],
    platform: 'browser',
    conditions: ['@arbhub/source'],
    metafile: true,
    logLevel: 'warning',
  });
  copyFileSync(join(here, 'src', 'index.html'), join(outdir, 'index.html'));
  copyFileSync(join(here, 'src', 'login.html'), join(outdir, 'login.html'));
  // uPlot's stylesheet first, the page's own after it (one file: the CSP allows only 'self').
  const uplotCss = readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');
  writeFileSync(
    join(outdir, 'app.css'),
    `${uplotCss}\n${readFileSync(join(here, 'src', 'app.css'), 'utf8')}`,
  );
  return (
    result.metafile.outputs[Object.keys(result.metafile.outputs).find((f) => f.endsWith('app.js')) ?? '']
      ?.bytes ?? 0
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const bytes = await buildDashboard();
  console.log(`dashboard built: app.js ${(bytes / 1024).toFixed(1)} KiB`);
}
