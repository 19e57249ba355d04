// Book login sessions as real books keep them: a session dies after its TTL; an account
// has one live session (a new login throws the older out, as Asian books do); each
// session has a request budget per window. The counts feed /truth/stats.
import { randomBytes } from 'node:crypto';
import type { Clock, TruthAccountStats } from '@arbhub/schema';
import type { BookId } from '../world/teams.js';

/** One account's counts, as /truth/stats shows them. */
export type AccountStats = TruthAccountStats;

export type Check =
  | { ok: true; account: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'kicked' }
  | { ok: false; reason: 'rate_limited'; retryAfterS: number };

interface Session {
  token: string;
  account: string;
  expiresAt: number;
  window: { start: number; count: number };
}

export interface SessionOptions {
  ttlMs: number;
  /** Requests per session per 10 s window before 429. */
  rateLimit: number;
  clock: Clock;
}

const WINDOW_MS = 10_000;

export class BookSessions {
  private readonly byToken = new Map<string, Session>();
  private readonly live = new Map<string, string>(); // account → its live token
  private readonly ended = new Map<string, 'expired' | 'kicked'>();
  readonly stats = new Map<string, AccountStats>();

  constructor(
    readonly book: BookId,
    private readonly options: SessionOptions,
  ) {}

  statsOf(account: string): AccountStats {
    let stats = this.stats.get(account);
    if (!stats)
      this.stats.set(account, (stats = { logins: 0, kicked: 0, requests: 0, rateLimited: 0, errors: 0 }));
    return stats;
  }

  /** A new session for the account; its older one, if any, is thrown out. */
  login(account: string): string {
    const old = this.live.get(account);
    if (old && this.byToken.delete(old)) {
      this.ended.set(old, 'kicked');
      this.statsOf(account).kicked += 1;
    }
    const token = randomBytes(18).toString('base64url');
    this.byToken.set(token, {
      token,
      account,
      expiresAt: this.options.clock.now() + this.options.ttlMs,
      window: { start: 0, count: 0 },
    });
    this.live.set(account, token);
    this.statsOf(account).logins += 1;
    return token;
  }

  /** Whether a request with this session token may proceed, counting it. */
  check(token: string | undefined): Check {
    const session = token ? this.byToken.get(token) : undefined;
    if (!session) return { ok: false, reason: (token ? this.ended.get(token) : undefined) ?? 'unknown' };
    const now = this.options.clock.now();
    if (now >= session.expiresAt) {
      this.byToken.delete(session.token);
      this.ended.set(session.token, 'expired');
      return { ok: false, reason: 'expired' };
    }
    const stats = this.statsOf(session.account);
    stats.requests += 1;
    if (now - session.window.start >= WINDOW_MS) session.window = { start: now, count: 0 };
    session.window.count += 1;
    if (session.window.count > this.options.rateLimit) {
      stats.rateLimited += 1;
      return {
        ok: false,
        reason: 'rate_limited',
        retryAfterS: Math.ceil((session.window.start + WINDOW_MS - now) / 1000),
      };
    }
    return { ok: true, account: session.account };
  }

  /** Every session dies now (the expire_sessions fault). */
  expireAll(): void {
    for (const token of this.byToken.keys()) this.ended.set(token, 'expired');
    this.byToken.clear();
    this.live.clear();
  }
}
