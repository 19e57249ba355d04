// The webhook channel: POST ALERT_WEBHOOK_URL with
// {"type":"arb:open"|"arb:close","arb":<the /arbs object>,"sentAt":<ms>}, signed:
// X-Arbhub-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with
// ALERT_WEBHOOK_SECRET> and X-Arbhub-Delivery: <the delivery's id, the same on a retry, so
// the receiver can drop a repeat>. 2xx delivered; 5xx, 429 or no answer within 5 s
// retried; another 4xx failed at once.
import { createHmac } from 'node:crypto';
import axios from 'axios';
import type { Channel, Delivery } from '../delivery.js';
import { classify } from './http.js';

export const WEBHOOK_TIMEOUT_MS = 5000;

/** The signature header's value for `body` (receivers compute the same and compare). */
export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function webhookChannel(url: string, secret: string, clock: { now(): number } = Date): Channel {
  return {
    name: 'webhook',
    async send(delivery: Delivery) {
      const body = JSON.stringify({ type: delivery.type, arb: delivery.arb, sentAt: clock.now() });
      try {
        await axios.post(url, body, {
          timeout: WEBHOOK_TIMEOUT_MS,
          headers: {
            'content-type': 'application/json',
            'x-arbhub-signature': signature(body, secret),
            'x-arbhub-delivery': delivery.id,
            'user-agent': 'arbhub-alerter',
          },
          // The body is sent as signed: not re-serialized.
          transformRequest: [(data: unknown) => data],
          maxRedirects: 0,
        });
      } catch (error) {
        throw classify('webhook', error);
      }
    },
  };
}
