// sbo: modelled on SBOBet. A two-step login page (username, then password) whose
// scripts a real browser must run; odds as paged JSON of field-indexed rows: a header
// ["f", version, [field names]], then records [0, "m" | "o", index, value, ...].
// Handicap lines are strings ("0-0.5", "0.5/1", "1") with the giving team named.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Listing, World } from '../world/world.js';
import { pageHash } from './csport.js';
import type { BookSessions } from './sessions.js';
import { bookSide, cookieOf, escapeHtml, handicapLines, quoteOf, refuseSession, tabPage } from './shared.js';
import type { Tab } from './shared.js';
import type { Clock } from '@arbhub/schema';

/** The fields of every record; a record sets some of them by index. */
export const SBO_FIELDS = [
  'id', // 0: match id
  'league', // 1
  'home', // 2
  'away', // 3
  'kickoff', // 4: ISO time, UTC
  'live', // 5: 1 in play
  'score', // 6: "h-a"
  'market', // 7: "hdp" | "ou" | "1x2"
  'period', // 8: "ft" | "1h"
  'line', // 9: "0-0.5", "0.5/1", "1", "2.5"
  'giver', // 10: "h" | "a" | "" (level) for hdp
  'p1', // 11: home / over price (hk)
  'p2', // 12: away / under price (hk)
  'p3', // 13: draw price (1x2, decimal)
] as const;
const F = Object.fromEntries(SBO_FIELDS.map((name, i) => [name, i])) as Record<
  (typeof SBO_FIELDS)[number],
  number
>;
export const SBO_PAGE_SIZE = 10;
const COOKIE = 'sbo_session';

/** A line as SBO writes it: 0.25 → "0-0.5", 0.75 → "0.5/1", 1 → "1". */
export function sboLine(line: number): string {
  const abs = Math.abs(line);
  const fmt = (x: number) => (Number.isInteger(x) ? x.toFixed(0) : String(x));
  if (Math.abs(Math.round(abs * 4)) % 2 === 1)
    return `${fmt(abs - 0.25)}${abs - 0.25 === Math.floor(abs) ? '-' : '/'}${fmt(abs + 0.25)}`;
  return fmt(abs);
}

const step = (title: string, action: string, field: string, nonce: string, extra = '') => `<!doctype html>
<html><head><meta charset="utf-8"><title>${title}</title></head><body>
<form id="login" method="post" action="${action}">
  ${extra}
  <label>${field === 'username' ? 'Username' : 'Password'} <input name="${field}" id="${field}" ${field === 'password' ? 'type="password"' : ''}></label>
  <input type="hidden" name="nonce" value="${nonce}"><input type="hidden" name="token" id="token">
  <button type="submit" id="next">${field === 'username' ? 'Next' : 'Sign in'}</button>
</form>
<script>
  function h(t){var x=0x811c9dc5;for(var i=0;i<t.length;i++){x^=t.charCodeAt(i);x=Math.imul(x,0x01000193)>>>0;}return ('0000000'+x.toString(16)).slice(-8);}
  document.getElementById('token').value = h('${nonce}:' + screen.width);
</script></body></html>`;

export interface SboDeps {
  world: World;
  sessions: BookSessions;
  accounts: { user: string; password: string }[];
  clock: Clock;
}

