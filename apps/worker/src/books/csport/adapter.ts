// The BetLight platform's operators (csport: QQ188 C-Sport; cmd: CMD368's own site): a
// login only a real browser completes, then DataOdds.ashx by multipart POST (form-data)
// with the platform's fields: a full load (fc=1), then the changes since the last `t`,
// reloading in full when the book answers a: false. The operators differ in their site,
// login and odds type (m_accType), not in the feed: one adapter, one parser.
import type { OddsFormat } from '@arbhub/schema';
import FormData from 'form-data';
import { BookError } from '../../errors.js';
import { cookieHeader } from '../../http.js';
import { BookView } from '../state.js';
import type { AdapterDeps, BookAdapter, BookSession, PollResult } from '../types.js';
import { parseCsportAnswer } from './parse.js';

export const CSPORT_PARTITIONS = ['soccer:live', 'soccer:today', 'soccer:early'] as const;

/** What one operator of the platform is to the adapter: its book id and the odds type its feed serves. */
export interface BetlightOperator {
  book: 'csport' | 'cmd';
  /** `m_accType`: MY malay, ID indo. */
  accType: 'MY' | 'ID';
  format: OddsFormat;
}
export const CSPORT: BetlightOperator = { book: 'csport', accType: 'MY', format: 'malay' };

/** The request fields of DataOdds.ashx, as the platform's page sends them (m_accType: the operator's odds type). */
export function csportFields(
  t: number | undefined,
  now: number,
  accType: BetlightOperator['accType'] = 'MY',
): Record<string, string> {
  return {
    fc: t === undefined ? '1' : '0',
    m_accType: accType,
    SystemLanguage: 'en-US',
    TimeFilter: '0',
    m_gameType: 'S_',
    m_SortByTime: '0',
    m_LeagueList: '',
    SingleDouble: 'double',
    clientTime: new Date(now).toISOString(),
    c: 'A',
    fav: '',
    exlist: '0',
    keywords: '',
    m_sp: '0',
    ...(t === undefined ? {} : { t: String(t) }),
  };
}

export function csportAdapter(deps: AdapterDeps): BookAdapter {
  return betlightAdapter(deps, CSPORT);
}

export function betlightAdapter(deps: AdapterDeps, operator: BetlightOperator): BookAdapter {
  const { book } = operator;
  const view = new BookView();
  let t: number | undefined;
  const request = async (session: BookSession | undefined) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(csportFields(t, deps.clock.now(), operator.accType)))
      form.append(name, value);
    const body = await deps.http.json({
      method: 'POST',
      url: 'Member/BetsView/BetLight/DataOdds.ashx',
      data: form,
      headers: { ...form.getHeaders(), cookie: cookieHeader(session?.cookies ?? []) },
    });
    try {
      return parseCsportAnswer(body, deps.clock.now(), operator);
    } catch (error) {
      throw new BookError(book, (error as Error).message);
    }
  };
  return {
    book,
    partitions: CSPORT_PARTITIONS,
    needsLogin: true,
    async poll(session): Promise<PollResult> {
      let answer = await request(session);
      if (!answer.a) {
        // The book no longer remembers our `t`: reload everything.
        deps.logger.info({ book, t }, `${book} forgot our version: full reload`);
        t = undefined;
        answer = await request(session);
        if (!answer.a) throw new BookError(book, 'a full load answered a: false');
      }
      if (t === undefined) view.replace(answer);
      else view.merge(answer, answer.removed);
      t = answer.t;
      return { matches: view.all(), skipped: answer.skipped, problems: answer.problems };
    },
    reset() {
      t = undefined;
    },
    close: () => Promise.resolve(),
  };
}
