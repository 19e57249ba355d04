// "Alerted already?": one key per channel and opportunity,
// arbhub:alert:<channel>:<legs key>, set with SET NX EX (ALERT_DEDUP_TTL_S) before the job
// is queued, holding the profit it was alerted at. A second alerter, or this one after a
// restart or the hub's /stream snapshot, finds the key and stays quiet, unless the profit
// has since risen by ALERT_REALERT_GAIN points (checked and raised in one Lua step, so two
// alerters cannot both take the same better price). Without Redis, the same in memory.
import type { Redis } from 'ioredis';

export interface Claim {
  /** new: never alerted within the TTL; better: by the gain; seen: alerted already. */
  result: 'new' | 'better' | 'seen';
  /**
   * The delivery that alert is: `deliveryId` when new or better, else the one that was.
   * An alerter that died between its claim and its queueing left a claim with no job: the
   * next one to see the arbitrage finds no job of that id and queues it (alerter.ts).
   */
  deliveryId: string;
}

export interface Dedup {
  /** Claims the alert of `key` on `channel` at `profitPct` as delivery `deliveryId`. */
  claim(channel: string, key: string, profitPct: number, deliveryId: string): Promise<Claim>;
  /** Whether an open of `key` was alerted on `channel` (a close is alerted only then), and claims its close once. */
  claimClose(channel: string, key: string, openedAt: number): Promise<boolean>;
}

export const DEDUP_PREFIX = 'arbhub:alert:';

export interface DedupOptions {
  ttlS: number;
  realertGain: number;
}

// KEYS[1] the key, holding "<profit>|<delivery id>"; ARGV: profit, gain, delivery id.
// Raises the stored profit (and delivery) when the new one beats it by the gain.
const RAISE = `
local held = redis.call('GET', KEYS[1])
if not held then
  redis.call('SET', KEYS[1], ARGV[1] .. '|' .. ARGV[3], 'EX', ARGV[4])
  return {'new', ARGV[3]}
end
local profit, delivery = string.match(held, '^([^|]*)|(.*)$')
if tonumber(ARGV[1]) >= tonumber(profit) + tonumber(ARGV[2]) then
  redis.call('SET', KEYS[1], ARGV[1] .. '|' .. ARGV[3], 'KEEPTTL')
  return {'better', ARGV[3]}
end
return {'seen', delivery}`;

export function redisDedup(client: Redis, { ttlS, realertGain }: DedupOptions): Dedup {
  return {
    async claim(channel, key, profitPct, deliveryId) {
      const name = `${DEDUP_PREFIX}${channel}:${key}`;
      const set = await client.set(name, `${profitPct.toString()}|${deliveryId}`, 'EX', ttlS, 'NX');
      if (set === 'OK') return { result: 'new', deliveryId };
      const [result, held] = (await client.eval(
        RAISE,
        1,
        name,
        profitPct.toString(),
        realertGain.toString(),
        deliveryId,
        ttlS.toString(),
      )) as [Claim['result'], string];
      return { result, deliveryId: held };
    },
    async claimClose(channel, key, openedAt) {
      if ((await client.exists(`${DEDUP_PREFIX}${channel}:${key}`)) === 0) return false;
      const name = `${DEDUP_PREFIX}${channel}:close:${key}:${openedAt.toString()}`;
      return (await client.set(name, '1', 'EX', ttlS, 'NX')) === 'OK';
    },
  };
}

export function memoryDedup({ ttlS, realertGain }: DedupOptions, clock: { now(): number } = Date): Dedup {
  const held = new Map<string, { profit: number; until: number; deliveryId: string }>();
  const prune = () => {
    if (held.size < 10_000) return;
    const now = clock.now();
    for (const [name, entry] of held) if (entry.until <= now) held.delete(name);
  };
  const live = (name: string) => {
    const entry = held.get(name);
    if (entry && entry.until <= clock.now()) {
      held.delete(name);
      return undefined;
    }
    return entry;
  };
  return {
    claim(channel, key, profitPct, deliveryId) {
      prune();
      const name = `${channel}:${key}`;
      const entry = live(name);
      if (!entry) {
        held.set(name, { profit: profitPct, until: clock.now() + ttlS * 1000, deliveryId });
        return Promise.resolve({ result: 'new', deliveryId });
      }
      if (profitPct >= entry.profit + realertGain) {
        entry.profit = profitPct;
        entry.deliveryId = deliveryId;
        return Promise.resolve({ result: 'better', deliveryId });
      }
      return Promise.resolve({ result: 'seen', deliveryId: entry.deliveryId });
    },
    claimClose(channel, key, openedAt) {
      if (!live(`${channel}:${key}`)) return Promise.resolve(false);
      const name = `${channel}:close:${key}:${openedAt.toString()}`;
      if (live(name)) return Promise.resolve(false);
      held.set(name, { profit: 0, until: clock.now() + ttlS * 1000, deliveryId: '' });
      return Promise.resolve(true);
    },
  };
}