export function sboRoutes(app: FastifyInstance, { world, sessions, accounts, clock }: SboDeps): void {
  /** Step-one state: nonce → the username it was given (and when it lapses). */
  const pending = new Map<string, { user?: string; expires: number }>();
  const nonce = (user?: string) => {
    const value = randomBytes(12).toString('hex');
    pending.set(value, { user, expires: clock.now() + 5 * 60_000 });
    return value;
  };
  // The script hashes the nonce with screen.width: a headless browser reports 1280.
  const scripted = (body: Record<string, string | undefined>) => {
    const entry = pending.get(body.nonce ?? '');
    if (!entry || entry.expires < clock.now()) return undefined;
    const widths = [800, 1024, 1280, 1366, 1440, 1536, 1600, 1920, 2560];
    return widths.some((w) => pageHash(`${body.nonce ?? ''}:${String(w)}`) === body.token)
      ? entry
      : undefined;
  };

  /** Step one of the login, with an error above the form when a login went wrong. */
  const stepOne = (error?: string) =>
    step('SBO Login', '/sbo/login/step1', 'username', nonce(), error ? `<p class="error">${error}</p>` : '');
  /** A login step posted without the page's script having run: back to step one. */
  const notScripted = (reply: FastifyReply) =>
    reply.code(403).type('text/html').send(stepOne('Please enable JavaScript.'));

  app.get('/sbo/', (_request, reply) => reply.type('text/html').send(stepOne()));

  app.post('/sbo/login/step1', (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    if (!scripted(body)) return notScripted(reply);
    pending.delete(body.nonce ?? '');
    return reply
      .type('text/html')
      .send(
        step(
          'SBO Login',
          '/sbo/login/step2',
          'password',
          nonce(body.username ?? ''),
          `<p id="who">${escapeHtml(body.username ?? '')}</p>`,
        ),
      );
  });

  app.post('/sbo/login/step2', (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    const entry = scripted(body);
    if (!entry) return notScripted(reply);
    pending.delete(body.nonce ?? '');
    const account = accounts.find((a) => a.user === entry.user && a.password === body.password);
    if (!account) {
      if (entry.user) sessions.statsOf(entry.user).errors += 1;
      return reply.type('text/html').send(stepOne('Wrong username or password.'));
    }
    const token = sessions.login(account.user);
    return reply.header('set-cookie', `${COOKIE}=${token}; Path=/; HttpOnly`).redirect('/sbo/sports', 302);
  });

  app.get('/sbo/sports', (request, reply) => {
    const check = sessions.check(cookieOf(request, COOKIE));
    if (!check.ok) return reply.redirect('/sbo/', 302);
    return reply
      .type('text/html')
      .send(`<!doctype html><html><body><h1 id="sports">Sports - ${check.account}</h1></body></html>`);
  });

  app.get('/sbo/api/odds', (request, reply) => {
    const check = sessions.check(cookieOf(request, COOKIE));
    if (!check.ok) return refuseSession(reply, check);
    const query = request.query as { sport?: string; tab?: string; page?: string };
    if (query.sport !== undefined && query.sport !== 'soccer')
      return { page: 1, pages: 1, rows: [header(world)] };
    const tab = query.tab ?? 'today';
    if (!['live', 'today', 'early'].includes(tab))
      return reply.code(400).send({ error: 'tab must be live, today or early' });
    const now = clock.now();
    const { page, pages, listings } = tabPage(
      world,
      'sbo',
      tab as Tab,
      Number(query.page ?? 1) || 1,
      SBO_PAGE_SIZE,
      now,
    );
    return { page, pages, rows: [header(world), ...listings.flatMap((l) => records(world, l, now))] };
  });
}

export function header(world: World): unknown[] {
  return ['f', world.versions.get('sbo') ?? 1, [...SBO_FIELDS]];
}

function record(kind: 'm' | 'o', values: Partial<Record<(typeof SBO_FIELDS)[number], unknown>>): unknown[] {
  const out: unknown[] = [0, kind];
  for (const [name, value] of Object.entries(values))
    if (value !== undefined && value !== null) out.push(F[name as keyof typeof F], value);
  return out;
}

/** A listing as one match record and its odds records, in the book's orientation. */
export function records(world: World, listing: Listing, now: number): unknown[][] {
  const names = world.names(listing);
  const flip = (side: 'home' | 'away') => bookSide(listing, side);
  const [h, a] = listing.fixture.score;
  const live = world.inPlay(listing.fixture, now);
  const out = [
    record('m', {
      id: listing.eventId,
      league: names.league,
      home: names.home,
      away: names.away,
      kickoff: new Date(listing.kickoff).toISOString(),
      live: live ? 1 : 0,
      score: live ? (listing.swapped ? `${a}-${h}` : `${h}-${a}`) : undefined,
    }),
  ];
  const price = (market: string, period: string, side: string, line?: number) =>
    quoteOf(listing, market, period, side, line);
  for (const line of handicapLines(listing)) {
    const bookLine = listing.swapped ? -line : line;
    out.push(
      record('o', {
        id: listing.eventId,
        market: 'hdp',
        period: 'ft',
        line: sboLine(bookLine),
        giver: bookLine < 0 ? 'h' : bookLine > 0 ? 'a' : '',
        p1: price('ah', 'ft', flip('home'), line)?.native,
        p2: price('ah', 'ft', flip('away'), line)?.native,
      }),
    );
  }
  const total = listing.prices.find((p) => p.market.market === 'ou');
  if (total?.market.line !== undefined) {
    out.push(
      record('o', {
        id: listing.eventId,
        market: 'ou',
        period: 'ft',
        line: sboLine(total.market.line),
        p1: price('ou', 'ft', 'over')?.native,
        p2: price('ou', 'ft', 'under')?.native,
      }),
    );
  }
  for (const period of ['ft', 'ht'] as const) {
    out.push(
      record('o', {
        id: listing.eventId,
        market: '1x2',
        period: period === 'ht' ? '1h' : 'ft',
        p1: price('1x2', period, flip('home'))?.decimal,
        p2: price('1x2', period, flip('away'))?.decimal,
        p3: price('1x2', period, 'draw')?.decimal,
      }),
    );
  }
  return out;
}
