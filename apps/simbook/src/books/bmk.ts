// bmk: modelled on bookmaker.eu. A login page that hands out a session cookie, a REST
// snapshot of the book, then STOMP 1.2 over WebSocket: CONNECT with the session,
// SUBSCRIBE /topic/odds, MESSAGE deltas as prices move, heart-beats. American odds.
import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from '@fastify/websocket';
import type { Listing, World } from '../world/world.js';
import { HISTORY_VERSIONS } from '../world/world.js';
import type { BookSessions } from './sessions.js';
import { bookSide, cookieOf, handicapLines, quoteOf, refuseSession } from './shared.js';
import { frame, parseFrames } from './stomp.js';
import type { Clock } from '@arbhub/schema';

const COOKIE = 'bmk_session';
export const BMK_TOPIC = '/topic/odds';

export interface BmkDeps {
  world: World;
  sessions: BookSessions;
  accounts: { user: string; password: string }[];
  clock: Clock;
  /** The heart-beat the server offers (ms; 20 s as the real feed). */
  heartbeatMs: number;
}

/** One event as bmk shows it, in its orientation, with American odds. */
export function bmkEvent(world: World, listing: Listing, now: number) {
  const names = world.names(listing);
  const flip = (side: 'home' | 'away') => bookSide(listing, side);
  const price = (market: string, period: string, side: string, line?: number) =>
    quoteOf(listing, market, period, side, line)?.native;
  const lines = handicapLines(listing);
  const total = listing.prices.find((p) => p.market.market === 'ou')?.market.line;
  const live = world.inPlay(listing.fixture, now);
  const [h, a] = listing.fixture.score;
  return {
    id: listing.eventId,
    league: names.league,
    home: names.home,
    away: names.away,
    startTime: new Date(listing.kickoff).toISOString(),
    live,
    score: live ? (listing.swapped ? [a, h] : [h, a]) : null,
    moneyline: {
      home: price('1x2', 'ft', flip('home')),
      draw: price('1x2', 'ft', 'draw'),
      away: price('1x2', 'ft', flip('away')),
    },
    firstHalfMoneyline: {
      home: price('1x2', 'ht', flip('home')),
      draw: price('1x2', 'ht', 'draw'),
      away: price('1x2', 'ht', flip('away')),
    },
    spreads: lines.map((line) => ({
      homeSpread: listing.swapped ? -line : line,
      home: price('ah', 'ft', flip('home'), line),
      away: price('ah', 'ft', flip('away'), line),
    })),
    total:
      total === undefined
        ? null
        : { points: total, over: price('ou', 'ft', 'over'), under: price('ou', 'ft', 'under') },
  };
}

interface Connection {
  socket: WebSocket;
  session: string;
  subscription?: string;
  since: number;
  beat?: ReturnType<typeof setInterval>;
}

