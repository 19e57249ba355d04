// sbo: a two-step browser login, then paged GETs of /api/odds per tab (live, today,
// early: the partitions) and page, every page of an assigned tab on every poll.
import { BookError } from '../../errors.js';
import { cookieHeader } from '../../http.js';
import { pagedAdapter } from '../paged.js';
import type { AdapterDeps, BookAdapter } from '../types.js';
import { parseSboPage } from './parse.js';

export const SBO_PARTITIONS = ['soccer:live', 'soccer:today', 'soccer:early'] as const;

export function sboAdapter(deps: AdapterDeps): BookAdapter {
  return pagedAdapter('sbo', SBO_PARTITIONS, async (session, sport, tab, n) => {
    const body = await deps.http.json({
      method: 'GET',
      url: 'api/odds',
      params: { sport, tab, page: n },
      headers: { cookie: cookieHeader(session?.cookies ?? []) },
    });
    try {
      const page = parseSboPage(body, sport);
      return { ...page, pageCount: page.pages };
    } catch (error) {
      throw new BookError('sbo', `${tab} page ${n}: ${(error as Error).message}`);
    }
  });
}
