// One shard as an engine holds it: the hub's own live state for it (its clock the entry
// being applied while the shard is rebuilt), where in its stream it is, its publications,
// and what it speaks for (routing.ts's owner of each event).
import type { ArbChanges } from '@arbhub/odds';
import type { Arb, Clock, ShardView } from '@arbhub/schema';
import { describeReview } from '../review-view.js';
import type { LiveState } from '../state.js';
import { ownerOf } from './routing.js';
import type { Routing } from './routing.js';
import type { ShardPublisher } from './shard-publisher.js';

export interface ShardStateHooks {
  /** The shard's clock: an entry's own time while it is applied, else now. */
  clock: Clock;
  onChanges: (changes: ArbChanges) => void;
  newEventId: () => string;
}

/** The longest stretch of applying entries before the event loop gets a turn (ms). */
export const SLICE_MS = 20;

export class ShardRun {
  /** The time of the entry being applied; undefined between entries. */
  at: number | undefined;
  replaying = true;
  dropped = false;
  last = '0-0';
  /** Set when the shard is taken: its publications. */
  publisher!: ShardPublisher;
  readonly state: LiveState;

  constructor(
    readonly shard: number,
    make: (hooks: ShardStateHooks) => LiveState,
    now: () => number,
    onChanges: (run: ShardRun, changes: ArbChanges) => void,
  ) {
    let events = 0;
    this.state = make({
      clock: { now: () => this.at ?? now() },
      onChanges: (changes) => {
        onChanges(this, changes);
      },
      newEventId: () => `s${shard.toString()}-ev-${(events += 1).toString()}`,
    });
  }

  /** Whether this shard speaks for the event of `arb` (routing.ts's owner). */
  owns(arb: Arb, routing: Routing): boolean {
    const event = this.state.eventKickoffs(arb.eventId);
    return event !== undefined && ownerOf(event.sport, event.kickoffs, routing) === this.shard;
  }

  /** The events this shard speaks for, their listings and review entries, for the gateways' /events, /odds and /matching/review. */
  view(routing: Routing, at: number): ShardView {
    const owned = new Set<string>();
    const events = this.state.events().filter((event) => {
      const seen = this.state.eventKickoffs(event.id);
      const mine = seen !== undefined && ownerOf(seen.sport, seen.kickoffs, routing) === this.shard;
      if (mine) owned.add(event.id);
      return mine;
    });
    const odds = this.state.odds({}).events.filter((event) => owned.has(event.id));
    const review = this.state
      .review()
      .filter((item) => owned.has(item.placed.id))
      .map(describeReview);
    return { shard: this.shard, at, events, odds, review };
  }
}
