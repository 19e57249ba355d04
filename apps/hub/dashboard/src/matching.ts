// The "Matching" panel: listings the matcher could not place (or placed unsure), each
// beside its candidate events, with Link and Not-this buttons that POST a person's
// decision to /matching/link and /matching/unlink. The hub keeps the decision.
import type { ReviewAnswer } from '@arbhub/schema';
import { api, byId, el } from './dom.js';

type Item = ReviewAnswer['items'][number];

const kickoff = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });

async function decide(path: '/matching/link' | '/matching/unlink', body: object): Promise<string> {
  const response = await api(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).catch(() => undefined);
  if (!response) return 'The hub did not answer: nothing was changed.';
  if (response.ok) return '';
  const error = (await response.json().catch(() => ({}))) as { message?: string };
  return `Refused: ${error.message ?? response.statusText}`;
}

/** A button with its visible text, the label a screen reader says, and what a click does. */
function button(text: string, label: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', text);
  b.type = 'button';
  b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

/** One review item as rows: the listing, then a row per candidate with its buttons. */
function itemRows(item: Item, onDone: (message: string) => void): HTMLTableRowElement[] {
  const head = el('tr', '', 'review-listing');
  head.dataset.listing = `${item.book}|${item.eventId}`;
  const what =
    item.reason === 'unplaced'
      ? 'joined no event'
      : `merged unsure (${item.evidence}, ${Math.round(item.confidence * 100).toString()}%)`;
  const name = el('th', `${item.home} v ${item.away}`);
  name.setAttribute('scope', 'rowgroup');
  head.append(name, el('td', item.book), el('td', kickoff(item.startTime)), el('td', what));
  const actions = el('td');
  if (item.reason === 'low_confidence')
    actions.append(
      button('Not this', `Not this event: take ${item.book}'s ${item.home} v ${item.away} out`, () => {
        void decide('/matching/unlink', { book: item.book, eventId: item.eventId }).then(onDone);
      }),
    );
  head.append(actions);
  const rows = [head];
  for (const candidate of item.candidates) {
    const tr = el('tr', '', 'review-candidate');
    tr.dataset.candidate = candidate.canonicalId;
    tr.append(
      el('td', `↳ ${candidate.home} v ${candidate.away}`),
      el('td', candidate.books.join(', ')),
      el('td', kickoff(candidate.startTime)),
      el(
        'td',
        `names ${Math.round(candidate.score * 100).toString()}% alike${candidate.swapped ? ', sides swapped' : ''}`,
      ),
    );
    const choice = { book: item.book, eventId: item.eventId, canonicalId: candidate.canonicalId };
    const cell = el('td');
    const link = button(
      'Link',
      `Link ${item.book}'s ${item.home} v ${item.away} to ${candidate.home} v ${candidate.away}`,
      () => void decide('/matching/link', choice).then(onDone),
    );
    const not = button(
      'Not this',
      `${candidate.home} v ${candidate.away} is not ${item.home} v ${item.away}`,
      () => void decide('/matching/unlink', choice).then(onDone),
    );
    cell.append(link, ' ', not);
    tr.append(cell);
    rows.push(tr);
  }
  return rows;
}

/** Keeps the panel in step with GET /matching/review; renders again after each decision. */
export function startMatchingPanel(intervalMs = 5000): { refresh(): Promise<void> } {
  const body = (byId('review') as HTMLTableElement).tBodies[0] as HTMLTableSectionElement;
  const count = byId('review-count');
  const empty = byId('review-empty');
  const status = byId('review-status');
  const refresh = async () => {
    const response = await api('/matching/review').catch(() => undefined);
    if (!response?.ok) return;
    const { items } = (await response.json()) as ReviewAnswer;
    count.textContent = items.length > 0 ? `(${items.length.toString()})` : '';
    empty.hidden = items.length > 0;
    // A panel a person is using (a button focused) is not redrawn under them, except after a decision.
    if (body.contains(document.activeElement) && !refreshing) return;
    body.replaceChildren(
      ...items.flatMap((item) =>
        itemRows(item, (message) => {
          status.textContent = message || `Saved: ${item.book} ${item.home} v ${item.away}.`;
          refreshing = true;
          void refresh().finally(() => (refreshing = false));
        }),
      ),
    );
  };
  let refreshing = false;
  setInterval(() => void refresh(), intervalMs);
  void refresh();
  return { refresh };
}
