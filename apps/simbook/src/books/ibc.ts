// ibc: modelled on IBCbet / maxbet (the SABA sports platform). A login form whose script
// hashes the password with the page's key before it is posted (the clear password never
// leaves the browser), a session cookie, then odds as paged JSON: matches with their
// "oddsets", one per market, keyed by SABA's bet type ids (1 handicap, 3 over/under,
// 5 1X2, 15 first-half 1X2), handicaps as the line each team gives (Hdp1 home, Hdp2
// away), prices in the account's odds type (malay by default, HK if the account chose
// it), kick-off in the site's time (GMT-4), a neutral venue marked "(N)".
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Clock } from '@arbhub/schema';
import type { Listing, World } from '../world/world.js';
import { pageHash } from './csport.js';
import type { BookSessions } from './sessions.js';
import { bookSide, cookieOf, escapeHtml, handicapLines, quoteOf, refuseSession, tabPage } from './shared.js';

/** SABA's bet type ids for the markets the simulator prices. */
export const IBC_BET_TYPES = { handicap: 1, overUnder: 3, ft1x2: 5, ht1x2: 15 } as const;
/** Matches per page of ShowAllOdds. */
export const IBC_PAGE_SIZE = 15;
/** The site's clock: GMT-4. */
export const IBC_ZONE_HOURS = -4;
const COOKIE = 'IBC_SessionId';
export type IbcOddsType = 'MY' | 'HK';

const loginPage = (key: string, error = '') => `<!doctype html>
<html><head><meta charset="utf-8"><title>maxbet - Login</title></head>
<body>
<form id="frmLogin" method="post" action="/ibc/ProcessLogin">
  ${error ? `<p class="error">${error}</p>` : ''}
  <label>User ID <input name="txtID" id="txtID" autocomplete="username"></label>
  <label>Password <input name="txtPW" id="txtPW" type="password" autocomplete="current-password"></label>
  <input type="hidden" name="hidKey" value="${key}">
  <input type="hidden" name="hidPW" id="hidPW" value="">
  <button type="submit" id="btnLogin">Login</button>
</form>
<script>
  function h(t){var x=0x811c9dc5;for(var i=0;i<t.length;i++){x^=t.charCodeAt(i);x=Math.imul(x,0x01000193)>>>0;}return ('0000000'+x.toString(16)).slice(-8);}
  document.getElementById('frmLogin').addEventListener('submit', function () {
    var pw = document.getElementById('txtPW');
    document.getElementById('hidPW').value = h('${key}' + pw.value);
    pw.value = '';
  });
</script>
</body></html>`;

export interface IbcDeps {
  world: World;
  sessions: BookSessions;
  accounts: { user: string; password: string }[];
  clock: Clock;
  /** Accounts whose odds type is HK to begin with (the rest malay). */
  hkAccounts?: readonly string[];
}

/** A malay price as an HK account sees it: the same up to even money, 1/|m| above (rounded as the site rounds). */
export function hkOf(malay: number): number {
  return malay > 0 ? malay : Math.round((-1 / malay) * 100) / 100;
}

/** The site's local time, as its feed writes it: `2026-11-23T08:00:00`, GMT-4, no zone. */
export function ibcTime(at: number): string {
  return new Date(at + IBC_ZONE_HOURS * 3_600_000).toISOString().slice(0, 19);
}

