// /stream: arb:snapshot on connect, then every arbitrage change and worker status.
import type { FastifyPluginCallback } from 'fastify';
import fp from 'fastify-plugin';

const stream: FastifyPluginCallback = (app, _options, done) => {
  const { state, stream: subscribers } = app.hub;
  app.get('/stream', { websocket: true }, (socket) => {
    subscribers.add(socket, { type: 'arb:snapshot', arbs: state.openArbs() });
  });
  done();
};

export default fp(stream, { name: 'arbhub-stream', dependencies: ['arbhub-live', '@fastify/websocket'] });
