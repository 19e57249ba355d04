// /stream: arb:snapshot on connect, then every arbitrage change and worker status. It
// needs the API token when one is set (access 'stream': a bearer token, ?token= or a
// dashboard login), and takes at most MAX_STREAM_CLIENTS subscribers, at most
// MAX_STREAM_CLIENTS_PER_IP from one address: more are refused 429 at the upgrade (or,
// when two race past the check, closed with 1013 "try again later").
import type { FastifyPluginCallback } from 'fastify';
import fp from 'fastify-plugin';

export interface StreamOptions {
  max: number;
  maxPerAddress: number;
}

const stream: FastifyPluginCallback<StreamOptions> = (app, { max, maxPerAddress }, done) => {
  const { state, stream: subscribers } = app.hub;
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
      subscribers.add(socket, { type: 'arb:snapshot', arbs: state.openArbs() }, request.ip);
    },
  );
  done();
};

export default fp(stream, { name: 'arbhub-stream', dependencies: ['arbhub-live', '@fastify/websocket'] });
