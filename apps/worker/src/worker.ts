// The generic worker: one loop for every book. Get the session (shared through
// @arbhub/session: one login per account), poll the adapter for the assigned partitions,
// send the hub a snapshot and then deltas; when the book refuses the session, invalidate
// it (compare-and-delete) and get it again; when the book fails, back off and keep going.
import type { Clock, Logger, LoginResult, Match, WorkerMessageInput, WorkerState } from '@arbhub/schema';
import type { Session, SessionManager } from '@arbhub/session';
import type { BookAdapter, PollResult } from './books/types.js';
import { diffMatches, partitionOf } from './diff.js';
import { SessionRejectedError } from './errors.js';
import type { HubLink } from './hub-link.js';

export interface WorkerDeps {
  workerId: string;
  account: string;
  adapter: BookAdapter;
  /** The shared sessions; books without a login (pin) need none. */
  sessions?: SessionManager;
  /** Logs in through a browser (launched for it and closed after). */
  login: () => Promise<LoginResult>;
  hub: HubLink;
  pollMs: number;
  logger: Logger;
  clock?: Clock;
  /** Matches per message: a large snapshot goes as a snapshot of the first chunk and deltas for the rest. */
  chunk?: number;
  /**
   * Each partition goes in full this often, unchanged prices included: the hub ages a price
   * from when it was last sent (STALE_AFTER_MS), and a price that holds still is still live.
   */
  refreshMs: number;
}

/** Consecutive failures back the poll off from pollMs, doubling up to this. */
const MAX_BACKOFF_MS = 30_000;

export class Worker {
  assigned: string[] = [];
  state: WorkerState = 'login';
  /** Polls, errors and skipped rows, for status and tests. */
  readonly counts = { polls: 0, errors: 0, skipped: 0, relogins: 0, sent: 0 };
  /** What the last state change was about (an error message, or empty). */
  detail = '';
  private readonly sent = new Map<string, Map<string, Match>>();
  private readonly snapshotAt = new Map<string, number>();
  private last: PollResult | undefined;
  private session: Session | undefined;
  private failures = 0;
  private running = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private readonly clock: Clock;

  constructor(private readonly deps: WorkerDeps) {
    this.clock = deps.clock ?? Date;
  }

  /** The hub (re)registered us: everything goes again as snapshots. */
  onRegistered(partitions: string[]): void {
    this.sent.clear();
    this.assigned = partitions;
    this.deps.hub.send(this.statusMessage());
    this.publish();
    this.poke();
  }

  onAssign(partitions: string[]): void {
    for (const partition of this.sent.keys())
      if (!partitions.includes(partition)) this.sent.delete(partition);
    this.assigned = partitions;
    this.publish();
    this.poke();
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.poke();
    await this.loop;
    await this.deps.adapter.close();
  }

  /** Read through a method: stop() changes it while the loop awaits. */
  private isRunning(): boolean {
    return this.running;
  }

  private poke(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.isRunning()) {
      const started = this.clock.now();
      if (this.assigned.length > 0) await this.pollOnce();
      const backoff = this.failures > 0 ? Math.min(MAX_BACKOFF_MS, this.deps.pollMs * 2 ** this.failures) : 0;
      const wait = Math.max(backoff, this.deps.pollMs - (this.clock.now() - started));
      if (!this.isRunning()) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  private async pollOnce(): Promise<void> {
    const { adapter, sessions, logger, workerId, account } = this.deps;
    const key = { book: adapter.book, account };
    try {
      if (adapter.needsLogin && sessions) {
        this.session = await sessions.get(key, async () => {
          this.setState('login', 'logging in');
          return this.deps.login();
        });
      }
      const result = await adapter.poll(
        this.session ? { cookies: this.session.cookies } : undefined,
        this.assigned,
      );
      this.counts.polls += 1;
      this.failures = 0;
      this.last = result;
      if (result.skipped > 0) {
        this.counts.skipped += result.skipped;
        logger.warn(
          { workerId, skipped: result.skipped, problems: result.problems },
          'skipped rows the worker could not read',
        );
      }
      this.setState('ok', '');
      this.publish();
    } catch (error) {
      const message = (error as Error).message;
      if (error instanceof SessionRejectedError && this.session && sessions) {
        // Only this session goes: a newer one another worker stored is kept (compare-and-delete).
        this.counts.relogins += 1;
        await sessions.invalidate(key, this.session).catch(() => false);
        this.session = undefined;
        adapter.reset();
        this.setState('login', message);
        logger.info({ workerId, book: adapter.book }, 'the book refused the session: getting it again');
        this.poke();
        return;
      }
      this.counts.errors += 1;
      this.failures += 1;
      // Rate limited (the next request waits as Retry-After said), a login backing off, the
      // session store away, or the book failing: all degrade, none stops the loop.
      this.setState('degraded', message);
      logger.warn({ workerId, book: adapter.book, error: message }, 'poll failed; backing off');
    }
  }

  private setState(state: WorkerState, detail: string): void {
    if (state === this.state && detail === this.detail) return;
    this.state = state;
    this.detail = detail;
    this.deps.hub.send(this.statusMessage());
  }

  private statusMessage(): WorkerMessageInput {
    return {
      type: 'worker:status',
      workerId: this.deps.workerId,
      state: this.state,
      ...(this.detail ? { detail: this.detail.slice(0, 500) } : {}),
    };
  }

  /** Sends the latest poll for each assigned partition: a snapshot the first time, then only what changed. */
  private publish(): void {
    const result = this.last;
    if (!result || !this.deps.hub.connected) return;
    const now = this.clock.now();
    const byPartition = new Map<string, Map<string, Match>>(this.assigned.map((p) => [p, new Map()]));
    for (const match of result.matches) {
      const partition = result.partitionOf?.get(match.eventId) ?? partitionOf(match, now);
      byPartition.get(partition)?.set(match.eventId, match);
    }
    for (const [partition, current] of byPartition) {
      const before = this.sent.get(partition);
      const refresh = now - (this.snapshotAt.get(partition) ?? -Infinity) >= this.deps.refreshMs;
      const ok =
        before && !refresh
          ? this.sendDelta(partition, diffMatches(before, current))
          : this.sendChunks(partition, 'snapshot', [...current.values()], []);
      if (ok && (!before || refresh)) this.snapshotAt.set(partition, now);
      // A message the hub did not get: that partition goes again in full later.
      if (ok) this.sent.set(partition, current);
      else this.sent.delete(partition);
    }
  }

  private sendDelta(partition: string, delta: { matches: Match[]; removed: string[] }): boolean {
    if (delta.matches.length === 0 && delta.removed.length === 0) return true;
    return this.sendChunks(partition, 'delta', delta.matches, delta.removed);
  }

  private sendChunks(
    partition: string,
    mode: 'snapshot' | 'delta',
    matches: Match[],
    removed: string[],
  ): boolean {
    const size = this.deps.chunk ?? 500;
    for (let i = 0; i === 0 || i < matches.length; i += size) {
      const ok = this.deps.hub.send({
        type: 'odds:update',
        workerId: this.deps.workerId,
        book: this.deps.adapter.book,
        ts: this.clock.now(),
        mode: i === 0 ? mode : 'delta',
        partition,
        matches: matches.slice(i, i + size),
        removed: i === 0 ? removed : [],
      });
      if (!ok) return false;
      this.counts.sent += 1;
    }
    return true;
  }
}
