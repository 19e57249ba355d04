// What one process keeps for when the store is down: the last session it saw per
// account, used as the fallback, and which of those it kept using through an outage (so
// that a store that comes back without them gets them back instead of a new login).
import type { Logger, StoredSession } from '@arbhub/schema';
import { StoreUnavailableError } from './errors.js';
import type { Keys, SessionKey } from './keys.js';

export class OutageCache {
  private readonly lastSeen = new Map<string, StoredSession>();
  private readonly heldThroughOutage = new Set<string>();
  private down = false;

  constructor(
    private readonly storeKind: string,
    private readonly logger: Logger,
  ) {}

  /** The store answered: sharing resumes (said once per outage). */
  reachable(): void {
    if (this.down)
      this.logger.info({ store: this.storeKind }, 'session store reachable again; sharing resumes');
    this.down = false;
  }

  /** The store failed: warns once per outage. */
  unreachable(key: SessionKey, err: unknown, message: string): void {
    if (!this.down)
      this.logger.warn(
        { book: key.book, account: key.account, store: this.storeKind, err: describeError(err) },
        message,
      );
    this.down = true;
  }

  /** The store failed: the last session this process holds, or a StoreUnavailableError. */
  fallback(keys: Keys, key: SessionKey, err: unknown): StoredSession {
    this.unreachable(key, err, 'session store unreachable; using the last session this process holds');
    const session = this.lastSeen.get(keys.session);
    if (session) {
      this.heldThroughOutage.add(keys.session);
      return session;
    }
    throw new StoreUnavailableError(
      `the session store (${this.storeKind}) is unreachable and this process holds no session for ${key.book}/${key.account}`,
    );
  }

  /** A session read from the store (or made here): the fallback from now on. */
  seen(keys: Keys, session: StoredSession, fromStore: boolean): void {
    if (fromStore) this.heldThroughOutage.delete(keys.session);
    this.lastSeen.set(keys.session, session);
  }

  /** The book refused `session`: it is no fallback any more. */
  forget(keys: Keys, session: StoredSession): void {
    if (this.lastSeen.get(keys.session)?.id === session.id) this.lastSeen.delete(keys.session);
  }

  /** The session this process used all through an outage, once (then it is no longer held). */
  takeHeld(keys: Keys): StoredSession | undefined {
    const held = this.heldThroughOutage.has(keys.session) ? this.lastSeen.get(keys.session) : undefined;
    this.heldThroughOutage.delete(keys.session);
    return held;
  }
}

/** An error for a log line: its name and message, never the values it may carry. */
export function describeError(err: unknown): { name: string; message: string } {
  return err instanceof Error
    ? { name: err.name, message: err.message }
    : { name: 'Error', message: String(err) };
}
