// What the books share: reading a cookie, refusing a request whose session is not good,
// and reading a listing's prices in the book's own orientation (a swapped listing shows
// the away team first).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Listing } from '../world/world.js';
import type { Check } from './sessions.js';

/** A cookie's value from the request's Cookie header. */
export function cookieOf(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/**
 * Answers a data request whose session check failed: 429 with Retry-After when the account
 * is rate limited; otherwise `expired` (by default 401 `{error: 'session_expired', reason}`).
 */
export function refuseSession(
  reply: FastifyReply,
  check: Exclude<Check, { ok: true }>,
  expired: (reply: FastifyReply) => FastifyReply = (r) =>
    r.code(401).send({ error: 'session_expired', reason: check.reason }),
): FastifyReply {
  if (check.reason === 'rate_limited')
    return reply.code(429).header('retry-after', String(check.retryAfterS)).send({ error: 'rate_limited' });
  return expired(reply);
}

/** Text safe to put in HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);
}

/** The world's side for the book's side: a swapped listing's home is the fixture's away. */
export function bookSide(listing: Listing, side: 'home' | 'away'): 'home' | 'away' {
  return listing.swapped ? (side === 'home' ? 'away' : 'home') : side;
}

/** A price of the listing as the book quotes it (world orientation: `side` is the fixture's). */
export function quoteOf(listing: Listing, market: string, period: string, side: string, line?: number) {
  return listing.prices.find(
    (p) =>
      p.market.market === market &&
      p.market.period === period &&
      p.side === side &&
      (line === undefined || p.market.line === line),
  )?.quote;
}

/** The listing's Asian handicap lines (the home team's, as the world keeps them). */
export function handicapLines(listing: Listing): number[] {
  return [...new Set(listing.prices.filter((p) => p.market.market === 'ah').map((p) => p.market.line ?? 0))];
}
