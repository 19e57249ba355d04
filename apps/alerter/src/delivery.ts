// One alert for one channel: what is queued, and what sending it may answer.
import type { Arb } from '@arbhub/schema';

export type AlertType = 'arb:open' | 'arb:close';

/** A queued alert (the job's data): serializable, the same on every attempt. */
export interface Delivery {
  /** Unique per alert and channel, kept across retries (X-Arbhub-Delivery). */
  id: string;
  channel: string;
  type: AlertType;
  arb: Arb;
  /** When the alerter saw it on /stream (ms). */
  seenAt: number;
}

/** A failure worth another attempt (5xx, 429, a timeout, no answer). */
export class RetryableError extends Error {
  override name = 'RetryableError';
  constructor(
    message: string,
    /** The channel asks to wait this long before the next attempt (Telegram's retry_after). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** A failure another attempt cannot mend (a 4xx other than 429): the alert goes to the dead-letter list at once. */
export class PermanentError extends Error {
  override name = 'PermanentError';
}

/** A channel: sends one delivery, or throws RetryableError / PermanentError. */
export interface Channel {
  readonly name: string;
  /** At most this many sends per second to it (Telegram: about 1 per chat); none: no limit. */
  readonly perSecond?: number;
  send(delivery: Delivery): Promise<void>;
}

/** What happened to a delivery, for GET /alerts. */
export interface DeliveryRecord {
  id: string;
  channel: string;
  type: AlertType;
  arbId: string;
  /** "Home v Away", as the hub names the event. */
  event: string;
  profitPct: number;
  attempts: number;
  status: 'queued' | 'retrying' | 'delivered' | 'failed';
  lastError?: string;
  seenAt: number;
  updatedAt: number;
}
