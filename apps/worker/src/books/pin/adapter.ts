// pin: no browser and no stored session: HTTP Basic on every request, and a `since`
// cursor so each poll answers only what changed (everything when the cursor is too old).
import { BookError } from '../../errors.js';
import { BookView } from '../state.js';
import type { AdapterDeps, BookAdapter, PollResult } from '../types.js';
import { parsePinAnswer } from './parse.js';

export const PIN_PARTITIONS = ['soccer:live', 'soccer:today', 'soccer:early'] as const;

export function pinAdapter(deps: AdapterDeps): BookAdapter {
  const view = new BookView();
  let since: number | undefined;
  const { username, password } = deps.credentials;
  return {
    book: 'pin',
    partitions: PIN_PARTITIONS,
    needsLogin: false,
    async poll(): Promise<PollResult> {
      const body = await deps.http.json({
        url: 'v3/odds',
        params: since === undefined ? {} : { since },
        auth: { username, password },
      });
      let answer;
      try {
        answer = parsePinAnswer(body);
      } catch (error) {
        throw new BookError('pin', (error as Error).message);
      }
      if (answer.full) view.replace(answer);
      else view.merge(answer, answer.removed);
      since = answer.last;
      return { matches: view.all(), skipped: answer.skipped, problems: answer.problems };
    },
    reset() {
      since = undefined;
    },
    close: () => Promise.resolve(),
  };
}
