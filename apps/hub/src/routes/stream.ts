// /stream: arb:snapshot on connect, then every arbitrage change and worker status. It
// needs the API token when one is set (access 'stream': a bearer token, ?token= or a
// dashboard login), and takes at most MAX_STREAM_CLIENTS subscribers, at most
// MAX_STREAM_CLIENTS_PER_IP from one address: more are refused 429 at the upgrade (or,
// when two race past the check, closed with 1013 "try again later"). One let in by a
// dashboard session alone is closed with 4401 when the session ends: logged out (at this
// hub or, through Redis, at another) or expired.
import type { WebSocket } from '@fastify/websocket';
import type { FastifyPluginCallback } from 'fastify';
import fp from 'fastify-plugin';
import { sessionHash } from '../revocations.js';

export interface StreamOptions {
  max: number;
  maxPerAddress: number;
}

/** The close code of a /stream whose dashboard session ended (logged out, here or at another hub, or expired). */
export const SESSION_ENDED = 4401;

const stream: FastifyPluginCallback<StreamOptions> = (app, { max, maxPerAddress }, done) => {
  const { state, stream: subscribers } = app.hub;
  /** The subscribers let in by a dashboard session alone, by its hash. */
  const bySession = new Map<string, Set<WebSocket>>();
  app.access.revocations.onRevoked((hash) => {
    for (const socket of bySession.get(hash) ?? []) socket.close(SESSION_ENDED, 'logged out');
  });
  /** A subscriber let in by its session is closed when the session ends. */
  const endsWithSession = (socket: WebSocket, session: { value: string; expiresAt: number }) => {
    const hash = sessionHash(session.value);
    const sockets = bySession.get(hash) ?? new Set<WebSocket>();
    bySession.set(hash, sockets.add(socket));
    const expiry = setTimeout(
      () => {
        socket.close(SESSION_ENDED, 'session expired');
      },
      Math.min(session.expiresAt - app.hub.clock.now(), 2 ** 31 - 1),
    );
    expiry.unref();
    socket.on('close', () => {
      clearTimeout(expiry);
      sockets.delete(socket);
      if (sockets.size === 0) bySession.delete(hash);
    });
  };
  /** Why one more subscriber from `address` cannot be taken, or undefined when it can. */
  const full = (address: string): string | undefined => {
    if (subscribers.size >= max) return `the hub takes at most ${max.toString()} /stream subscribers`;
    if (subscribers.from(address) >= maxPerAddress)
      return `the hub takes at most ${maxPerAddress.toString()} /stream subscribers from one address`;
    return undefined;
  };
  app.get(
    '/stream',
    {
      websocket: true,
      config: { access: 'stream' },
      preValidation: async (request, reply) => {
        const why = full(request.ip);
        if (why === undefined) return;
        app.hubMetrics.counters.refused.inc({ reason: 'stream_full' });
        await reply
          .code(429)
          .header('retry-after', '5')
          .send({ error: 'too_many_connections', message: why });
      },
    },
    (socket, request) => {
      const why = full(request.ip);
      if (why !== undefined) {
        app.hubMetrics.counters.refused.inc({ reason: 'stream_full' });
        socket.close(1013, why.slice(0, 120));
        return;
      }
      const session = app.access.onlySession(request);
      if (session) endsWithSession(socket, session);
      subscribers.add(socket, { type: 'arb:snapshot', arbs: state.openArbs() }, request.ip);
    },
  );
  done();
};

export default fp(stream, { name: 'arbhub-stream', dependencies: ['arbhub-live', '@fastify/websocket'] });
