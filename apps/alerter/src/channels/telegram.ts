// The Telegram channel: the Bot API's sendMessage (POST <api>/bot<token>/sendMessage with
// chat_id and text), plain HTTP through axios. A Telegram library (grammY, Telegraf) is a
// bot framework with updates, sessions and middleware; an alerter sends one kind of
// message, so one documented call is all it needs. Telegram allows about one message a
// second per chat (the queue keeps to it) and answers 429 with parameters.retry_after
// (seconds), which the next attempt waits for.
import axios from 'axios';
import type { Channel, Delivery } from '../delivery.js';
import { messageText } from '../message.js';
import type { MessageOptions } from '../message.js';
import { classify } from './http.js';

export interface TelegramOptions extends MessageOptions {
  apiUrl: string;
  botToken: string;
  chatId: string;
}

/** Telegram's retry_after (seconds) from a 429 body, in ms. */
function retryAfterMs(body: unknown): number | undefined {
  if (!body || typeof body !== 'object' || !('parameters' in body)) return undefined;
  const parameters = body.parameters as { retry_after?: unknown } | null;
  const seconds = parameters?.retry_after;
  return typeof seconds === 'number' && seconds >= 0 ? seconds * 1000 : undefined;
}

export function telegramChannel(options: TelegramOptions): Channel {
  const url = `${options.apiUrl.replace(/\/+$/, '')}/bot${options.botToken}/sendMessage`;
  return {
    name: 'telegram',
    perSecond: 1,
    async send(delivery: Delivery) {
      try {
        const answer = await axios.post<{ ok?: boolean; description?: string }>(
          url,
          {
            chat_id: options.chatId,
            text: messageText(delivery.type, delivery.arb, options),
            link_preview_options: { is_disabled: true },
          },
          { timeout: 5000, headers: { 'user-agent': 'arbhub-alerter' }, maxRedirects: 0 },
        );
        if (answer.data.ok !== true)
          throw new Error(`telegram: ok is not true (${answer.data.description ?? ''})`);
      } catch (error) {
        throw classify('telegram', error, retryAfterMs);
      }
    },
  };
}
