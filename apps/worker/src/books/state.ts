// The book as an adapter last saw it: event id → match. A full load replaces it (but a
// row that could not be read keeps its last good state); changes merge into it.
import type { Match } from '@arbhub/schema';
import type { Parsed } from './types.js';

export class BookView {
  readonly matches = new Map<string, Match>();

  /** A full answer: what it lists, plus the last good state of rows it could not read. */
  replace(parsed: Parsed): void {
    const kept = new Map(
      parsed.skippedIds.flatMap((id) => {
        const match = this.matches.get(id);
        return match ? [[id, match] as const] : [];
      }),
    );
    this.matches.clear();
    for (const [id, match] of kept) this.matches.set(id, match);
    for (const match of parsed.matches) this.matches.set(match.eventId, match);
  }

  /** Changes: what it lists replaces, what it removes goes. */
  merge(parsed: Parsed, removed: readonly string[]): void {
    for (const id of removed) this.matches.delete(id);
    for (const match of parsed.matches) this.matches.set(match.eventId, match);
  }

  all(): Match[] {
    return [...this.matches.values()];
  }
}
