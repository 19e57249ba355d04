// The hub's front door, before any route: who may read (access.ts, checked on every
// route after its rate limit), how fast one address may ask (@fastify/rate-limit), the
// security headers and the dashboard's Content-Security-Policy (@fastify/helmet), the
// cookies and form bodies of the login page, and one error shape for every 4xx and 5xx,
// 404 included: {"error","message"}, never a stack or a path.
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { Clock } from '@arbhub/schema';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { AccessControl } from '../access.js';
import { sharedRateStore } from '../rate-store.js';
import { RedisRevocations } from '../revocations.js';
import type { Access } from '../access.js';

declare module 'fastify' {
  interface FastifyInstance {
    access: AccessControl;
  }
  interface FastifyContextConfig {
    /** What the route needs (access.ts); a route that says nothing needs the API token. */
    access?: Access;
  }
}

export interface GuardOptions {
  apiToken: string | undefined;
  metricsToken: string | undefined;
  sessionTtlS: number;
  rateLimitMax: number;
  rateLimitWindowMs: number;
  clock: Clock;
  /**
   * The hub's Redis (REDIS_URL): logouts and rate-limit counts shared by every hub process
   * on it (the gateways behind one load balancer), and kept over a restart.
   */
  redis?: Redis | undefined;
}

/** The API's error code for each status Fastify or a plugin answers with. */
const CODES: Readonly<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  408: 'timeout',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  431: 'headers_too_large',
};

/** The answer to a request without the right token. */
export function unauthorized(reply: FastifyReply, what: string): FastifyReply {
  return reply
    .code(401)
    .header('www-authenticate', 'Bearer realm="arbhub"')
    .send({ error: 'unauthorized', message: what });
}

const NEEDS: Readonly<Record<Exclude<Access, 'public' | 'worker'>, string>> = {
  api: 'this route needs Authorization: Bearer <API_TOKEN> (or a dashboard login)',
  stream: '/stream needs Authorization: Bearer <API_TOKEN>, ?token=<API_TOKEN> or a dashboard login',
  metrics: '/metrics needs Authorization: Bearer <METRICS_TOKEN or API_TOKEN>',
};

/** How long a rate-limit count or a logout waits on Redis before it is this process's own (ms). */
const GUARD_REDIS_TIMEOUT_MS = 250;

async function guard(app: FastifyInstance, options: GuardOptions) {
  // A connection of the guard's own whose commands give up after GUARD_REDIS_TIMEOUT_MS: a
  // Redis that stalls (not down: its socket open, no answer) must not hold up requests.
  // Commands wait (that long at most) for a connection still being made, as at start.
  const redis = options.redis?.duplicate({
    commandTimeout: GUARD_REDIS_TIMEOUT_MS,
    enableOfflineQueue: true,
  });
  redis?.on('error', () => undefined);
  /** One warning a minute while Redis does not take what is shared through it. */
  let warnedAt = -Infinity;
  const unshared = (what: string) => (error: unknown) => {
    const now = Date.now();
    if (now - warnedAt < 60_000) return;
    warnedAt = now;
    app.log.warn({ err: error instanceof Error ? error.message : String(error) }, what);
  };
  const access = new AccessControl({
    apiToken: options.apiToken,
    metricsToken: options.metricsToken,
    sessionTtlMs: options.sessionTtlS * 1000,
    clock: options.clock,
    ...(redis
      ? {
          revocations: new RedisRevocations(redis, {
            clock: options.clock,
            onError: unshared('a logout is not shared with the other hub processes: Redis does not answer'),
          }),
        }
      : {}),
  });
  app.addHook('onClose', () => {
    access.revocations.close();
    redis?.disconnect();
  });
  app.decorate('access', access);
  await app.register(cookie, { secret: access.cookieSecret() });
  await app.register(formbody, { bodyLimit: 4096 });
  await app.register(helmet, {
    // The dashboard is one page of its own script and styles: nothing inline, nothing
    // from elsewhere, no frames; /stream is same-origin (connect-src 'self').
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    // The hub speaks plain HTTP; TLS (and HSTS with it) is the reverse proxy's.
    hsts: false,
  });
  await app.register(rateLimit, {
    global: true,
    ...(redis
      ? {
          store: sharedRateStore(redis, {
            onFallback: unshared('rate limits counted in this process only: Redis does not answer'),
          }),
        }
      : {}),
    max: options.rateLimitMax,
    timeWindow: options.rateLimitWindowMs,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'rate_limited',
      message: `too many requests from this address (at most ${context.max.toString()} in ${context.after === '' ? 'a while' : 'this window'}); retry in ${context.after}`,
    }),
  });

  const refused = (reason: string) => {
    // Read when a request is refused: the metrics plugin is registered after this one.
    app.hubMetrics.counters.refused.inc({ reason });
  };
  // Each route checks its access after its rate limit (both onRequest, in this order),
  // so a flood of wrong tokens is slowed like any other.
  app.addHook('onRoute', (route) => {
    const need: Access = route.config?.access ?? 'api';
    if (need === 'public' || need === 'worker') return;
    const check: onRequestHookHandler = (request, reply, done) => {
      if (access.allows(need, request)) {
        done();
        return;
      }
      refused('unauthorized');
      void unauthorized(reply, NEEDS[need]);
    };
    route.onRequest = [
      ...(Array.isArray(route.onRequest) ? route.onRequest : route.onRequest ? [route.onRequest] : []),
      check,
    ];
  });

  app.setNotFoundHandler({ preHandler: app.rateLimit() }, (request: FastifyRequest, reply: FastifyReply) =>
    reply.code(404).send({
      error: 'not_found',
      message: `no route ${request.method} ${(request.url.split('?')[0] ?? '').slice(0, 200)}`,
    }),
  );
  app.setErrorHandler((thrown, request, reply) => {
    const error = thrown as { statusCode?: number; code?: unknown; message?: unknown };
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: thrown }, 'request failed');
      return reply.code(status).send({ error: 'internal', message: 'the hub could not answer this request' });
    }
    if (status === 429) refused('rate_limited');
    // Our own codes are snake_case words; Fastify's (FST_ERR_...) become the status's name.
    const code =
      typeof error.code === 'string' && /^[a-z_]+$/.test(error.code)
        ? error.code
        : (CODES[status] ?? 'bad_request');
    const message =
      typeof error.message === 'string' && error.message !== '' ? error.message : code.replace(/_/g, ' ');
    return reply.code(status).send({ error: code, message });
  });
}

export default fp(guard, { name: 'arbhub-guard' });
