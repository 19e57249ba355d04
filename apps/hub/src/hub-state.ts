// What the routes and the worker side ask of the hub's state: the single hub's LiveState
// answers it all in memory; a scale-out gateway (scale/gateway-state.ts) answers from what
// the engines publish, and hands worker updates to the log.
import type { ReviewItem } from '@arbhub/matcher';
import type { EventsAnswer, OddsAnswer, OddsQuery } from '@arbhub/schema';
import type { LiveState } from './state.js';

export type HubState = Pick<
  LiveState,
  'apply' | 'removeWorker' | 'countsFor' | 'openArbs' | 'stats' | 'sweep' | 'close' | 'link' | 'unlink'
> & {
  events(): EventsAnswer | Promise<EventsAnswer>;
  odds(query: OddsQuery): OddsAnswer | Promise<OddsAnswer>;
  review(): ReviewItem[] | Promise<ReviewItem[]>;
};

/** Asked of a part of the hub this role does not run (a matching decision on a gateway): 501. */
export class NotInThisRole extends Error {
  readonly code = 'not_in_this_role';
  constructor(message: string) {
    super(message);
    this.name = 'NotInThisRole';
  }
}
