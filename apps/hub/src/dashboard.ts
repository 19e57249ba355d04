// Serves the dashboard built by dashboard/build.mjs: GET / is its page, /dashboard/* its
// script, styles and source map. Only those files are served. The files are read once
// and kept; a hub started before they were built answers 503 saying how to build them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** dashboard/dist/ beside src/ and dist/: the same path from the sources and the compiled hub. */
export const DASHBOARD_DIR = fileURLToPath(new URL('../dashboard/dist/', import.meta.url));

const FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.js.map': 'application/json; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

export interface DashboardOptions {
  /** The built dashboard (dashboard/dist/ by default). */
  dir?: string | undefined;
}

const dashboard: FastifyPluginCallback<DashboardOptions> = (app, { dir = DASHBOARD_DIR }, done) => {
  const cache = new Map<string, Buffer>();
  const read = (name: string): Buffer | undefined => {
    const cached = cache.get(name);
    if (cached) return cached;
    try {
      const body = readFileSync(join(dir, name));
      cache.set(name, body);
      return body;
    } catch {
      return undefined;
    }
  };
  const serve = (name: string) => async (_request: FastifyRequest, reply: FastifyReply) => {
    const body = read(name);
    if (!body)
      return reply.code(503).send({
        error: 'dashboard_not_built',
        message:
          'the dashboard is not built: run `npm run build -w @arbhub/hub` (npm start and npm run hub build it)',
      });
    return reply
      .header('content-type', FILES[name])
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .send(body);
  };
  app.get('/', serve('index.html'));
  for (const name of Object.keys(FILES))
    if (name !== 'index.html') app.get(`/dashboard/${name}`, serve(name));
  done();
};

export default fp(dashboard, { name: 'arbhub-dashboard' });