export async function bmkRoutes(
  app: FastifyInstance,
  { world, sessions, accounts, clock, heartbeatMs }: BmkDeps,
): Promise<{ dropAll(): void }> {
  await app.register(websocket);
  const connections = new Set<Connection>();
  let messageId = 0;

  app.get('/bmk/', (request, reply) => {
    if (sessions.check(cookieOf(request, COOKIE)).ok)
      return reply.type('text/html').send('<!doctype html><h1 id="lines">Lines</h1>');
    return reply.redirect('/bmk/login', 302);
  });
  app.get('/bmk/login', (_request, reply) =>
    reply
      .type('text/html')
      .send(
        `<!doctype html><form id="login" method="post" action="/bmk/login"><input name="username" id="username"><input name="password" id="password" type="password"><button id="submit">Log in</button></form>`,
      ),
  );
  app.post('/bmk/login', (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    const account = accounts.find((a) => a.user === body.username && a.password === body.password);
    if (!account) {
      if (body.username) sessions.statsOf(body.username).errors += 1;
      return reply.code(401).type('text/html').send('<p class="error">Login failed</p>');
    }
    return reply
      .header('set-cookie', `${COOKIE}=${sessions.login(account.user)}; Path=/; HttpOnly`)
      .redirect('/bmk/', 302);
  });

  app.get('/bmk/api/snapshot', (request, reply) => {
    const check = sessions.check(cookieOf(request, COOKIE));
    if (!check.ok) return refuseSession(reply, check);
    const now = clock.now();
    return {
      version: world.versions.get('bmk') ?? 1,
      events: world.listed('bmk').map((l) => bmkEvent(world, l, now)),
    };
  });

  const close = (connection: Connection, message: string) => {
    connection.socket.send(frame('ERROR', { message, 'content-type': 'text/plain' }, message));
    connection.socket.close();
  };

  app.get('/bmk/stomp', { websocket: true }, (socket, request) => {
    const connection: Connection = {
      socket,
      session: cookieOf(request, COOKIE) ?? '',
      since: world.versions.get('bmk') ?? 1,
    };
    let connected = false;
    socket.on('message', (data: Buffer) => {
      for (const incoming of parseFrames(data.toString())) {
        if (!connected && incoming.command !== 'CONNECT' && incoming.command !== 'STOMP') {
          close(connection, 'CONNECT first');
          return;
        }
        switch (incoming.command) {
          case 'CONNECT':
          case 'STOMP': {
            connection.session = incoming.headers.session ?? connection.session;
            const check = sessions.check(connection.session);
            if (!check.ok) {
              close(connection, `not logged in (${check.reason})`);
              return;
            }
            const [, wants = '0'] = (incoming.headers['heart-beat'] ?? '0,0').split(',');
            const interval = Number(wants) > 0 ? Math.max(heartbeatMs, Number(wants)) : 0;
            socket.send(
              frame('CONNECTED', {
                version: '1.2',
                'heart-beat': `${heartbeatMs},0`,
                server: 'simbook-bmk/1.0',
              }),
            );
            if (interval > 0)
              connection.beat = setInterval(() => {
                socket.send('\n');
              }, interval);
            connected = true;
            connections.add(connection);
            break;
          }
          case 'SUBSCRIBE':
            if (incoming.headers.destination !== BMK_TOPIC) {
              close(connection, `unknown destination ${incoming.headers.destination ?? ''}`);
              return;
            }
            connection.subscription = incoming.headers.id ?? '0';
            connection.since = world.versions.get('bmk') ?? 1;
            break;
          case 'UNSUBSCRIBE':
            delete connection.subscription;
            break;
          case 'DISCONNECT':
            if (incoming.headers.receipt)
              socket.send(frame('RECEIPT', { 'receipt-id': incoming.headers.receipt }));
            socket.close();
            break;
          default:
            break; // SEND, ACK and the rest mean nothing to a read-only feed
        }
      }
      return undefined;
    });
    socket.on('close', () => {
      clearInterval(connection.beat);
      connections.delete(connection);
    });
  });

  // Deltas: every 200 ms, what changed at the book since each subscriber's last message.
  const pusher = setInterval(() => {
    const version = world.versions.get('bmk') ?? 1;
    const now = clock.now();
    for (const connection of connections) {
      if (connection.subscription === undefined || connection.since >= version) continue;
      const check = sessions.check(connection.session);
      if (!check.ok) {
        close(connection, `session ${check.reason === 'rate_limited' ? 'rate limited' : check.reason}`);
        continue;
      }
      const all = world.listings.get('bmk') ?? [];
      const stale = connection.since < version - HISTORY_VERSIONS;
      const body = {
        version,
        full: stale,
        events: all
          .filter((l) => l.removedAt === undefined && (stale || l.changedAt > connection.since))
          .map((l) => bmkEvent(world, l, now)),
        removed: all
          .filter((l) => l.removedAt !== undefined && l.removedAt > connection.since)
          .map((l) => l.eventId),
      };
      connection.since = version;
      messageId += 1;
      connection.socket.send(
        frame(
          'MESSAGE',
          {
            subscription: connection.subscription,
            'message-id': messageId,
            destination: BMK_TOPIC,
            'content-type': 'application/json',
          },
          JSON.stringify(body),
        ),
      );
    }
  }, 200);
  app.addHook('onClose', () => {
    clearInterval(pusher);
    for (const connection of connections) connection.socket.terminate();
  });
  return {
    /** The drop_stream fault: every STOMP connection is cut. */
    dropAll() {
      for (const connection of connections) connection.socket.terminate();
    },
  };
}
