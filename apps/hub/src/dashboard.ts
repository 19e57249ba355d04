// Serves the dashboard built by dashboard/build.mjs: GET / is its page, /dashboard/* its
// script, styles and source map. Only those files are served. The files are read once
// and kept; a hub started before they were built answers 503 saying how to build them.
// With API_TOKEN set, GET / without a login shows the login page instead (login.html),
// and the page shows its Log out button. The files under /dashboard/ are code and
// styles, no data: they are served to anyone, so the login page can use them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** dashboard/dist/ beside src/ and dist/: the same path from the sources and the compiled hub. */
export const DASHBOARD_DIR = fileURLToPath(new URL('../dashboard/dist/', import.meta.url));

const FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'login.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.js.map': 'application/json; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

/** Only these texts go into the login page (nothing a request says is echoed). */
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0).toString()};`);

export interface DashboardOptions {
  /** The built dashboard (dashboard/dist/ by default). */
  dir?: string | undefined;
}

const dashboard: FastifyPluginCallback<DashboardOptions> = (app, { dir = DASHBOARD_DIR }, done) => {
  const { access } = app;
  const cache = new Map<string, Buffer>();
  const read = (name: string): Buffer | undefined => {
    const cached = cache.get(name);
    if (cached) return cached;
    try {
      let body = readFileSync(join(dir, name));
      // With a login, the page offers to log out.
      if (name === 'index.html' && access.required)
        body = Buffer.from(body.toString('utf8').replace(' data-login-only hidden', ' data-login-only'));
      cache.set(name, body);
      return body;
    } catch {
      return undefined;
    }
  };
  const notBuilt = (reply: FastifyReply) =>
    reply.code(503).send({
      error: 'dashboard_not_built',
      message:
        'the dashboard is not built: run `npm run build -w @arbhub/hub` (npm start and npm run hub build it)',
    });
  const send = (reply: FastifyReply, name: string, body: Buffer | string) =>
    reply.header('content-type', FILES[name]).header('cache-control', 'no-cache').send(body);
  const serve = (name: string) => async (_request: FastifyRequest, reply: FastifyReply) => {
    const body = read(name);
    return body ? send(reply, name, body) : notBuilt(reply);
  };
  const loginPage = (reply: FastifyReply, status: number, message: string) => {
    const page = read('login.html');
    if (!page) return notBuilt(reply);
    const note = message === '' ? '' : `<p class="error" role="alert">${escapeHtml(message)}</p>`;
    return send(reply.code(status), 'login.html', page.toString('utf8').replace('<!--message-->', note));
  };
  app.decorate('loginPage', loginPage);

  app.get('/', { config: { access: 'public' } }, async (request, reply) =>
    access.allows('api', request) ? serve('index.html')(request, reply) : loginPage(reply, 200, ''),
  );
  for (const name of Object.keys(FILES))
    if (!name.endsWith('.html')) app.get(`/dashboard/${name}`, { config: { access: 'public' } }, serve(name));
  done();
};

export default fp(dashboard, { name: 'arbhub-dashboard', dependencies: ['arbhub-guard'] });
