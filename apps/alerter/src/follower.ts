// Follows the hub's /stream: every message checked against the protocol's schema, the
// connection re-opened after a drop (0.5 s doubling to 10 s), the API token sent as a
// bearer header (never in the URL, which proxies log).
import { check, streamMessageSchema } from '@arbhub/schema';
import type { StreamMessage } from '@arbhub/schema';
import WebSocket from 'ws';

export interface FollowerOptions {
  hubUrl: string;
  apiToken?: string | undefined;
  onMessage: (message: StreamMessage) => void;
  onState?: (state: 'connected' | 'disconnected', detail?: string) => void;
}

export interface Follower {
  readonly connected: boolean;
  close(): void;
}

export function followStream({ hubUrl, apiToken, onMessage, onState }: FollowerOptions): Follower {
  const url = `${hubUrl.replace(/^http/, 'ws').replace(/\/+$/, '')}/stream`;
  let socket: WebSocket | undefined;
  let retryMs = 500;
  let closed = false;
  let connected = false;
  let timer: NodeJS.Timeout | undefined;
  const connect = () => {
    const ws = new WebSocket(url, { headers: apiToken ? { authorization: `Bearer ${apiToken}` } : {} });
    socket = ws;
    ws.on('open', () => {
      connected = true;
      retryMs = 500;
      onState?.('connected');
    });
    ws.on('message', (data: Buffer) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(data.toString());
      } catch {
        return;
      }
      const message = check(streamMessageSchema, parsed);
      if (message.ok) onMessage(message.value);
    });
    ws.on('unexpected-response', (_request, response) => {
      onState?.('disconnected', `the hub refused /stream: HTTP ${String(response.statusCode)}`);
      ws.terminate();
    });
    ws.on('error', () => undefined);
    ws.on('close', () => {
      if (connected) onState?.('disconnected', 'the hub closed /stream');
      connected = false;
      if (closed) return;
      timer = setTimeout(connect, retryMs);
      retryMs = Math.min(10_000, retryMs * 2);
    });
  };
  connect();
  return {
    get connected() {
      return connected;
    },
    close() {
      closed = true;
      clearTimeout(timer);
      socket?.close();
    },
  };
}
