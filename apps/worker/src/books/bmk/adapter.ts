// bmk: a browser login hands out the session cookie; a REST snapshot, then STOMP 1.2
// over WebSocket (@stomp/stompjs over ws) with heart-beats and reconnects; deltas merge
// into the snapshot. Every (re)connect is followed by a fresh snapshot: deltas sent
// before the subscription, or while the stream was down, are not replayed.
import { Client, ReconnectionTimeMode } from '@stomp/stompjs';
import { WebSocket } from 'ws';
import { BookError, SessionRejectedError } from '../../errors.js';
import { cookieHeader } from '../../http.js';
import { BookView } from '../state.js';
import type { AdapterDeps, BookAdapter, BookSession, PollResult } from '../types.js';
import { Skips } from '../types.js';
import { parseBmkBody, parseBmkEvents } from './parse.js';

export const BMK_PARTITIONS = ['soccer:live', 'soccer:today', 'soccer:early'] as const;
export const BMK_TOPIC = '/topic/odds';

export interface BmkOptions {
  /** The heart-beat asked of the server (ms): a silent stream is cut after about twice that. */
  heartbeatMs: number;
}

export function bmkAdapter(
  deps: AdapterDeps,
  { heartbeatMs }: BmkOptions = { heartbeatMs: 20_000 },
): BookAdapter {
  const view = new BookView();
  let skips = new Skips();
  let client: Client | undefined;
  let cookie = '';
  let needSnapshot = true;
  let refused: string | undefined;
  let streamError: string | undefined;

  /** The snapshot or a MESSAGE: a full one replaces the view, a delta merges; an unreadable event keeps its last good state. */
  const take = (body: unknown, full: boolean) => {
    const answer = parseBmkBody(body);
    const parsed = parseBmkEvents(answer.events);
    skips.absorb(parsed);
    if (full || answer.full) view.replace(parsed);
    else view.merge(parsed, answer.removed);
  };

  const stream = (): Client => {
    const wsUrl = `${deps.baseUrl.replace(/^http/, 'ws').replace(/\/?$/, '/')}stomp`;
    const c = new Client();
    c.webSocketFactory = () =>
      new WebSocket(wsUrl, { headers: { cookie, 'user-agent': deps.http.userAgent } });
    c.heartbeatIncoming = heartbeatMs;
    c.heartbeatOutgoing = 0;
    c.reconnectDelay = 500;
    c.maxReconnectDelay = 30_000;
    c.reconnectTimeMode = ReconnectionTimeMode.EXPONENTIAL;
    c.debug = () => undefined;
    c.onConnect = () => {
      streamError = undefined;
      // Subscribed from now on; what changed before this moment (while connecting, or while
      // a dropped stream was down) only a snapshot has: the next poll takes one.
      needSnapshot = true;
      c.subscribe(BMK_TOPIC, (message) => {
        try {
          take(JSON.parse(message.body) as unknown, false);
        } catch (error) {
          skips.add(`stream message: ${(error as Error).message}`);
          needSnapshot = true;
        }
      });
    };
    c.onStompError = (frame) => {
      const detail = frame.headers.message ?? frame.body;
      if (/not logged in|session/i.test(detail)) {
        // A dead session: stop the stream until the worker brings a new one.
        refused = detail;
        void c.deactivate();
      } else streamError = detail;
    };
    c.onWebSocketClose = () => {
      streamError ??= 'stream closed; reconnecting';
    };
    c.activate();
    return c;
  };

  return {
    book: 'bmk',
    partitions: BMK_PARTITIONS,
    needsLogin: true,
    async poll(session: BookSession | undefined): Promise<PollResult> {
      const header = cookieHeader(session?.cookies ?? []);
      if (header !== cookie) {
        // A new session: the stream starts again with it.
        cookie = header;
        refused = undefined;
        needSnapshot = true;
        await client?.deactivate();
        client = undefined;
      }
      if (refused) throw new SessionRejectedError('bmk', `stream: ${refused}`);
      if (needSnapshot) {
        // Taken again on the next poll if this one fails.
        const body = await deps.http.json({ url: 'api/snapshot', headers: { cookie } });
        try {
          take(body, true);
        } catch (error) {
          throw new BookError('bmk', `snapshot: ${(error as Error).message}`);
        }
        needSnapshot = false;
        client ??= stream();
      }
      const result = { matches: view.all(), skipped: skips.count, problems: skips.problems };
      skips = new Skips();
      if (streamError && !client?.connected) result.problems.push(`stream: ${streamError}`);
      return result;
    },
    reset() {
      needSnapshot = true;
    },
    async close() {
      await client?.deactivate();
      client = undefined;
    },
  };
}
