// The live hub, decorated on the Fastify instance as `hub`: the state behind its façade,
// the worker registry, the /stream subscribers, the history of closed arbitrage, and the
// sweeper that closes what went stale. Every route plugin reads `fastify.hub`.
import { AliasTable, DEFAULT_ALIAS_SOURCES } from '@arbhub/matcher';
import { DEFAULT_GUARDS } from '@arbhub/odds';
import { marketKey } from '@arbhub/schema';
import type { Clock, StreamMessage } from '@arbhub/schema';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import type { History } from '../history.js';
import type { HubState } from '../hub-state.js';
import type { HistoryReads, HistoryRecords } from '../history-records.js';
import type { MatchingStore } from '../matching-store.js';
import { LiveState } from '../state.js';
import { StreamHub } from '../stream.js';
import { WorkerHub } from '../workers.js';
import type { WorkerHubOptions } from '../workers.js';

export interface Hub {
  state: HubState;
  workers: WorkerHub;
  stream: StreamHub;
  history: History;
  /** The history database, when the hub keeps one (GET /history/*); a gateway's only reads it. */
  records: HistoryReads | undefined;
  matchingStore: MatchingStore;
  clock: Clock;
  startedAt: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    hub: Hub;
  }
}

/** STREAM_UPDATE_MS's default: an open arbitrage's new figures at most four times a second. */
export const DEFAULT_STREAM_UPDATE_MS = 250;

export interface LiveOptions {
  config: Pick<Config, 'STALE_AFTER_MS' | 'HEARTBEAT_MS' | 'REGISTER_TIMEOUT_MS'> &
    Partial<Pick<Config, 'ARB_SAME_BOOK' | 'ARB_SUSPICIOUS_PCT' | 'SWEEP_INTERVAL_MS' | 'STREAM_UPDATE_MS'>>;
  clock: Clock;
  history: History;
  records?: HistoryRecords | undefined;
  aliasFiles: readonly unknown[];
  matchingStore: MatchingStore;
}

async function live(
  app: FastifyInstance,
  { config, clock, history, records, aliasFiles, matchingStore }: LiveOptions,
) {
  const aliases = new AliasTable([...DEFAULT_ALIAS_SOURCES, ...aliasFiles]);
  // What was learned and decided before a restart applies again before any worker connects.
  const memory = await matchingStore.load();
  for (const [a, b] of memory.learned) aliases.learn(a, b);
  const { counters } = app.hubMetrics;
  const stream = new StreamHub();
  /** One warning per book a minute: a broken feed would otherwise flood the log. */
  const warnedAt = new Map<string, number>();
  const state = new LiveState({
    aliases,
    onLearn: (a, b) => {
      matchingStore.learned(a, b);
    },
    staleAfterMs: config.STALE_AFTER_MS,
    clock,
    sameBook: config.ARB_SAME_BOOK === true,
    updateEveryMs: config.STREAM_UPDATE_MS ?? DEFAULT_STREAM_UPDATE_MS,
    guards: { ...DEFAULT_GUARDS, suspiciousPct: config.ARB_SUSPICIOUS_PCT ?? DEFAULT_GUARDS.suspiciousPct },
    onUnderround: ({ book, workerId, eventId, market, sum }) => {
      counters.underround.inc({ book });
      const now = clock.now();
      if (now - (warnedAt.get(book) ?? -Infinity) < 60_000) return;
      warnedAt.set(book, now);
      app.log.warn(
        { book, workerId, eventId, market: marketKey(market), prices: market.prices, impliedSum: sum },
        `${book} quotes a market under 100% (a data error): its prices are not used for arbitrage`,
      );
    },
    ...(records
      ? {
          onQuotes: (quotes) => {
            records.recorder.quotes(quotes);
          },
        }
      : {}),
    onChanges: (changes) => {
      records?.recorder.changes(changes);
      stream.broadcastAll([
        ...changes.opened.map((arb): StreamMessage => ({ type: 'arb:open', arb })),
        ...changes.updated.map((arb): StreamMessage => ({ type: 'arb:update', arb })),
        ...changes.closed.map(({ arb, reason, closedAt }): StreamMessage => ({
          type: 'arb:close',
          id: arb.id,
          reason,
          closedAt,
          arb,
        })),
      ]);
      for (const { arb, reason, closedAt } of changes.closed)
        history.add({ arb, reason, closedAt, lifetimeMs: closedAt - arb.openedAt });
      counters.arbs.inc({ change: 'open' }, changes.opened.length);
      counters.arbs.inc({ change: 'update' }, changes.updated.length);
      counters.arbs.inc({ change: 'close' }, changes.closed.length);
    },
  });
  for (const decision of memory.decisions) state.applyDecision(decision);
  const workers = workerHub(app, { state, clock, config, stream });
  app.decorate('hub', {
    state,
    workers,
    stream,
    history,
    records,
    matchingStore,
    clock,
    startedAt: clock.now(),
  });

  // Quotes go stale; silent workers become stale.
  const sweeper = setInterval(() => {
    state.sweep();
    workers.checkHeartbeats();
  }, config.SWEEP_INTERVAL_MS ?? 1000);
  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    state.close();
    await matchingStore.flush();
    await records?.close();
  });
}

/**
 * The worker side of a hub (the single one or a gateway): counted in the metrics, its
 * workers' states told on /stream; `more` adds to it (a gateway's registry).
 */
export function workerHub(
  app: FastifyInstance,
  {
    state,
    clock,
    config,
    stream,
  }: {
    state: WorkerHubOptions['state'];
    clock: Clock;
    config: Pick<Config, 'HEARTBEAT_MS' | 'REGISTER_TIMEOUT_MS'>;
    stream: StreamHub;
  },
  more: Pick<WorkerHubOptions, 'allOffers' | 'onGone' | 'remoteWorkers'> & {
    onStatus?: WorkerHubOptions['onStatus'];
  } = {},
): WorkerHub {
  const { counters } = app.hubMetrics;
  return new WorkerHub({
    ...more,
    state,
    clock,
    heartbeatMs: config.HEARTBEAT_MS,
    registerTimeoutMs: config.REGISTER_TIMEOUT_MS,
    log: app.log,
    onRegisterTimeout: () => {
      counters.refused.inc({ reason: 'register_timeout' });
    },
    onStatus: (status) => {
      stream.broadcast({ type: 'worker:status', ...status });
      more.onStatus?.(status);
    },
    onMessage: (type) => {
      counters.messages.inc({ type });
    },
  });
}

export default fp(live, { name: 'arbhub-live', dependencies: ['arbhub-metrics'] });
