// sbo: a two-step browser login, then paged GETs of /api/odds per tab (live, today,
// early: the partitions) and page, every page of an assigned tab on every poll.
import { BookError } from '../../errors.js';
import { cookieHeader } from '../../http.js';
import { BookView } from '../state.js';
import { Skips } from '../types.js';
import type { AdapterDeps, BookAdapter, BookSession, PollResult } from '../types.js';
import { parseSboPage } from './parse.js';

export const SBO_PARTITIONS = ['soccer:live', 'soccer:today', 'soccer:early'] as const;

export function sboAdapter(deps: AdapterDeps): BookAdapter {
  const views = new Map<string, BookView>();
  const page = async (session: BookSession | undefined, sport: string, tab: string, n: number) => {
    const body = await deps.http.json({
      method: 'GET',
      url: 'api/odds',
      params: { sport, tab, page: n },
      headers: { cookie: cookieHeader(session?.cookies ?? []) },
    });
    try {
      return parseSboPage(body, sport);
    } catch (error) {
      throw new BookError('sbo', `${tab} page ${n}: ${(error as Error).message}`);
    }
  };
  return {
    book: 'sbo',
    partitions: SBO_PARTITIONS,
    needsLogin: true,
    async poll(session, partitions): Promise<PollResult> {
      const partitionOf = new Map<string, string>();
      const skips = new Skips();
      for (const partition of partitions) {
        const [sport = 'soccer', tab = 'today'] = partition.split(':');
        const first = await page(session, sport, tab, 1);
        const rest = await Promise.all(
          Array.from({ length: Math.max(0, first.pages - 1) }, (_, i) => page(session, sport, tab, i + 2)),
        );
        const pages = [first, ...rest];
        const view = views.get(partition) ?? new BookView();
        views.set(partition, view);
        const found = new Skips();
        for (const p of pages) found.absorb(p);
        view.replace({
          matches: pages.flatMap((p) => p.matches),
          skipped: found.count,
          problems: [],
          skippedIds: found.ids,
        });
        skips.absorb({ skipped: found.count, problems: found.problems, skippedIds: [] });
        for (const id of view.matches.keys()) partitionOf.set(id, partition);
      }
      const matches = [...partitionOf.keys()].flatMap((id) => {
        const match = views.get(partitionOf.get(id) ?? '')?.matches.get(id);
        return match ? [match] : [];
      });
      return { matches, partitionOf, skipped: skips.count, problems: skips.problems };
    },
    reset() {
      views.clear();
    },
    close: () => Promise.resolve(),
  };
}
