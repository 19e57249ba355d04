// Failed logins back off, for every worker of the account at once: the count and the
// next allowed try are kept in the store beside the session.
import type { Clock } from '@arbhub/schema';
import { LoginBackoffError } from './errors.js';
import type { Keys, SessionKey } from './keys.js';
import type { SessionStore } from './store.js';

interface Failures {
  count: number;
  retryAt: number;
}

export interface BackoffSettings {
  /** The first wait after a failure (default 5 s); it doubles up to `maxMs` (default 5 min). */
  baseMs?: number | undefined;
  maxMs?: number | undefined;
}

export class LoginBackoff {
  private readonly baseMs: number;
  private readonly maxMs: number;

  constructor(
    private readonly store: SessionStore,
    settings: BackoffSettings,
    private readonly clock: Clock,
    private readonly random: () => number,
  ) {
    this.baseMs = settings.baseMs ?? 5_000;
    this.maxMs = settings.maxMs ?? 5 * 60_000;
  }

  /** Throws a LoginBackoffError while the account's last logins failed and the wait is not over. */
  async check(keys: Keys, key: SessionKey): Promise<void> {
    const failures = parseFailures(await this.store.get(keys.failures));
    if (!failures) return;
    const now = this.clock.now();
    if (now < failures.retryAt) {
      throw new LoginBackoffError(
        `logins for ${key.book}/${key.account} failed ${failures.count} time(s) in a row; the next try is in ${Math.ceil((failures.retryAt - now) / 1000)} s`,
        failures.retryAt,
        failures.count,
      );
    }
  }

  /** Counts one more failure and works out the next try: doubling, with ±25% jitter. */
  async failed(keys: Keys): Promise<Failures> {
    const previous = parseFailures(await this.store.get(keys.failures).catch(() => null));
    const count = (previous?.count ?? 0) + 1;
    const delay = Math.min(this.baseMs * 2 ** (count - 1), this.maxMs) * (0.75 + 0.5 * this.random());
    const record: Failures = { count, retryAt: this.clock.now() + delay };
    await this.store.set(keys.failures, JSON.stringify(record), delay + this.maxMs).catch(() => undefined);
    return record;
  }

  /** A login worked: the count starts again. */
  async succeeded(keys: Keys): Promise<void> {
    await this.store.delete(keys.failures);
  }
}

/** A failure record, or undefined when there is none or it is unreadable. */
function parseFailures(raw: string | null): Failures | undefined {
  if (raw === null) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<Failures>;
    return typeof value.count === 'number' && typeof value.retryAt === 'number'
      ? { count: value.count, retryAt: value.retryAt }
      : undefined;
  } catch {
    return undefined; // unreadable: as if there were none
  }
}
