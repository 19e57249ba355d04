// The alerter's Prometheus counters (GET /metrics).
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export function alerterMetrics() {
  const registry = new Registry();
  return {
    registry,
    delivered: new Counter({
      name: 'arbhub_alerts_delivered_total',
      help: 'Alerts delivered (a 2xx), by channel',
      labelNames: ['channel'],
      registers: [registry],
    }),
    retried: new Counter({
      name: 'arbhub_alerts_retried_total',
      help: 'Delivery attempts that failed and will be tried again, by channel',
      labelNames: ['channel'],
      registers: [registry],
    }),
    failed: new Counter({
      name: 'arbhub_alerts_failed_total',
      help: 'Alerts that failed for good (dead-letter list), by channel',
      labelNames: ['channel'],
      registers: [registry],
    }),
    skipped: new Counter({
      name: 'arbhub_alerts_skipped_total',
      help: 'Arbitrage not alerted: filtered out, or alerted already (duplicate)',
      labelNames: ['reason'],
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'arbhub_alert_latency_seconds',
      help: 'From the arbitrage seen on /stream to its delivery',
      labelNames: ['channel'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers: [registry],
    }),
    hub: new Gauge({
      name: 'arbhub_alerter_hub_connected',
      help: '1 while /stream is followed',
      registers: [registry],
    }),
  };
}
export type AlerterMetrics = ReturnType<typeof alerterMetrics>;
