// Who may read what: the API token (REST, /stream, the dashboard's data), the metrics
// token, and the dashboard's login sessions. Tokens are compared in constant time; a
// session is a random id with its expiry, in a cookie signed by @fastify/cookie with a key
// derived from API_TOKEN (so a hub restart keeps logins, and a new token ends them all);
// a logout is kept until the session would have expired (revocations.ts: shared through
// Redis when the hub has it).
import { hkdfSync, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { bearerToken as bearer, tokenMatches } from './auth.js';
import { MemoryRevocations } from './revocations.js';
import type { Revocations } from './revocations.js';

/** What a route needs: nothing, the API token, the API token or `?token=` (/stream), the metrics token, or the worker token (/ws checks its own). */
export type Access = 'public' | 'api' | 'stream' | 'metrics' | 'worker';

/** The dashboard's session cookie. */
export const SESSION_COOKIE = 'arbhub_session';

export interface AccessOptions {
  apiToken: string | undefined;
  metricsToken: string | undefined;
  sessionTtlMs: number;
  clock: { now(): number };
  /** Where logged-out sessions are kept (default: this process's memory). */
  revocations?: Revocations;
}

/**
 * The hub's access rules. With no API_TOKEN everything is open (a local hub); with
 * one, every route but the public ones needs it, as a bearer token or a login session.
 */
export class AccessControl {
  /** Logged-out sessions, until they would have expired anyway. */
  readonly revocations: Revocations;

  constructor(private readonly options: AccessOptions) {
    this.revocations = options.revocations ?? new MemoryRevocations(options.clock);
  }

  /** True when the API needs a token (API_TOKEN is set). */
  get required(): boolean {
    return this.options.apiToken !== undefined;
  }

  /** The key the session cookies are signed with: derived from API_TOKEN, or random when there is none. */
  cookieSecret(): Buffer {
    const { apiToken } = this.options;
    if (!apiToken) return randomBytes(32);
    return Buffer.from(hkdfSync('sha256', apiToken, 'arbhub', 'dashboard session cookie', 32));
  }

  /** Whether `request` may use a route that needs `access`. */
  allows(access: Access, request: FastifyRequest): boolean {
    const { apiToken, metricsToken } = this.options;
    if (access === 'public' || access === 'worker') return true;
    if (access === 'metrics') {
      if (!apiToken && !metricsToken) return true;
      const presented = bearer(request);
      if (metricsToken && tokenMatches(presented, metricsToken)) return true;
      return apiToken !== undefined && (tokenMatches(presented, apiToken) || this.hasSession(request));
    }
    if (!apiToken) return true;
    if (tokenMatches(bearer(request), apiToken)) return true;
    if (access === 'stream') {
      const query = request.query as { token?: unknown } | undefined;
      if (typeof query?.token === 'string' && tokenMatches(query.token, apiToken)) return true;
    }
    return this.hasSession(request);
  }

  /** Whether the token typed on the login page is the API token. */
  tokenIsRight(token: unknown): boolean {
    const { apiToken } = this.options;
    return apiToken !== undefined && typeof token === 'string' && tokenMatches(token, apiToken);
  }

  /** A new session's cookie value (signed by the caller) and how long it lasts. */
  newSession(): { value: string; maxAgeS: number } {
    const expiresAt = this.options.clock.now() + this.options.sessionTtlMs;
    return {
      value: `${expiresAt.toString()}.${randomBytes(24).toString('base64url')}`,
      maxAgeS: Math.floor(this.options.sessionTtlMs / 1000),
    };
  }

  /** Ends the session of `request`, if it has one. */
  endSession(request: FastifyRequest): void {
    const value = this.sessionOf(request);
    if (value === undefined) return;
    this.revocations.revoke(value, Number(value.split('.')[0]));
  }

  /**
   * The session `request` is let in by when nothing else lets it in (no API token by
   * header or `?token=`), with its expiry: a /stream opened so ends when it does.
   */
  onlySession(request: FastifyRequest): { value: string; expiresAt: number } | undefined {
    const { apiToken } = this.options;
    if (!apiToken || tokenMatches(bearer(request), apiToken)) return undefined;
    const query = request.query as { token?: unknown } | undefined;
    if (typeof query?.token === 'string' && tokenMatches(query.token, apiToken)) return undefined;
    const value = this.sessionOf(request);
    return value === undefined ? undefined : { value, expiresAt: Number(value.split('.')[0]) };
  }

  /** True when `request` carries a signed, unexpired session that was not logged out. */
  hasSession(request: FastifyRequest): boolean {
    return this.sessionOf(request) !== undefined;
  }

  private sessionOf(request: FastifyRequest): string | undefined {
    const raw = request.cookies[SESSION_COOKIE];
    if (!raw) return undefined;
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid) return undefined;
    const value = unsigned.value;
    const expiresAt = Number(value.split('.')[0]);
    const now = this.options.clock.now();
    if (!Number.isFinite(expiresAt) || expiresAt <= now) return undefined;
    return this.revocations.has(value) ? undefined : value;
  }
}
