// The BetLight platform, CMD368's sportsbook, which operators such as QQ188 run under
// their own name (C-Sport): a login only a real browser completes, then odds by form
// POST to DataOdds.ashx as rows of 91 positional values. Two operators are simulated:
// `csport` (QQ188 C-Sport: a script token and cookie, malay) and `cmd` (CMD368's own
// site: a drawn validation code, indo). Each has its own login, accounts, margins,
// spellings and odds format; the feed is the platform's, the same for both.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { World, Listing, Price } from '../world/world.js';
import { HISTORY_VERSIONS } from '../world/world.js';
import type { BookSessions } from './sessions.js';
import { bookSide, cookieOf, handicapLines, refuseSession } from './shared.js';
import type { Clock } from '@arbhub/schema';

/** The page script's hash (FNV-1a, hex): the server checks what the browser computed. */
export function pageHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** Positions of a row (91 values). 0-56 as the real feed has them; the rest documented in the README. */
export const CSPORT_ROW = {
  matchId: 0,
  ftHandicapLine: 10,
  ftHandicapGiver: 11, // added: 1 home gives, 2 away gives, 0 level
  altHandicapLine: 12, // added: the second handicap line
  altHandicapGiver: 13, // added
  ft1x2Home: 17,
  ft1x2Away: 18,
  ft1x2Draw: 19,
  ht1x2Home: 20,
  ht1x2Away: 21,
  ht1x2Draw: 22,
  league: 37,
  home: 38,
  away: 39,
  ftHandicapHome: 40,
  ftHandicapAway: 41,
  altHandicapHome: 42, // added
  altHandicapAway: 43, // added
  ftTotalLine: 44, // added
  ftOver: 45, // added
  ftUnder: 46, // added
  kickoffTime: 53, // HH:mm in the book's zone (GMT+8)
  kickoffDate: 56, // MM/DD in the book's zone, no year
  inPlay: 57, // added: 1 in play
  homeScore: 58, // added
  awayScore: 59, // added
  minute: 60, // added
} as const;
export const CSPORT_ROW_LENGTH = 91;
const ZONE_MS = 8 * 3_600_000;

const csportLogin = (nonce: string, error = '') => `<!doctype html>
<html><head><meta charset="utf-8"><title>C-Sport Login</title></head>
<body>
<form id="login" method="post" action="/csport/Member/Login">
  ${error ? `<p class="error">${error}</p>` : ''}
  <label>Username <input name="username" id="username" autocomplete="username"></label>
  <label>Password <input name="password" id="password" type="password" autocomplete="current-password"></label>
  <input type="hidden" name="nonce" value="${nonce}">
  <input type="hidden" name="token" id="token" value="">
  <button type="submit" id="submit">Login</button>
</form>
<script>
  // The book's anti-bot check: only a browser that runs this script can log in.
  function h(t){var x=0x811c9dc5;for(var i=0;i<t.length;i++){x^=t.charCodeAt(i);x=Math.imul(x,0x01000193)>>>0;}return ('0000000'+x.toString(16)).slice(-8);}
  document.getElementById('token').value = h('${nonce}' + navigator.userAgent.length);
  document.cookie = 'cs_js=' + h('${nonce}:cookie') + '; path=/';
</script>
</body></html>`;

/**
 * CMD368's own login: ASP.NET field names and a four-digit code that the page's script
 * draws (a person reads it off the page and types it); the code is the nonce hashed, so
 * only a browser that ran the script knows it.
 */
const cmdLogin = (nonce: string, error = '') => `<!doctype html>
<html><head><meta charset="utf-8"><title>CMD368 - Sign In</title></head>
<body>
<form id="frmLogin" method="post" action="/cmd/Member/Login">
  ${error ? `<div class="error">${error}</div>` : ''}
  <input name="txtUserName" id="txtUserName" placeholder="Username" autocomplete="username">
  <input name="txtPassword" id="txtPassword" type="password" placeholder="Password" autocomplete="current-password">
  <span id="vcode" aria-label="validation code"></span>
  <input name="txtCode" id="txtCode" placeholder="Code" inputmode="numeric">
  <input type="hidden" name="nonce" value="${nonce}">
  <button type="submit" id="btnLogin">Sign In</button>
</form>
<script>
  function h(t){var x=0x811c9dc5;for(var i=0;i<t.length;i++){x^=t.charCodeAt(i);x=Math.imul(x,0x01000193)>>>0;}return ('0000000'+x.toString(16)).slice(-8);}
  document.getElementById('vcode').textContent = ('000' + (parseInt(h('${nonce}:code'), 16) % 10000)).slice(-4);
</script>
</body></html>`;

