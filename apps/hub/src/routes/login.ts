// The dashboard's login (with API_TOKEN set): POST /login takes the token from the login
// page's form (or JSON {"token"}), and on success sets a signed, HttpOnly, SameSite=Strict
// session cookie that the page's REST and /stream calls carry. POST /logout ends the
// session and clears the cookie. Five wrong tries from one address in a minute, and every
// try after them until the minute is out, are answered 429 with Retry-After.
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { SESSION_COOKIE } from '../access.js';

/** Wrong tries one address may make per window before every try is refused. */
export const LOGIN_TRIES = 5;
export const LOGIN_WINDOW_MS = 60_000;

/** A form post wants a page back; a JSON client wants JSON. */
function wantsJson(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').includes('application/json');
}

const login: FastifyPluginCallback = (app, _options, done) => {
  const { access } = app;
  // Counts only wrong tries (a peek first, an increment on failure): @fastify/rate-limit's
  // own store, not a hand-kept table.
  const wrongTries = app.createRateLimit({ max: LOGIN_TRIES - 1, timeWindow: LOGIN_WINDOW_MS });
  const answer = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    error: string,
    message: string,
  ) =>
    wantsJson(request) || !app.loginPage
      ? reply.code(status).send({ error, message })
      : app.loginPage(reply, status, message);

  app.post('/login', { config: { access: 'public' } }, async (request, reply) => {
    if (!access.required) return reply.code(303).header('location', '/').send();
    const before = await wrongTries(request, { increment: false });
    if (!before.isAllowed && before.isExceeded) {
      app.hubMetrics.counters.refused.inc({ reason: 'login_throttled' });
      reply.header('retry-after', before.ttlInSeconds.toString());
      return answer(
        request,
        reply,
        429,
        'rate_limited',
        `too many wrong tokens from this address: try again in ${before.ttlInSeconds.toString()} s`,
      );
    }
    const token = (request.body as { token?: unknown } | undefined)?.token;
    if (!access.tokenIsRight(token)) {
      await wrongTries(request);
      app.hubMetrics.counters.refused.inc({ reason: 'unauthorized' });
      request.log.warn({ ip: request.ip }, 'dashboard login: wrong token');
      return answer(request, reply, 401, 'unauthorized', 'that is not the API token');
    }
    const session = access.newSession();
    reply.setCookie(SESSION_COOKIE, session.value, {
      signed: true,
      httpOnly: true,
      sameSite: 'strict',
      secure: 'auto',
      path: '/',
      maxAge: session.maxAgeS,
    });
    request.log.info({ ip: request.ip }, 'dashboard login');
    return wantsJson(request)
      ? reply.send({ ok: true, expiresInS: session.maxAgeS })
      : reply.code(303).header('location', '/').send();
  });

  app.post('/logout', { config: { access: 'public' } }, (request, reply) => {
    access.endSession(request);
    reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: 'auto' });
    return wantsJson(request) ? reply.send({ ok: true }) : reply.code(303).header('location', '/').send();
  });
  done();
};

declare module 'fastify' {
  interface FastifyInstance {
    /** The login page with a message and a status, when the dashboard is served. */
    loginPage?: (reply: FastifyReply, status: number, message: string) => FastifyReply;
  }
}

export default fp(login, { name: 'arbhub-login', dependencies: ['arbhub-guard', 'arbhub-metrics'] });
