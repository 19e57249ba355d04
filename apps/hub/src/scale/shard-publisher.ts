// One engine shard's publications: the arbitrage changes of the events it speaks for,
// queued as they come and sent to Redis in batches (everything that came in while the
// last batch was on its way, in one round trip), in order, with an arbitrage's updates
// that follow each other folded into the latest. A busy shard so publishes hundreds of
// changes a round trip instead of one, and a planted price does not wait behind a queue
// of updates. Also the reconcile that compares what the shard has with what is published.
import type { ArbChanges } from '@arbhub/odds';
import { arbSchema, check } from '@arbhub/schema';
import type { Arb, ArbCloseReason, Clock } from '@arbhub/schema';
import { arbKey } from './results.js';
import type { ResultAnswer, ResultOp, ResultsWriter } from './results.js';

/** Publications sent in one round trip, at most. */
const BATCH = 1000;

type Queued =
  { kind: 'put'; arb: Arb } | { kind: 'close'; arb: Arb; reason: ArbCloseReason; closedAt: number };

/** A change as it was published: under the id it goes by, as it was told (the history's feed). */
export type Told =
  | { kind: 'open'; arb: Arb }
  | { kind: 'update'; arb: Arb; /** In all, whichever shard told them. */ updates: number }
  | { kind: 'close'; arb: Arb; reason: ArbCloseReason; closedAt: number };

export interface ShardPublisherOptions {
  shard: number;
  writer: ResultsWriter;
  /** Whether this shard speaks for the arbitrage's event. */
  owns: (arb: Arb) => boolean;
  /** Whether publishing is allowed now (the leases confirmed, the shard still held). */
  allowed: () => boolean;
  clock: Clock;
  onPublished: (count: number) => void;
  onError: (error: unknown) => void;
  /** Told each publication that took effect, in order (a close another shard speaks for did not). */
  onTold?: (told: Told) => void;
}