/** The code CMD368's login page shows for a nonce (what its script draws). */
export function cmdCode(nonce: string): string {
  return String(parseInt(pageHash(`${nonce}:code`), 16) % 10000).padStart(4, '0');
}

/** One operator of the BetLight platform: its site under `/<book>/`, login page, cookie and odds format. */
export interface BetlightOperator {
  book: 'csport' | 'cmd';
  /** The `m_accType` its feed serves: MY malay (csport), ID indo (cmd). */
  accType: 'MY' | 'ID';
  cookie: string;
  /** The login page for a nonce, with an error above the form. */
  loginPage(nonce: string, error?: string): string;
  /** Whether a posted login form is one the page's script completed. */
  scripted(body: Record<string, string | undefined>, request: FastifyRequest, nonce: string): boolean;
  /** The posted username and password (each site names its fields). */
  credentials(body: Record<string, string | undefined>): { user?: string; password?: string };
}

export const CSPORT_OPERATOR: BetlightOperator = {
  book: 'csport',
  accType: 'MY',
  cookie: 'ASP.NET_SessionId',
  loginPage: csportLogin,
  scripted: (body, request, nonce) => {
    const agent = request.headers['user-agent'] ?? '';
    return (
      body.token === pageHash(nonce + String(agent.length)) &&
      cookieOf(request, 'cs_js') === pageHash(`${nonce}:cookie`)
    );
  },
  credentials: (body) => ({ user: body.username ?? '', password: body.password ?? '' }),
};

export const CMD_OPERATOR: BetlightOperator = {
  book: 'cmd',
  accType: 'ID',
  cookie: 'CMD_SessionId',
  loginPage: cmdLogin,
  scripted: (body, _request, nonce) => body.txtCode === cmdCode(nonce),
  credentials: (body) => ({ user: body.txtUserName ?? '', password: body.txtPassword ?? '' }),
};

export interface CsportDeps {
  world: World;
  sessions: BookSessions;
  accounts: { user: string; password: string }[];
  clock: Clock;
}

/** One BetLight operator's site under `/<book>/`: its login, its member page, the platform's feed. */
export function betlightRoutes(
  app: FastifyInstance,
  { world, sessions, accounts, clock }: CsportDeps,
  operator: BetlightOperator,
): void {
  const { book, cookie } = operator;
  const nonces = new Map<string, number>();
  const newNonce = () => {
    const nonce = randomBytes(12).toString('hex');
    nonces.set(nonce, clock.now() + 10 * 60_000);
    return nonce;
  };
  const page = (error?: string) => operator.loginPage(newNonce(), error);
  const toLogin = (reply: FastifyReply) => reply.redirect(`/${book}/`, 302);

  app.get(`/${book}/`, (request, reply) => {
    const check = sessions.check(cookieOf(request, cookie));
    if (check.ok) return reply.redirect(`/${book}/Member/BetsView`, 302);
    return reply.type('text/html').send(page());
  });

  app.post(`/${book}/Member/Login`, (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    const nonce = body.nonce ?? '';
    const expires = nonces.get(nonce);
    if (expires === undefined || expires <= clock.now() || !operator.scripted(body, request, nonce))
      return reply.code(403).type('text/html').send(page('Browser check failed. Please enable JavaScript.'));
    nonces.delete(nonce);
    const { user, password } = operator.credentials(body);
    const account = accounts.find((a) => a.user === user && a.password === password);
    if (!account) {
      if (user) sessions.statsOf(user).errors += 1;
      return reply.code(200).type('text/html').send(page('Invalid username or password.'));
    }
    const token = sessions.login(account.user);
    return reply
      .header('set-cookie', `${cookie}=${token}; Path=/; HttpOnly`)
      .redirect(`/${book}/Member/BetsView`, 302);
  });

  app.get(`/${book}/Member/BetsView`, (request, reply) => {
    const check = sessions.check(cookieOf(request, cookie));
    if (!check.ok)
      return check.reason === 'rate_limited'
        ? reply.code(429).header('retry-after', String(check.retryAfterS)).send()
        : toLogin(reply);
    return reply
      .type('text/html')
      .send(`<!doctype html><html><body><h1 id="member">Welcome ${check.account}</h1></body></html>`);
  });

  app.post(`/${book}/Member/BetsView/BetLight/DataOdds.ashx`, (request, reply) => {
    const check = sessions.check(cookieOf(request, cookie));
    if (!check.ok) return refuseSession(reply, check, toLogin);
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    if (body.m_accType !== undefined && body.m_accType !== operator.accType)
      return reply.code(400).send({ error: `only m_accType=${operator.accType} is served` });
    const version = world.versions.get(book) ?? 1;
    const full = body.fc === '1' || body.t === undefined || body.t === '';
    const since = Number(body.t);
    if (!full && (!Number.isInteger(since) || since < version - HISTORY_VERSIONS))
      return { t: version, a: false, data: [] };
    const listings = world.listings.get(book) ?? [];
    const rows = listings
      .filter((l) => l.removedAt === undefined && (full || l.changedAt > since))
      .map((l) => rowOf(world, l, clock.now()));
    const now = clock.now();
    const inPlay = (row: unknown[]) => row[CSPORT_ROW.inPlay] === 1;
    return {
      t: version,
      a: true,
      data: rows.filter(inPlay),
      today: rows.filter((row) => !inPlay(row)),
      f: full
        ? []
        : listings.filter((l) => l.removedAt !== undefined && l.removedAt > since).map((l) => l.eventId),
      serverTime: now,
    };
  });
}

