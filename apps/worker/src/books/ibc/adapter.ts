// ibc: a browser login (the page's script hashes the password), then paged GETs of
// Odds/ShowAllOdds per date type (l live, t today, e early: the partitions), every page
// of an assigned date type on every poll. The odds type is the account's (malay or HK)
// and each page says which: the parser converts from whichever it is.
import { BookError } from '../../errors.js';
import { cookieHeader } from '../../http.js';
import { pagedAdapter } from '../paged.js';
import type { AdapterDeps, BookAdapter } from '../types.js';
import { parseIbcPage } from './parse.js';

export const IBC_PARTITIONS = ['soccer:live', 'soccer:today', 'soccer:early'] as const;
const DATE_TYPES: Readonly<Record<string, string>> = { live: 'l', today: 't', early: 'e' };
/** SABA's sport ids: 1 soccer. */
const GAME_IDS: Readonly<Record<string, number>> = { soccer: 1 };

export function ibcAdapter(deps: AdapterDeps): BookAdapter {
  return pagedAdapter('ibc', IBC_PARTITIONS, async (session, sport, tab, index) => {
    const gameId = GAME_IDS[sport];
    const dateType = DATE_TYPES[tab];
    if (gameId === undefined || dateType === undefined)
      throw new BookError('ibc', `no such partition ${sport}:${tab}`);
    const body = await deps.http.json({
      method: 'GET',
      url: 'Odds/ShowAllOdds',
      params: { GameId: gameId, DateType: dateType, PageIndex: index },
      headers: { cookie: cookieHeader(session?.cookies ?? []) },
    });
    try {
      return parseIbcPage(body);
    } catch (error) {
      throw new BookError('ibc', `${tab} page ${index}: ${(error as Error).message}`);
    }
  });
}
