// Books whose feed is pages per tab (sbo, ibc): every page of each assigned partition
// on every poll, the partition's view replaced by what its pages show now (a skipped
// row keeps its last good state), each match tagged with its partition.
import { BookView } from './state.js';
import { Skips } from './types.js';
import type { BookAdapter, BookSession, Parsed, PollResult } from './types.js';

/** One page of a partition: its matches and how many pages the partition has. */
export type Page = Parsed & { pageCount: number };

/** Fetches page `index` (from 1) of a partition `sport:tab`. */
export type PageFetch = (
  session: BookSession | undefined,
  sport: string,
  tab: string,
  index: number,
) => Promise<Page>;

export function pagedAdapter(book: string, partitions: readonly string[], fetchPage: PageFetch): BookAdapter {
  const views = new Map<string, BookView>();
  return {
    book,
    partitions,
    needsLogin: true,
    async poll(session, assigned): Promise<PollResult> {
      const partitionOf = new Map<string, string>();
      const skips = new Skips();
      for (const partition of assigned) {
        const [sport = 'soccer', tab = 'today'] = partition.split(':');
        const first = await fetchPage(session, sport, tab, 1);
        const rest = await Promise.all(
          Array.from({ length: Math.max(0, first.pageCount - 1) }, (_, i) =>
            fetchPage(session, sport, tab, i + 2),
          ),
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