/** One listing as a BetLight row: 91 values, most of them null, as the real feed sends them. */
export function rowOf(world: World, listing: Listing, now: number): unknown[] {
  const row = new Array<unknown>(CSPORT_ROW_LENGTH).fill(null);
  const names = world.names(listing);
  const price = (pick: (p: Price) => boolean) => listing.prices.find(pick)?.quote.native ?? null;
  // The book's own orientation: a swapped listing shows the away team first.
  const sideFor = (side: 'home' | 'away') => bookSide(listing, side);
  const ahLines = handicapLines(listing);
  const put = (lineAt: number, giverAt: number, homeAt: number, awayAt: number, line: number | undefined) => {
    if (line === undefined) return;
    const bookLine = listing.swapped ? -line : line; // the book's home team's handicap
    row[lineAt] = Math.abs(bookLine);
    row[giverAt] = bookLine < 0 ? 1 : bookLine > 0 ? 2 : 0;
    row[homeAt] = price(
      (p) => p.market.market === 'ah' && p.market.line === line && p.side === sideFor('home'),
    );
    row[awayAt] = price(
      (p) => p.market.market === 'ah' && p.market.line === line && p.side === sideFor('away'),
    );
  };
  put(
    CSPORT_ROW.ftHandicapLine,
    CSPORT_ROW.ftHandicapGiver,
    CSPORT_ROW.ftHandicapHome,
    CSPORT_ROW.ftHandicapAway,
    ahLines[0],
  );
  put(
    CSPORT_ROW.altHandicapLine,
    CSPORT_ROW.altHandicapGiver,
    CSPORT_ROW.altHandicapHome,
    CSPORT_ROW.altHandicapAway,
    ahLines[1],
  );
  // 1x2 as this kind of feed sends it: decimal odds, not malay.
  const x12 = (period: 'ft' | 'ht', side: 'home' | 'draw' | 'away') =>
    listing.prices.find(
      (p) =>
        p.market.market === '1x2' &&
        p.market.period === period &&
        p.side === (side === 'draw' ? 'draw' : sideFor(side)),
    )?.quote.decimal ?? null;
  row[CSPORT_ROW.ft1x2Home] = x12('ft', 'home');
  row[CSPORT_ROW.ft1x2Away] = x12('ft', 'away');
  row[CSPORT_ROW.ft1x2Draw] = x12('ft', 'draw');
  row[CSPORT_ROW.ht1x2Home] = x12('ht', 'home');
  row[CSPORT_ROW.ht1x2Away] = x12('ht', 'away');
  row[CSPORT_ROW.ht1x2Draw] = x12('ht', 'draw');
  const total = listing.prices.find((p) => p.market.market === 'ou');
  row[CSPORT_ROW.ftTotalLine] = total?.market.line ?? null;
  row[CSPORT_ROW.ftOver] = price((p) => p.market.market === 'ou' && p.side === 'over');
  row[CSPORT_ROW.ftUnder] = price((p) => p.market.market === 'ou' && p.side === 'under');
  row[CSPORT_ROW.matchId] = listing.eventId;
  row[CSPORT_ROW.league] = names.league;
  row[CSPORT_ROW.home] = names.home;
  row[CSPORT_ROW.away] = names.away;
  const local = new Date(listing.kickoff + ZONE_MS);
  const two = (n: number) => n.toString().padStart(2, '0');
  row[CSPORT_ROW.kickoffTime] = `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;
  row[CSPORT_ROW.kickoffDate] = `${two(local.getUTCMonth() + 1)}/${two(local.getUTCDate())}`;
  const playing = world.inPlay(listing.fixture, now);
  row[CSPORT_ROW.inPlay] = playing ? 1 : 0;
  const [home, away] = listing.fixture.score;
  row[CSPORT_ROW.homeScore] = listing.swapped ? away : home;
  row[CSPORT_ROW.awayScore] = listing.swapped ? home : away;
  row[CSPORT_ROW.minute] = playing
    ? Math.min(90, Math.floor((now - listing.fixture.kickoff) / 60_000))
    : null;
  return row;
}