export class ShardPublisher {
  /**
   * The id each arbitrage was published under (by leg-set key), so that one put again after
   * Redis lost its data keeps its id.
   */
  readonly published = new Map<string, { id: string; arb: Arb }>();
  private queue: Queued[] = [];
  /** Where in the queue each key's last put is, while nothing followed it. */
  private readonly putAt = new Map<string, number>();
  private scheduled = false;
  /** Publications in order: one chain per shard. */
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly options: ShardPublisherOptions) {}

  /** Queues what changed: puts of what this shard speaks for, every close (Redis decides whose it is). */
  changed(changes: ArbChanges): void {
    for (const arb of [...changes.opened, ...changes.updated]) {
      if (!this.options.owns(arb)) continue;
      const key = arbKey(arb);
      const at = this.putAt.get(key);
      if (at !== undefined) this.queue[at] = { kind: 'put', arb };
      else {
        this.putAt.set(key, this.queue.length);
        this.queue.push({ kind: 'put', arb });
      }
    }
    for (const { arb, reason, closedAt } of changes.closed) {
      this.putAt.delete(arbKey(arb));
      this.queue.push({ kind: 'close', arb, reason, closedAt });
    }
    if (this.queue.length > 0 && !this.scheduled) {
      this.scheduled = true;
      this.then(async () => {
        this.scheduled = false;
        const queued = this.queue;
        this.queue = [];
        this.putAt.clear();
        // Not allowed now: dropped; the next reconcile after a good beat puts it right.
        if (this.options.allowed()) await this.send(queued);
      });
    }
  }

  /**
   * What this shard speaks for (`open`, read when it runs), against what is published for
   * it: the missing put (all of it with `all`: a shard rebuilt puts the figures of what the
   * last owner published too), the gone closed.
   */
  reconcile(open: () => readonly Arb[], all = false): void {
    this.then(async () => {
      if (!this.options.allowed()) return;
      const { writer, shard } = this.options;
      const publishedNow = await writer.ownedBy(shard);
      const mine = new Map(
        open()
          .filter(this.options.owns)
          .map((arb) => [arbKey(arb), arb]),
      );
      const now = this.options.clock.now();
      const ops: ResultOp[] = [];
      for (const [key, arb] of mine)
        if (all || !publishedNow.has(key))
          ops.push({ kind: 'put', arb, newId: this.published.get(key)?.id ?? arb.id });
      for (const key of publishedNow.keys())
        if (!mine.has(key)) ops.push({ kind: 'close', key, reason: 'odds_moved', closedAt: now });
      // Published here, gone since, and no longer in Redis (it restarted empty while the close
      // could not be told): closed under the id it was published with.
      for (const [key, { id, arb }] of this.published)
        if (!mine.has(key) && !publishedNow.has(key))
          ops.push({ kind: 'close', arb, reason: 'odds_moved', closedAt: now, publishedId: id });
      await this.apply(ops);
    });
  }

  /** Resolves when everything queued so far is sent (or failed). */
  async idle(): Promise<void> {
    for (let chain = this.chain; ; chain = this.chain) {
      await chain;
      if (chain === this.chain) return;
    }
  }

  /** The queued changes as publications: each put under the id its arbitrage has so far in this batch. */
  private async send(queued: readonly Queued[]): Promise<void> {
    const ids = new Map<string, string | undefined>();
    const idOf = (key: string) => (ids.has(key) ? ids.get(key) : this.published.get(key)?.id);
    const ops = queued.map((q): ResultOp => {
      const key = arbKey(q.arb);
      if (q.kind === 'put') {
        const newId = idOf(key) ?? q.arb.id;
        ids.set(key, newId);
        return { kind: 'put', arb: q.arb, newId };
      }
      const publishedId = idOf(key);
      ids.set(key, undefined);
      return { kind: 'close', arb: q.arb, reason: q.reason, closedAt: q.closedAt, publishedId };
    });
    await this.apply(ops);
  }

  private async apply(ops: readonly ResultOp[]): Promise<void> {
    for (let from = 0; from < ops.length; from += BATCH) {
      const batch = ops.slice(from, from + BATCH);
      const answers = await this.options.writer.apply(this.options.shard, batch);
      batch.forEach((op, i) => {
        const key = 'key' in op ? op.key : arbKey(op.arb);
        if (op.kind === 'put') this.published.set(key, { id: answers[i]?.id ?? op.newId, arb: op.arb });
        else this.published.delete(key);
      });
      this.options.onPublished(batch.length);
      if (this.options.onTold)
        batch.forEach((op, i) => {
          this.tell(op, answers[i]);
        });
    }
  }

  /** One publication that took effect, to onTold (an unreadable arbitrage Redis gave back, to onError). */
  private tell(op: ResultOp, answer: ResultAnswer | undefined): void {
    const { onTold, onError } = this.options;
    const id = answer?.id;
    if (!onTold || id === undefined) return;
    if (op.kind === 'put') {
      const arb = { ...op.arb, id };
      onTold(
        answer?.told === 'arb:open'
          ? { kind: 'open', arb }
          : { kind: 'update', arb, updates: answer?.updates ?? 0 },
      );
      return;
    }
    if ('arb' in op) {
      onTold({ kind: 'close', arb: { ...op.arb, id }, reason: op.reason, closedAt: op.closedAt });
      return;
    }
    // A close by key carries no arb: it was closed at the figures Redis had.
    const arb = readArb(answer?.body);
    if (typeof arb !== 'string') onTold({ kind: 'close', arb, reason: op.reason, closedAt: op.closedAt });
    else onError(new Error(`the arbitrage ${id} Redis closed is unreadable: ${arb}`));
  }

  private then(job: () => Promise<void>): void {
    this.chain = this.chain.then(job).catch((err: unknown) => {
      this.options.onError(err); // the next reconcile puts right what did not reach Redis
    });
  }
}

/** The arb JSON Redis gave back, checked; or why it cannot be read. */
function readArb(body: string | undefined): Arb | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body ?? '');
  } catch {
    return 'not JSON';
  }
  const checked = check(arbSchema, parsed);
  return checked.ok ? checked.value : checked.error.message;
}
