// How the live state's arbitrage changes reach their listener: a worker message's
// changes together, once; an open arbitrage's deferred figures (STREAM_UPDATE_MS) one
// interval later; the once-a-second flag pass. The last two run in slices between
// worker messages, so that a board of thousands of moving arbitrages never holds up the
// next message.
import type { ArbChanges, ArbEngine } from '@arbhub/odds';
import type { Arb } from '@arbhub/schema';

/** How many deferred updates are told, or flags worked out, in one turn of the event loop. */
export const SLICE = 200;

type Job = 'flush' | 'reflag';

export class ChangeReporter {
  /** While a message is applied: its changes, told together at its end. */
  private batched: ArbChanges | undefined;
  private readonly timers = new Map<Job, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly engine: ArbEngine,
    private readonly listener: (changes: ArbChanges) => void,
    /** The engine's updateEveryMs: when deferred figures are due. */
    private readonly updateEveryMs: number,
  ) {}

  /** Runs `work`; the changes told meanwhile reach the listener once, together, at its end. */
  batch<T>(work: () => T): T {
    if (this.batched) return work(); // (a batch never nests; kept safe anyway)
    this.batched = { opened: [], updated: [], closed: [] };
    try {
      return work();
    } finally {
      const changes = this.batched;
      this.batched = undefined;
      this.tell(collapse(changes));
    }
  }

  /** Changes the engine made: told now, or at the end of the batch under way. */
  tell(changes: ArbChanges): void {
    this.scheduleFlush();
    if (changes.opened.length + changes.updated.length + changes.closed.length === 0) return;
    if (!this.batched) {
      this.listener(changes);
      return;
    }
    this.batched.opened.push(...changes.opened);
    this.batched.updated.push(...changes.updated);
    this.batched.closed.push(...changes.closed);
  }

  /** Starts a pass over every open arbitrage's flags, in slices, unless one is under way. */
  reflag(): void {
    if (this.engine.reflagging) return;
    this.inSlices(
      'reflag',
      () => this.engine.reflag(SLICE),
      () => this.engine.reflagging,
    );
  }

  /** Stops the timers (the hub is closing). */
  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Deferred figures wait: tell them one interval from now. */
  private scheduleFlush(): void {
    if (this.timers.has('flush') || !this.engine.hasDeferred) return;
    // An arbitrage is deferred only when it was told less than an interval ago: its figures
    // are due within one interval from now.
    this.later(
      'flush',
      () => {
        this.inSlices(
          'flush',
          () => this.engine.takeUpdated(SLICE),
          () => this.engine.hasDeferred,
        );
      },
      this.updateEveryMs,
    );
  }

  /** Does `slice` until `more` says it is done, yielding to the loop between slices. */
  private inSlices(job: Job, slice: () => ArbChanges, more: () => boolean): void {
    const changes = slice();
    if (more())
      this.later(
        job,
        () => {
          this.inSlices(job, slice, more);
        },
        0,
      );
    this.tell(changes);
  }

  private later(job: Job, run: () => void, ms: number): void {
    this.timers.set(
      job,
      setTimeout(() => {
        this.timers.delete(job);
        run();
      }, ms),
    );
  }
}

/**
 * One message's changes as a listener should hear them: each arbitrage once per kind,
 * at its latest state. An arbitrage opened and then updated is heard opened at its latest
 * figures; updated twice, once. Opens come first and closes last, as for a single change.
 */
function collapse(changes: ArbChanges): ArbChanges {
  if (changes.updated.length === 0) return changes;
  const latest = new Map<string, Arb>();
  for (const arb of changes.updated) latest.set(arb.id, arb);
  const opened = changes.opened.map((arb) => {
    const later = latest.get(arb.id);
    latest.delete(arb.id);
    return later ?? arb;
  });
  return { opened, updated: [...latest.values()], closed: changes.closed };
}
