// What the engines found, published in Redis for every gateway: the open arbitrage
// (`arbs`: id -> arb JSON), who speaks for each (`arb-ids`: leg-set key -> id,
// `arb-owner`: key -> shard, and `arb-owned:<n>`: the keys shard n speaks for), how many
// updates each has had (`arb-updates`, for the history) and every change in order
// (`arb-changes`: a stream of the /stream messages). One Lua call per
// change keeps them in step, and gives an arbitrage one id for its whole life even when
// another shard takes it over (an engine died, or its event's owner moved): the
// newcomer's open is told as an update. The Lua steps are in results-lua.ts.
import { check, streamMessageSchema } from '@arbhub/schema';
import type { Arb, ArbCloseReason, StreamMessage } from '@arbhub/schema';
import type { Redis } from 'ioredis';
import { CLOSE, ID, PUT } from './results-lua.js';

/**
 * The identity of an arbitrage across shards: its period and its legs (book, the book's
 * event, market, line, side), sorted. Canonical event ids are each shard's own; these are not.
 */
export function arbKey(arb: Pick<Arb, 'period' | 'legs'>): string {
  return [
    arb.period,
    ...arb.legs
      .map((leg) => `${leg.book}|${leg.eventId}|${leg.market}|${String(leg.line)}|${leg.side}`)
      .sort(),
  ].join('\u0001');
}

export interface ResultsOptions {
  prefix?: string;
  /** About how many changes the stream keeps (a gateway that falls further behind starts over). */
  maxChanges?: number;
}

/** One publication of a shard: an arbitrage put (opened or updated), or closed. */
export type ResultOp =
  | { kind: 'put'; arb: Arb; /** The id it gets if it has none yet. */ newId: string }
  | {
      kind: 'close';
      arb: Arb;
      reason: ArbCloseReason;
      closedAt: number;
      /** The id the shard published it under (used when nobody speaks for it any more). */
      publishedId?: string;
    }
  | {
      kind: 'close';
      /** By leg-set key, at its last published figures. */ key: string;
      reason: ArbCloseReason;
      closedAt: number;
    };

export interface ResultAnswer {
  /** The arbitrage's id; undefined for a close another shard speaks for. */
  id: string | undefined;
  /** A put's: how it was told, and the updates it has had so far (this one included). */
  told?: 'arb:open' | 'arb:update';
  updates?: number;
  /** A close's: the arb JSON it was closed with (its last published figures for a close by key). */
  body?: string;
}

/** The engines' side: publishes arbitrage changes. */
export class ResultsWriter {
  private readonly keys: string[];
  private readonly maxLen: string;
  /** `arb-owned:<shard>`: the keys each shard speaks for. */
  private readonly ownedPrefix: string;

  constructor(
    private readonly redis: Redis,
    options: ResultsOptions = {},
  ) {
    const prefix = options.prefix ?? 'arbhub:';
    this.keys = ['arb-ids', 'arb-owner', 'arbs', 'arb-changes', 'arb-updates'].map((k) => prefix + k);
    this.ownedPrefix = `${prefix}arb-owned:`;
    this.maxLen = String(options.maxChanges ?? 100_000);
    redis.defineCommand('arbhubPutArb', { numberOfKeys: 6, lua: PUT });
    redis.defineCommand('arbhubCloseArb', { numberOfKeys: 6, lua: CLOSE });
  }

  /**
   * Opens or updates `arb` for `shard`; the answer is the id it goes by and how it was told.
   * A new key takes `newId` (default the arb's own id).
   */
  async put(
    shard: number,
    arb: Arb,
    newId = arb.id,
  ): Promise<{ id: string; told: 'arb:open' | 'arb:update' }> {
    const [answer] = await this.apply(shard, [{ kind: 'put', arb, newId }]);
    return { id: answer?.id ?? newId, told: answer?.told === 'arb:open' ? 'arb:open' : 'arb:update' };
  }

  /**
   * Closes `arb` if `shard` speaks for it, or if nobody does and the shard published it as
   * `publishedId`; the answer is its id, or undefined when another shard speaks for it.
   */
  async close(
    shard: number,
    arb: Arb,
    reason: ArbCloseReason,
    closedAt: number,
    publishedId = '',
  ): Promise<string | undefined> {
    const [answer] = await this.apply(shard, [{ kind: 'close', arb, reason, closedAt, publishedId }]);
    return answer?.id;
  }

  /** Closes, at its last published figures, an arbitrage `shard` speaks for but no longer has. */
  async closeKey(
    shard: number,
    key: string,
    reason: ArbCloseReason,
    closedAt: number,
  ): Promise<string | undefined> {
    const [answer] = await this.apply(shard, [{ kind: 'close', key, reason, closedAt }]);
    return answer?.id;
  }

