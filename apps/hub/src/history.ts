// Closed arbitrages and their lifetimes, for GET /arbs/history: a Redis stream capped with
// MAXLEN when REDIS_URL is set (shared, kept across restarts), a ring buffer otherwise.
// While Redis is down the local ring keeps answering.
import { arbSchema, check } from '@arbhub/schema';
import type { Arb, ArbCloseReason } from '@arbhub/schema';
import type { Redis } from 'ioredis';
import { whenReady } from './redis-ready.js';

export interface ClosedRecord {
  arb: Arb;
  reason: ArbCloseReason;
  closedAt: number;
  lifetimeMs: number;
}

export interface History {
  add(record: ClosedRecord): void;
  list(limit: number): Promise<ClosedRecord[]>;
  /** For /health: 'disabled' without Redis. */
  redis(): 'up' | 'down' | 'disabled';
}

/** The last `size` closed arbitrages in this process. */
export function ringHistory(size: number): History & { items: ClosedRecord[] } {
  const items: ClosedRecord[] = [];
  return {
    items,
    add(record) {
      items.unshift(record);
      if (items.length > size) items.pop();
    },
    list: (limit) => Promise.resolve(items.slice(0, limit)),
    redis: () => 'disabled',
  };
}

/** A Redis stream `key` of at most about `size` entries (XADD MAXLEN ~). */
export function redisHistory(client: Redis, { key = 'arbhub:arb-history', size = 10_000 } = {}): History {
  const local = ringHistory(Math.min(size, 1000));
  const ready = () => whenReady(client, 2000);
  return {
    add(record) {
      local.add(record);
      ready()
        .then(() => client.xadd(key, 'MAXLEN', '~', String(size), '*', 'record', JSON.stringify(record)))
        .catch(() => {
          // Redis is down: the local ring keeps the record, /health says so.
        });
    },
    async list(limit) {
      try {
        const entries = await client.xrevrange(key, '+', '-', 'COUNT', limit);
        return entries.map(([, fields]) => {
          const record = JSON.parse(fields[1] ?? '{}') as ClosedRecord;
          // Read back through the schema: a record from before arbitrage carried flags reads as clean.
          const arb = check(arbSchema, record.arb);
          return arb.ok ? { ...record, arb: arb.value } : record;
        });
      } catch {
        return local.list(limit);
      }
    },
    redis: () => (client.status === 'ready' ? 'up' : 'down'),
  };
}
