// HUB_ROLE=gateway: the hub's state as the routes see it, with nothing matched here.
// Worker updates go to the log (publisher.ts); the open arbitrage is the mirror of what
// the engines publish (mirror.ts); /events and /odds are the engines' views (views.ts).
import type {
  Arb,
  ArbCloseReason,
  ArbFlag,
  EventsAnswer,
  OddsAnswer,
  OddsQuery,
  OddsUpdate,
  ReviewAnswer,
} from '@arbhub/schema';
import { MatchingError } from '@arbhub/matcher';
import type { HubState } from '../hub-state.js';
import { flagCounts } from '../state.js';
import { shardOfEvent } from './decisions.js';
import type { DecisionClient } from './decisions.js';
import type { ResultsMirror } from './mirror.js';
import type { LogPublisher } from './publisher.js';
import type { ShardView, ViewReader } from './views.js';

type Decided = Awaited<ReturnType<HubState['link']>>;

export class GatewayState implements HubState {
  /** The views last read (for /metrics, which cannot wait for Redis). */
  private lastViews: ShardView[] = [];

  constructor(
    private readonly publisher: LogPublisher,
    private readonly mirror: ResultsMirror,
    private readonly views: ViewReader,
    private readonly decisions: DecisionClient,
  ) {}

  /** Reads the views again (for /metrics; the gateway does it every few seconds). */
  async refresh(): Promise<void> {
    this.lastViews = await this.views.views();
  }

  apply(update: OddsUpdate): number {
    return this.publisher.apply(update);
  }

  removeWorker(workerId: string, reason: ArbCloseReason): void {
    this.publisher.removeWorker(workerId, reason);
  }

  countsFor(workerId: string): { events: number; quotes: number; underround: number } {
    return this.publisher.countsFor(workerId);
  }

  openArbs(filter?: (arb: Arb) => boolean): Arb[] {
    return this.mirror.openArbs(filter);
  }

  async events(): Promise<EventsAnswer> {
    const views = await this.views.views();
    this.lastViews = views;
    return views.flatMap((v) => v.events);
  }

  async odds(query: OddsQuery): Promise<OddsAnswer> {
    const answer = await this.views.odds(query);
    this.lastViews = await this.views.views();
    return answer;
  }

  stats(): {
    events: number;
    quotes: number;
    openArbs: number;
    listings: number;
    flagged: Map<ArbFlag, number>;
  } {
    const arbs = this.mirror.openArbs();
    const flagged = flagCounts(arbs);
    let listings = 0;
    let quotes = 0;
    for (const view of this.lastViews)
      for (const event of view.odds)
        for (const book of Object.values(event.books)) {
          listings += 1;
          for (const market of book.markets)
            quotes += Object.values(market.prices).filter((p) => p !== null).length;
        }
    const events = this.lastViews.reduce((n, v) => n + v.events.length, 0);
    return { events, quotes, openArbs: arbs.length, listings, flagged };
  }

  /** Every engine's review queue: each shard's entries for the events it speaks for, from its view. */
  async reviewAnswer(): Promise<ReviewAnswer['items']> {
    const views = await this.views.views();
    this.lastViews = views;
    return views.flatMap((view) => view.review ?? []);
  }

  /** A person's link, taken by the engine of the target event's shard. */
  async link(book: string, eventId: string, canonicalId: string): Promise<Decided> {
    const shard = shardOfEvent(canonicalId);
    if (shard === undefined) throw new MatchingError('unknown_event', `no event ${canonicalId}`);
    return this.decisions.decide(shard, { op: 'link', book, eventId, canonicalId });
  }

  /** A person's unlink, taken by the engine of the shard whose event holds the listing. */
  async unlink(book: string, eventId: string, canonicalId?: string): Promise<Decided> {
    const views = await this.views.views();
    const holding = views.find((view) =>
      view.events.some((event) => event.members.some((m) => m.book === book && m.eventId === eventId)),
    );
    const shard = holding?.shard ?? (canonicalId === undefined ? undefined : shardOfEvent(canonicalId));
    if (shard === undefined) throw new MatchingError('unknown_listing', `no listing ${book}/${eventId}`);
    return this.decisions.decide(shard, { op: 'unlink', book, eventId, canonicalId });
  }

  /** Nothing goes stale here: the engines sweep their shards. */
  sweep(): void {
    // (the engines sweep; a gateway holds no quotes)
  }

  close(): void {
    // (the mirror and the publisher are closed by the gateway plugin)
  }
}
