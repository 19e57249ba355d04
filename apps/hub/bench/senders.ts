// The benchmark's workers, in their own process: BOOKS connections to a /ws URL, each
// sends a snapshot of EVENTS events, then deltas as fast as the socket takes them for
// SECONDS (from when the benchmark says GO); every 20 ms one book plants an arbitrage on an event (and takes it back), and
// prints when it sent it. Prints a JSON summary at the end.
import { WebSocket } from 'ws';
import { matchOf } from './listing.js';

const [url = '', booksArg = '4', eventsArg = '500', secondsArg = '5', mode = 'hub', rateArg = '0'] =
  process.argv.slice(2);
/** Messages per second per book; 0 sends as fast as the socket takes them. */
const RATE = Number(rateArg);
const BOOKS = ['csport', 'sbo', 'bmk', 'pin'].slice(0, Number(booksArg));
const EVENTS = Number(eventsArg);
const SECONDS = Number(secondsArg);
const now = () => performance.timeOrigin + performance.now();

const sockets = await Promise.all(
  BOOKS.map(
    (book) =>
      new Promise<{ book: string; socket: WebSocket }>((resolve) => {
        const socket = new WebSocket(url);
        socket.on('open', () => {
          resolve({ book, socket });
        });
      }),
  ),
);
const send = (socket: WebSocket, message: object) =>
  new Promise<void>((resolve) => {
    socket.send(JSON.stringify(message), () => {
      resolve();
    });
  });
for (const { book, socket } of sockets) {
  if (mode === 'hub')
    socket.send(JSON.stringify({ type: 'worker:register', workerId: `${book}-1`, book, account: 'bench' }));
  await send(socket, {
    type: 'odds:update',
    workerId: `${book}-1`,
    book,
    ts: Date.now(),
    mode: 'snapshot',
    matches: Array.from({ length: EVENTS }, (_, e) => matchOf(e, book)),
  });
}
// Tell the benchmark the snapshots are sent, and start when it says GO (once the
// receiver has worked through them, so the timed part measures deltas only).
process.stdout.write('READY\n');
await new Promise<void>((resolve) => {
  let input = '';
  process.stdin.on('data', (chunk: Buffer) => {
    input += chunk.toString();
    if (input.includes('GO\n')) resolve();
  });
});
process.stdin.pause();

let messages = 0;
let quotes = 0;
const plants: { eventId: string; sentAt: number }[] = [];
const end = now() + SECONDS * 1000;
let next = 0;
await Promise.all(
  sockets.map(async ({ book, socket }, b) => {
    let e = b;
    let picked = 0;
    let lastPlant = 0;
    let sent = 0;
    const started = now();
    while (now() < end) {
      if (RATE > 0) {
        // Keep to the pace: wait until this message is due.
        const due = started + (sent / RATE) * 1000;
        if (due > now()) await new Promise((resolve) => setTimeout(resolve, due - now()));
        sent += 1;
      }
      if (book === 'csport' && now() - lastPlant > 20) {
        // Plant on a fresh event, and take the previous one back.
        lastPlant = now();
        const target = (next += 1) % EVENTS;
        const previous = (target + EVENTS - 1) % EVENTS;
        plants.push({ eventId: `csport-${target}`, sentAt: now() });
        await send(socket, {
          type: 'odds:update',
          workerId: 'csport-1',
          book,
          ts: Date.now(),
          mode: 'delta',
          matches: [matchOf(target, book, 0, true), matchOf(previous, book)],
        });
        messages += 1;
        quotes += 22;
        continue;
      }
      // An ordinary delta: 10 events whose prices move. Each pass over the events shifts
      // every event's move, so no delta repeats the prices the hub already holds.
      const matches = Array.from({ length: 10 }, () => {
        e = (e + 7) % EVENTS;
        const pass = Math.floor((picked += 1) / EVENTS);
        return matchOf(e, book, ((e + pass) % 3) / 100 + 0.01);
      });
      await send(socket, {
        type: 'odds:update',
        workerId: `${book}-1`,
        book,
        ts: Date.now(),
        mode: 'delta',
        matches,
      });
      messages += 1;
      quotes += matches.length * 11;
    }
  }),
);
process.stdout.write(`${JSON.stringify({ messages, quotes, seconds: SECONDS, plants })}\n`);
for (const { socket } of sockets) socket.close();
