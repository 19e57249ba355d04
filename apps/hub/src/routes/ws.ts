// /ws: the workers' WebSocket (docs/protocol.md). With WORKER_TOKEN set, a connection
// without it is refused 401 at the upgrade; each accepted socket is a WorkerConnection.
import type { FastifyPluginCallback } from 'fastify';
import fp from 'fastify-plugin';
import { presentedToken, tokenMatches } from '../auth.js';

export interface WsOptions {
  /** WORKER_TOKEN; none means open. */
  token: string | undefined;
}

const ws: FastifyPluginCallback<WsOptions> = (app, { token }, done) => {
  const { workers } = app.hub;
  app.get(
    '/ws',
    {
      websocket: true,
      // Workers present WORKER_TOKEN (checked here), not the API token; a worker
      // reconnecting is never turned away by the REST rate limit.
      config: { access: 'worker', rateLimit: false },
      preValidation: async (request, reply) => {
        if (token && !tokenMatches(presentedToken(request), token)) {
          await reply.code(401).send({ error: 'unauthorized', message: 'a valid worker token is required' });
        }
      },
    },
    (socket) => {
      workers.connect(socket);
    },
  );
  done();
};

export default fp(ws, { name: 'arbhub-ws', dependencies: ['arbhub-live', '@fastify/websocket'] });
