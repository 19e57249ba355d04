// Benchmark: where a worker message's time goes in the hub, without the network:
// JSON.parse, then schema validation, then LiveState.apply (matching, quotes, the
// arbitrage engine). 4 books x 500 events; 2,000 delta messages of 10 matches each.
import { parse, workerMessageSchema } from '@arbhub/schema';
import { writeResult } from '../../../bench/util.js';
import { DEFAULT_STREAM_UPDATE_MS } from '../src/plugins/live.js';
import { LiveState } from '../src/state.js';
import { matchOf as match } from './listing.js';
// As the hub runs it: an open arbitrage's new figures told at most every STREAM_UPDATE_MS.
const state = new LiveState({
  staleAfterMs: 60_000,
  clock: Date,
  onChanges: () => undefined,
  updateEveryMs: DEFAULT_STREAM_UPDATE_MS,
});
const books = ['csport', 'sbo', 'bmk', 'pin'];
const snapshotStart = performance.now();
for (const book of books)
  state.apply(
    parse(workerMessageSchema, {
      type: 'odds:update',
      workerId: `${book}-1`,
      book,
      ts: 1,
      mode: 'snapshot',
      matches: Array.from({ length: 500 }, (_, e) => match(e, book)),
    }) as never,
  );
// Four 500-event snapshots into an empty hub: every listing is matched and placed.
const snapshotMs = Number((performance.now() - snapshotStart).toFixed(1));
console.log('snapshots', snapshotMs, 'ms for', books.length, 'x 500 events, validation included');
const messages = Array.from({ length: 2000 }, (_, i) => {
  const book = books[i % 4]!;
  return JSON.stringify({
    type: 'odds:update',
    workerId: `${book}-1`,
    book,
    ts: 1,
    mode: 'delta',
    matches: Array.from({ length: 10 }, (_, k) => match((i * 7 + k * 13) % 500, book, ((i + k) % 3) / 100)),
  });
});
const perMessageUs: Record<string, number> = {};
for (const phase of ['parse', 'validate', 'apply'] as const) {
  const start = performance.now();
  for (const text of messages) {
    const json = JSON.parse(text);
    if (phase === 'parse') continue;
    const message = parse(workerMessageSchema, json);
    if (phase === 'apply') state.apply(message as never);
  }
  perMessageUs[phase] = Number((((performance.now() - start) / messages.length) * 1000).toFixed(1));
  console.log(phase, perMessageUs[phase], 'µs per message (cumulative)');
}
state.close();
writeResult('hub-apply', {
  what: 'cumulative µs per 10-match delta message: parse, + validate, + apply',
  messages: messages.length,
  perMessageUs,
  snapshotsOf500EventsMs: { books: books.length, ms: snapshotMs },
});