  /**
   * Several puts and closes of one shard, in order, in one round trip (each still its own
   * Lua step). The answers in the same order: a put's id and what it told, a close's id
   * (undefined when another shard speaks for it). Throws the first command's error.
   */
  async apply(shard: number, ops: readonly ResultOp[]): Promise<ResultAnswer[]> {
    if (ops.length === 0) return [];
    const [ids, owners, arbs, changes, updates] = this.keys as [string, string, string, string, string];
    const owned = this.ownedPrefix + String(shard);
    const pipeline = this.redis.pipeline();
    for (const op of ops) {
      if (op.kind === 'put')
        pipeline.arbhubPutArb(
          ids,
          owners,
          arbs,
          changes,
          owned,
          updates,
          arbKey(op.arb),
          String(shard),
          op.newId,
          JSON.stringify({ ...op.arb, id: ID }),
          this.maxLen,
          this.ownedPrefix,
        );
      else
        pipeline.arbhubCloseArb(
          ids,
          owners,
          arbs,
          changes,
          owned,
          updates,
          'key' in op ? op.key : arbKey(op.arb),
          String(shard),
          JSON.stringify({ reason: op.reason, closedAt: op.closedAt }).slice(1, -1),
          'key' in op ? '' : JSON.stringify({ ...op.arb, id: ID }),
          this.maxLen,
          'key' in op ? '' : (op.publishedId ?? ''),
        );
    }
    const results = (await pipeline.exec()) ?? [];
    return results.map(([error, value], i) => {
      if (error) throw error;
      if (ops[i]?.kind === 'put') {
        const [id, told, updates] = value as [string, string, number];
        return { id, told: told === 'arb:open' ? 'arb:open' : 'arb:update', updates };
      }
      const closed = value as [string, string] | null;
      return closed ? { id: closed[0], body: closed[1] } : { id: undefined };
    });
  }

  /** The leg-set keys `shard` speaks for now, with their ids. */
  async ownedBy(shard: number): Promise<Map<string, string>> {
    const [ids] = this.keys as [string];
    const mine = await this.redis.smembers(this.ownedPrefix + String(shard));
    const found = new Map<string, string>();
    if (mine.length === 0) return found;
    const values = await this.redis.hmget(ids, ...mine);
    mine.forEach((key, i) => {
      const id = values[i];
      if (id) found.set(key, id);
    });
    return found;
  }
}

type XEntries = [id: string, fields: string[]][];

/** The gateways' side: the open arbitrage now, then every change after it. */
export class ResultsReader {
  private readonly arbsKey: string;
  private readonly changesKey: string;

  constructor(
    private readonly redis: Redis,
    options: ResultsOptions = {},
  ) {
    const prefix = options.prefix ?? 'arbhub:';
    this.arbsKey = `${prefix}arbs`;
    this.changesKey = `${prefix}arb-changes`;
  }

  /**
   * The open arbitrage and the id of the change it reflects at least: changes after that
   * id may already be in it (applying them again changes nothing).
   */
  async snapshot(): Promise<{ arbs: Arb[]; after: string }> {
    const newest = (await this.redis.xrevrange(this.changesKey, '+', '-', 'COUNT', 1)) as XEntries;
    const all = await this.redis.hgetall(this.arbsKey);
    const arbs: Arb[] = [];
    for (const text of Object.values(all)) {
      const message = parseMessage(`{"type":"arb:open","arb":${text}}`);
      if (message?.type === 'arb:open') arbs.push(message.arb);
    }
    return { arbs, after: newest[0]?.[0] ?? '0-0' };
  }

  /** Waits up to `blockMs` for changes after `after`, on `reader` (a connection of its own). */
  async follow(
    reader: Redis,
    after: string,
    blockMs: number,
    count = 1000,
  ): Promise<{ messages: StreamMessage[]; last: string; unreadable: number }> {
    const answer = await reader.xread('COUNT', count, 'BLOCK', blockMs, 'STREAMS', this.changesKey, after);
    const entries = answer?.[0]?.[1] ?? [];
    const messages: StreamMessage[] = [];
    let unreadable = 0;
    for (const [, fields] of entries) {
      const message = fields[0] === 'm' && fields[1] !== undefined ? parseMessage(fields[1]) : undefined;
      if (message) messages.push(message);
      else unreadable += 1;
    }
    return { messages, last: entries[entries.length - 1]?.[0] ?? after, unreadable };
  }
}

function parseMessage(text: string): StreamMessage | undefined {
  try {
    const checked = check(streamMessageSchema, JSON.parse(text));
    return checked.ok ? checked.value : undefined;
  } catch {
    // Not JSON: counted as unreadable by the caller.
    return undefined;
  }
}
