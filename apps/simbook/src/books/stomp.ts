// STOMP 1.2 frames (https://stomp.github.io/stomp-specification-1.2.html): enough of
// the protocol for a feed: CONNECT/STOMP, SUBSCRIBE, UNSUBSCRIBE, DISCONNECT from the
// client; CONNECTED, MESSAGE, RECEIPT, ERROR and heart-beats from the server.

export interface Frame {
  command: string;
  headers: Record<string, string>;
  body: string;
}

const unescape = (value: string) =>
  value.replace(/\\([rnc\\])/g, (_, c: string) =>
    c === 'r' ? '\r' : c === 'n' ? '\n' : c === 'c' ? ':' : '\\',
  );
const escape = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/:/g, '\\c');

/**
 * The frames in a chunk of text. Heart-beats (bare EOLs between frames) are skipped;
 * a chunk is expected to hold whole frames (WebSocket messages do).
 */
export function parseFrames(text: string): Frame[] {
  const frames: Frame[] = [];
  for (const raw of text.split('\0')) {
    const chunk = raw.replace(/^(\r?\n)+/, '');
    if (chunk === '') continue;
    const blank = /\r?\n\r?\n/.exec(chunk);
    const head = blank ? chunk.slice(0, blank.index) : chunk;
    const body = blank ? chunk.slice(blank.index + blank[0].length) : '';
    const [command = '', ...lines] = head.split(/\r?\n/);
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const at = line.indexOf(':');
      if (at <= 0) continue;
      const name = unescape(line.slice(0, at));
      // The first occurrence of a repeated header wins (STOMP 1.2).
      headers[name] ??= unescape(line.slice(at + 1));
    }
    frames.push({ command: command.trim(), headers, body });
  }
  return frames;
}

/** A frame as text, ending in NUL. CONNECTED frames are not escaped (as the spec says). */
export function frame(command: string, headers: Record<string, string | number>, body = ''): string {
  const lines = Object.entries(headers).map(([k, v]) =>
    command === 'CONNECTED' ? `${k}:${String(v)}` : `${escape(k)}:${escape(String(v))}`,
  );
  return `${command}\n${lines.join('\n')}\n\n${body}\0`;
}
