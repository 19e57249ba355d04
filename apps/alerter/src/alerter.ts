// The alerter's core: a /stream message in, deliveries out. An arb:open (or each arbitrage
// of the snapshot a connection starts with) that passes the filters is claimed per
// channel (dedup.ts) and, if new or better by ALERT_REALERT_GAIN, queued; an arb:update
// that now passes, or beats the alerted price by the gain, likewise; an arb:close, with
// ALERT_ON_CLOSE, once per alerted opening.
import { randomUUID } from 'node:crypto';
import type { Arb, StreamMessage } from '@arbhub/schema';
import type { Config } from './config.js';
import type { Dedup } from './dedup.js';
import type { AlertType, Channel } from './delivery.js';
import { legsKey, skipReason } from './policy.js';
import type { AlertQueue } from './queue.js';

export interface AlerterOptions {
  config: Pick<
    Config,
    'ALERT_MIN_PROFIT' | 'ALERT_SPORTS' | 'ALERT_BOOKS' | 'ALERT_INCLUDE_FLAGGED' | 'ALERT_ON_CLOSE'
  >;
  channels: readonly Channel[];
  dedup: Dedup;
  queue: AlertQueue;
  clock?: { now(): number };
  onSkipped?: (reason: 'filtered' | 'duplicate') => void;
  onError?: (error: unknown) => void;
}

export class Alerter {
  /** The messages being handled, in order (a claim is async; order keeps open before close). */
  private chain: Promise<void> = Promise.resolve();
  private readonly clock: { now(): number };

  constructor(private readonly options: AlerterOptions) {
    this.clock = options.clock ?? Date;
  }

  /** Takes one /stream message; resolves when it is handled (tests await it, the follower does not). */
  take(message: StreamMessage): Promise<void> {
    // When it arrived, not when its turn came: the latency metric counts the wait too.
    const seenAt = this.clock.now();
    this.chain = this.chain
      .then(() => this.handle(message, seenAt))
      .catch((error: unknown) => this.options.onError?.(error));
    return this.chain;
  }

  /** Resolves when every message taken so far is handled. */
  idle(): Promise<void> {
    return this.chain;
  }

  private async handle(message: StreamMessage, seenAt: number): Promise<void> {
    if (message.type === 'arb:snapshot') for (const arb of message.arbs) await this.opened(arb, seenAt);
    else if (message.type === 'arb:open' || message.type === 'arb:update')
      await this.opened(message.arb, seenAt);
    else if (message.type === 'arb:close' && this.options.config.ALERT_ON_CLOSE)
      await this.closed(message.arb, seenAt);
  }

  private async opened(arb: Arb, seenAt: number): Promise<void> {
    if (skipReason(arb, this.options.config) !== undefined) {
      this.options.onSkipped?.('filtered');
      return;
    }
    const key = legsKey(arb);
    for (const channel of this.options.channels) {
      const claim = await this.options.dedup.claim(channel.name, key, arb.profitPct, randomUUID());
      // Seen, and its delivery is (or was) queued: nothing to do. Seen with no such job: an
      // alerter died between claiming and queueing it; queue it now, under the claimed id.
      if (claim.result === 'seen' && (await this.options.queue.has(claim.deliveryId))) {
        this.options.onSkipped?.('duplicate');
        continue;
      }
      await this.enqueue(channel, 'arb:open', arb, seenAt, claim.deliveryId);
    }
  }

  private async closed(arb: Arb, seenAt: number): Promise<void> {
    const key = legsKey(arb);
    for (const channel of this.options.channels)
      if (await this.options.dedup.claimClose(channel.name, key, arb.openedAt))
        await this.enqueue(channel, 'arb:close', arb, seenAt, randomUUID());
  }

  private enqueue(channel: Channel, type: AlertType, arb: Arb, seenAt: number, id: string): Promise<void> {
    return this.options.queue.add({ id, channel: channel.name, type, arb, seenAt });
  }
}
