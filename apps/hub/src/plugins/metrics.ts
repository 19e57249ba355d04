// GET /metrics (Prometheus): counters the live hub increments as things happen, and
// gauges read from it when scraped. Decorates `hubMetrics` for the live plugin.
import type { FastifyPluginCallback } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Gauge, Registry } from 'prom-client';

export interface HubMetrics {
  registry: Registry;
  counters: {
    messages: Counter<'type'>;
    arbs: Counter<'change'>;
    underround: Counter<'book'>;
    refused: Counter<'reason'>;
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    hubMetrics: HubMetrics;
  }
}

const metrics: FastifyPluginCallback = (app, _options, done) => {
  const registry = new Registry();
  const counters: HubMetrics['counters'] = {
    messages: new Counter({
      name: 'arbhub_ws_messages_total',
      help: 'Worker messages accepted, by type',
      labelNames: ['type'],
      registers: [registry],
    }),
    arbs: new Counter({
      name: 'arbhub_arbs_total',
      help: 'Arbitrage changes, by kind of change',
      labelNames: ['change'],
      registers: [registry],
    }),
    underround: new Counter({
      name: 'arbhub_underround_markets_total',
      help: 'Markets a book quoted under 100% (a data error, never traded), by book',
      labelNames: ['book'],
      registers: [registry],
    }),
    refused: new Counter({
      name: 'arbhub_http_refused_total',
      help: 'Requests and connections refused, by reason (unauthorized, rate_limited, login_throttled, stream_full, register_timeout)',
      labelNames: ['reason'],
      registers: [registry],
    }),
  };
  // Gauges read the live hub when scraped (it is decorated after this plugin).
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  gauge('arbhub_workers', 'Connected workers', () => app.hub.workers.list().length);
  gauge('arbhub_open_arbs', 'Open arbitrages', () => app.hub.state.stats().openArbs);
  new Gauge({
    name: 'arbhub_open_arbs_flagged',
    help: 'Open arbitrages carrying each flag (one arbitrage may carry several)',
    labelNames: ['flag'],
    registers: [registry],
    collect() {
      for (const [flag, count] of app.hub.state.stats().flagged) this.set({ flag }, count);
    },
  });
  gauge('arbhub_quotes', 'Live quotes', () => app.hub.state.stats().quotes);
  gauge('arbhub_bad_messages', 'Worker messages refused', () => app.hub.workers.badMessages);
  gauge('arbhub_stream_subscribers', '/stream subscribers', () => app.hub.stream.size);
  app.decorate('hubMetrics', { registry, counters });

  app.get('/metrics', { config: { access: 'metrics' } }, async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
  done();
};

export default fp(metrics, { name: 'arbhub-metrics' });
