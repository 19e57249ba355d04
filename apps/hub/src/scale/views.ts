// The engines' published view of the events each shard owns (`view:<n>`, JSON, expiring
// if the shard's engine stops writing it), read by the gateways for /events and /odds.
import { check, shardViewSchema } from '@arbhub/schema';
import type { EventsAnswer, OddsAnswer, OddsQuery, ShardView } from '@arbhub/schema';
import type { Redis } from 'ioredis';
import { oddsAnswer } from '../odds-view.js';
import type { ListedMatch } from '../odds-view.js';

export type { ShardView };

export const viewKey = (prefix: string, shard: number) => `${prefix}view:${shard.toString()}`;

/** Writes one shard's view, kept `ttlMs` unless written again. */
export async function writeView(redis: Redis, prefix: string, view: ShardView, ttlMs: number): Promise<void> {
  await redis.set(viewKey(prefix, view.shard), JSON.stringify(view), 'PX', ttlMs);
}

/** Every shard's view, read at most once per `cacheMs` (a busy /odds poller does not read Redis per request). */
export class ViewReader {
  private cached: { at: number; views: ShardView[] } | undefined;
  private reading: Promise<ShardView[]> | undefined;
  unreadable = 0;

  constructor(
    private readonly redis: Redis,
    private readonly options: { prefix: string; shards: number; cacheMs?: number; clock?: { now(): number } },
  ) {}

  async views(): Promise<ShardView[]> {
    const now = (this.options.clock ?? Date).now();
    if (this.cached && now - this.cached.at < (this.options.cacheMs ?? 500)) return this.cached.views;
    this.reading ??= this.read().finally(() => {
      this.reading = undefined;
    });
    const views = await this.reading;
    this.cached = { at: now, views };
    return views;
  }

  private async read(): Promise<ShardView[]> {
    const keys = Array.from({ length: this.options.shards }, (_, i) => viewKey(this.options.prefix, i));
    const texts = await this.redis.mget(...keys);
    const views: ShardView[] = [];
    for (const text of texts) {
      if (text === null) continue;
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        this.unreadable += 1;
        continue;
      }
      const checked = check(shardViewSchema, data);
      if (checked.ok) views.push(checked.value);
      else this.unreadable += 1;
    }
    return views;
  }

  async events(): Promise<EventsAnswer> {
    return (await this.views()).flatMap((v) => v.events);
  }

  async odds(query: OddsQuery): Promise<OddsAnswer> {
    const views = await this.views();
    const listed = new Map<string, ListedMatch>();
    for (const view of views)
      for (const event of view.odds)
        for (const [book, l] of Object.entries(event.books))
          listed.set(`${book}|${l.eventId}`, {
            updatedAt: l.updatedAt,
            swapped: l.swapped ?? false,
            match: {
              eventId: l.eventId,
              sport: event.sport,
              league: event.league,
              home: l.home,
              away: l.away,
              startTime: event.startTime,
              inPlay: event.inPlay,
              markets: l.markets,
            },
          });
    return oddsAnswer(
      views.flatMap((v) => v.events),
      (book, eventId) => listed.get(`${book}|${eventId}`),
      query,
    );
  }
}