export function ibcRoutes(app: FastifyInstance, deps: IbcDeps): void {
  const { world, sessions, accounts, clock } = deps;
  const keys = new Map<string, number>();
  const oddsType = new Map<string, IbcOddsType>((deps.hkAccounts ?? []).map((user) => [user, 'HK']));
  const page = (error?: string) => {
    const key = randomBytes(12).toString('hex');
    keys.set(key, clock.now() + 10 * 60_000);
    return loginPage(key, error);
  };
  const toLogin = (reply: FastifyReply) => reply.redirect('/ibc/', 302);

  app.get('/ibc/', (request, reply) => {
    if (sessions.check(cookieOf(request, COOKIE)).ok) return reply.redirect('/ibc/main', 302);
    return reply.type('text/html').send(page());
  });

  app.post('/ibc/ProcessLogin', (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    const key = body.hidKey ?? '';
    const expires = keys.get(key);
    // The page's script clears the clear password and posts its hash: a form posted as
    // typed did not run it.
    if (expires === undefined || expires <= clock.now() || (body.txtPW ?? '') !== '' || !body.hidPW)
      return reply.code(403).type('text/html').send(page('Please enable JavaScript to login.'));
    keys.delete(key);
    const account = accounts.find((a) => a.user === body.txtID && pageHash(key + a.password) === body.hidPW);
    if (!account) {
      if (body.txtID) sessions.statsOf(body.txtID).errors += 1;
      return reply.type('text/html').send(page('Incorrect User ID or Password.'));
    }
    const token = sessions.login(account.user);
    return reply.header('set-cookie', `${COOKIE}=${token}; Path=/; HttpOnly`).redirect('/ibc/main', 302);
  });

  app.get('/ibc/main', (request, reply) => {
    const check = sessions.check(cookieOf(request, COOKIE));
    if (!check.ok) return toLogin(reply);
    const type = oddsType.get(check.account) ?? 'MY';
    return reply
      .type('text/html')
      .send(
        `<!doctype html><html><body><h1 id="welcome">Welcome ${escapeHtml(check.account)}</h1>` +
          `<p id="oddsType">${type === 'HK' ? 'Hong Kong' : 'Malay'} odds</p></body></html>`,
      );
  });

  // The account's odds type, as the site's settings page sets it.
  app.post('/ibc/Setting/OddsType', (request, reply) => {
    const check = sessions.check(cookieOf(request, COOKIE));
    if (!check.ok) return refuseSession(reply, check);
    const wanted = ((request.body ?? {}) as Record<string, unknown>).OddsType;
    if (wanted !== 'MY' && wanted !== 'HK')
      return reply.code(400).send({ ErrorCode: 1, ErrorMsg: 'OddsType must be MY or HK' });
    oddsType.set(check.account, wanted);
    return { ErrorCode: 0, ErrorMsg: '', OddsType: wanted };
  });

  app.get('/ibc/Odds/ShowAllOdds', (request, reply) => {
    const check = sessions.check(cookieOf(request, COOKIE));
    if (!check.ok) return refuseSession(reply, check);
    const query = request.query as { GameId?: string; DateType?: string; PageIndex?: string };
    const type = oddsType.get(check.account) ?? 'MY';
    const dateType = query.DateType ?? 't';
    if (!['l', 't', 'e'].includes(dateType))
      return reply.code(400).send({ ErrorCode: 1, ErrorMsg: 'DateType must be l, t or e' });
    const now = clock.now();
    const empty = { OddsType: type, DateType: dateType, PageIndex: 1, PageCount: 1, Matches: [] };
    // GameId 1 is soccer; the simulator lists nothing else.
    if (query.GameId !== undefined && query.GameId !== '1')
      return { ErrorCode: 0, ErrorMsg: '', ServerTime: ibcTime(now), Data: empty };
    const tab = ({ l: 'live', t: 'today', e: 'early' } as const)[dateType as 'l' | 't' | 'e'];
    const {
      page: index,
      pages,
      listings,
    } = tabPage(world, 'ibc', tab, Number(query.PageIndex ?? 1) || 1, IBC_PAGE_SIZE, now);
    return {
      ErrorCode: 0,
      ErrorMsg: '',
      ServerTime: ibcTime(now),
      Data: {
        OddsType: type,
        DateType: dateType,
        PageIndex: index,
        PageCount: pages,
        Matches: listings.map((l) => ibcMatch(world, l, now, type)),
      },
    };
  });
}

/** One listing as an IBC match with its oddsets, in the book's orientation and the account's odds type. */
export function ibcMatch(world: World, listing: Listing, now: number, type: IbcOddsType = 'MY'): object {
  const names = world.names(listing);
  const flip = (side: 'home' | 'away') => bookSide(listing, side);
  const live = world.inPlay(listing.fixture, now);
  const [h, a] = listing.fixture.score;
  const native = (value: number | undefined) =>
    value === undefined ? null : type === 'HK' ? hkOf(value) : value;
  const price = (market: string, period: string, side: string, line?: number) =>
    quoteOf(listing, market, period, side, line);
  let seq = 0;
  const oddsId = () => Number(listing.eventId) * 10 + (seq += 1);
  const oddsets: object[] = [];
  for (const line of handicapLines(listing)) {
    const bookLine = listing.swapped ? -line : line; // the book's home team's handicap
    oddsets.push({
      OddsId: oddsId(),
      BetTypeId: IBC_BET_TYPES.handicap,
      Hdp1: bookLine < 0 ? -bookLine : 0,
      Hdp2: bookLine > 0 ? bookLine : 0,
      Odds1: native(price('ah', 'ft', flip('home'), line)?.native),
      Odds2: native(price('ah', 'ft', flip('away'), line)?.native),
    });
  }
  const total = listing.prices.find((p) => p.market.market === 'ou');
  if (total?.market.line !== undefined)
    oddsets.push({
      OddsId: oddsId(),
      BetTypeId: IBC_BET_TYPES.overUnder,
      Hdp1: total.market.line,
      Hdp2: 0,
      Odds1: native(price('ou', 'ft', 'over')?.native),
      Odds2: native(price('ou', 'ft', 'under')?.native),
    });
  for (const period of ['ft', 'ht'] as const)
    oddsets.push({
      OddsId: oddsId(),
      BetTypeId: period === 'ft' ? IBC_BET_TYPES.ft1x2 : IBC_BET_TYPES.ht1x2,
      // 1X2 in decimal, whatever the account's odds type, as Asian books show it.
      Odds1: price('1x2', period, flip('home'))?.decimal ?? null,
      OddsX: price('1x2', period, 'draw')?.decimal ?? null,
      Odds2: price('1x2', period, flip('away'))?.decimal ?? null,
    });
  return {
    MatchId: Number(listing.eventId),
    LeagueName: names.league,
    HomeName: listing.fixture.neutral ? `${names.home} (N)` : names.home,
    AwayName: names.away,
    GameTime: ibcTime(listing.kickoff),
    IsLive: live ? 1 : 0,
    LiveHomeScore: live ? (listing.swapped ? a : h) : null,
    LiveAwayScore: live ? (listing.swapped ? h : a) : null,
    Oddsets: oddsets,
  };
}
