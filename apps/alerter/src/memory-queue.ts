// The delivery queue without Redis: the policy of queue.ts (3 attempts, 2 s then 4 s,
// 5 at a time, a channel's pace, retry_after without spending an attempt, failed ones
// kept as the dead-letter list) in this process.
import { PermanentError, RetryableError } from './delivery.js';
import type { Channel, Delivery, DeliveryRecord } from './delivery.js';
import { ATTEMPTS, CONCURRENCY, KEEP, backoffMs, newest } from './queue.js';
import type { AlertQueue, QueueEvents } from './queue.js';

export interface MemoryOptions {
  channels: readonly Channel[];
  /** How long an added delivery's id is remembered (s): as long as its dedup key. */
  keepS: number;
  events?: QueueEvents;
  clock?: { now(): number };
}

export function memoryQueue({ channels, keepS, events = {}, clock = Date }: MemoryOptions): AlertQueue {
  const byName = new Map(channels.map((channel) => [channel.name, channel]));
  /** Every delivery id added, with when: has() answers for as long as the dedup key lives. */
  const known = new Map<string, number>();
  const records = new Map<string, DeliveryRecord>();
  const dead: DeliveryRecord[] = [];
  const waiting: Delivery[] = [];
  const attempts = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  /** When each channel may send next (its pace, or a retry_after it asked for). */
  const nextSendAt = new Map<string, number>();
  let active = 0;
  let closed = false;

  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };
  const update = (delivery: Delivery, patch: Partial<DeliveryRecord>) => {
    const before = records.get(delivery.id);
    const next: DeliveryRecord = {
      id: delivery.id,
      channel: delivery.channel,
      type: delivery.type,
      arbId: delivery.arb.id,
      event: `${delivery.arb.event.home} v ${delivery.arb.event.away}`,
      profitPct: delivery.arb.profitPct,
      attempts: before?.attempts ?? 0,
      status: before?.status ?? 'queued',
      seenAt: delivery.seenAt,
      ...(before?.lastError ? { lastError: before.lastError } : {}),
      ...patch,
      updatedAt: clock.now(),
    };
    records.delete(delivery.id);
    records.set(delivery.id, next);
    while (records.size > KEEP * Math.max(1, channels.length)) {
      const oldest = records.keys().next().value;
      if (oldest === undefined) break;
      records.delete(oldest);
    }
    return next;
  };
  const pump = () => {
    while (!closed && active < CONCURRENCY && waiting.length > 0) {
      const now = clock.now();
      const index = waiting.findIndex((d) => (nextSendAt.get(d.channel) ?? 0) <= now);
      if (index < 0) {
        const soonest = Math.min(...waiting.map((d) => nextSendAt.get(d.channel) ?? 0));
        later(Math.max(1, soonest - now), pump);
        return;
      }
      const [delivery] = waiting.splice(index, 1);
      if (!delivery) return;
      const channel = byName.get(delivery.channel);
      if (!channel) continue;
      if (channel.perSecond) nextSendAt.set(channel.name, now + 1000 / channel.perSecond);
      active += 1;
      void attempt(channel, delivery).finally(() => {
        active -= 1;
        pump();
      });
    }
  };
  const attempt = async (channel: Channel, delivery: Delivery) => {
    const made = (attempts.get(delivery.id) ?? 0) + 1;
    try {
      await channel.send(delivery);
      attempts.delete(delivery.id);
      update(delivery, { attempts: made, status: 'delivered' });
      events.delivered?.(delivery, made);
    } catch (thrown) {
      const error = thrown instanceof Error ? thrown : new Error(String(thrown));
      if (error instanceof RetryableError && error.retryAfterMs !== undefined) {
        // The channel asked to wait: it waits, and this try does not count.
        nextSendAt.set(channel.name, clock.now() + error.retryAfterMs);
        update(delivery, { status: 'retrying', lastError: error.message });
        events.retrying?.(delivery, made - 1, error);
        waiting.unshift(delivery);
        return;
      }
      attempts.set(delivery.id, made);
      const final = error instanceof PermanentError || made >= ATTEMPTS;
      const now = update(delivery, {
        attempts: made,
        status: final ? 'failed' : 'retrying',
        lastError: error.message,
      });
      if (final) {
        attempts.delete(delivery.id);
        dead.unshift(now);
        dead.splice(KEEP * Math.max(1, channels.length));
        events.failed?.(delivery, made, error);
        return;
      }
      events.retrying?.(delivery, made, error);
      later(backoffMs(made), () => {
        waiting.push(delivery);
        pump();
      });
    }
  };
  return {
    kind: 'memory',
    add(delivery) {
      if (closed) return Promise.reject(new Error('the queue is closed'));
      if (known.has(delivery.id)) return Promise.resolve();
      const now = clock.now();
      known.set(delivery.id, now);
      if (known.size > 10_000) for (const [id, at] of known) if (now - at > keepS * 1000) known.delete(id);
      update(delivery, { status: 'queued' });
      waiting.push(delivery);
      pump();
      return Promise.resolve();
    },
    has: (id) => Promise.resolve(known.has(id)),
    deliveries: (limit = KEEP) => Promise.resolve(newest([...records.values()], limit)),
    deadLetters: (limit = KEEP) => Promise.resolve(dead.slice(0, limit)),
    close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return Promise.resolve();
    },
  };
}
