// What the routes and the worker side ask of the hub's state: the single hub's LiveState
// answers it all in memory; a scale-out gateway (scale/gateway-state.ts) answers from what
// the engines publish, and hands worker updates to the log.
import type { EventsAnswer, OddsAnswer, OddsQuery, ReviewAnswer } from '@arbhub/schema';
import type { LiveState } from './state.js';

type Decided = ReturnType<LiveState['link']>;

export type HubState = Pick<
  LiveState,
  'apply' | 'removeWorker' | 'countsFor' | 'openArbs' | 'stats' | 'sweep' | 'close'
> & {
  events(): EventsAnswer | Promise<EventsAnswer>;
  odds(query: OddsQuery): OddsAnswer | Promise<OddsAnswer>;
  reviewAnswer(): ReviewAnswer['items'] | Promise<ReviewAnswer['items']>;
  /** A person's decisions (POST /matching/link, /matching/unlink); throw a MatchingError. */
  link(book: string, eventId: string, canonicalId: string): Decided | Promise<Decided>;
  unlink(book: string, eventId: string, canonicalId?: string): Decided | Promise<Decided>;
};
