// csport: a login only a real browser completes, then DataOdds.ashx by multipart POST
// (form-data) with the C-Sport fields: a full load (fc=1), then the changes since the
// last `t`, reloading in full when the book answers a: false.
import FormData from 'form-data';
import { BookError } from '../../errors.js';
import { cookieHeader } from '../../http.js';
import { BookView } from '../state.js';
import type { AdapterDeps, BookAdapter, BookSession, PollResult } from '../types.js';
import { parseCsportAnswer } from './parse.js';

export const CSPORT_PARTITIONS = ['soccer:live', 'soccer:today', 'soccer:early'] as const;

/** The request fields of DataOdds.ashx, as the C-Sport page sends them (m_accType=MY: malay odds). */
export function csportFields(t: number | undefined, now: number): Record<string, string> {
  return {
    fc: t === undefined ? '1' : '0',
    m_accType: 'MY',
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
  const view = new BookView();
  let t: number | undefined;
  const request = async (session: BookSession | undefined) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(csportFields(t, deps.clock.now()))) form.append(name, value);
    const body = await deps.http.json({
      method: 'POST',
      url: 'Member/BetsView/BetLight/DataOdds.ashx',
      data: form,
      headers: { ...form.getHeaders(), cookie: cookieHeader(session?.cookies ?? []) },
    });
    try {
      return parseCsportAnswer(body, deps.clock.now());
    } catch (error) {
      throw new BookError('csport', (error as Error).message);
    }
  };
  return {
    book: 'csport',
    partitions: CSPORT_PARTITIONS,
    needsLogin: true,
    async poll(session): Promise<PollResult> {
      let answer = await request(session);
      if (!answer.a) {
        // The book no longer remembers our `t`: reload everything.
        deps.logger.info({ book: 'csport', t }, 'csport forgot our version: full reload');
        t = undefined;
        answer = await request(session);
        if (!answer.a) throw new BookError('csport', 'a full load answered a: false');
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
