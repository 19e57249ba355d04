// GET /alerts: the alerter's last deliveries and its dead-letter list (apps/alerter's
// GET /alerts, asked with the hub's API token), for the dashboard's Alerts panel. Without
// ALERTER_URL: {"alerter":null,...} and the panel stays hidden; an alerter that does not
// answer: 502 in the API's error shape.
import type { FastifyPluginCallback } from 'fastify';
import fp from 'fastify-plugin';

export interface AlertsOptions {
  alerterUrl: string | undefined;
  apiToken: string | undefined;
}

const alerts: FastifyPluginCallback<AlertsOptions> = (app, { alerterUrl, apiToken }, done) => {
  app.get('/alerts', async (_request, reply) => {
    if (!alerterUrl) return { alerter: null, deliveries: [], deadLetters: [] };
    try {
      const response = await fetch(`${alerterUrl.replace(/\/+$/, '')}/alerts`, {
        headers: apiToken ? { authorization: `Bearer ${apiToken}` } : {},
        signal: AbortSignal.timeout(3000),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status.toString()}`);
      const body = (await response.json()) as { deliveries?: unknown; deadLetters?: unknown };
      return {
        alerter: alerterUrl,
        deliveries: Array.isArray(body.deliveries) ? body.deliveries : [],
        deadLetters: Array.isArray(body.deadLetters) ? body.deadLetters : [],
      };
    } catch (error) {
      return reply.code(502).send({
        error: 'alerter_unreachable',
        message: `the alerter at ALERTER_URL did not answer /alerts (${error instanceof Error ? error.message : String(error)})`,
      });
    }
  });
  done();
};

export default fp(alerts, { name: 'arbhub-alerts', dependencies: ['arbhub-guard'] });
