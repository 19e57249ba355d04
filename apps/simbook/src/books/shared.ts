// What the books share: reading a cookie, refusing a request whose session is not good,
// and reading a listing's prices in the book's own orientation (a swapped listing shows
// the away team first).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Listing, World } from '../world/world.js';
import type { BookId } from '../world/teams.js';
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

/** The tabs Asian books page their fixtures by: in play, kick-off within 24 h, later. */
export type Tab = 'live' | 'today' | 'early';

/**
 * Page `asked` (from 1; out of range is clamped) of the listings a book shows in a tab,
 * by kick-off: the page, how many pages there are, and its listings.
 */
export function tabPage(
  world: World,
  book: BookId,
  tab: Tab,
  asked: number,
  size: number,
  now: number,
): { page: number; pages: number; listings: Listing[] } {
  const inTab = (l: Listing) => {
    const live = world.inPlay(l.fixture, now);
    if (tab === 'live') return live;
    if (live) return false;
    return tab === 'today' ? l.kickoff - now < 24 * 3_600_000 : l.kickoff - now >= 24 * 3_600_000;
  };
  const listings = world
    .listed(book)
    .filter(inTab)
    .sort((a, b) => a.kickoff - b.kickoff || a.eventId.localeCompare(b.eventId));
  const pages = Math.max(1, Math.ceil(listings.length / size));
  const page = Math.min(pages, Math.max(1, Number.isFinite(asked) ? Math.floor(asked) : 1));
  return { page, pages, listings: listings.slice((page - 1) * size, page * size) };
}
