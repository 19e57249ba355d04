// The dashboard's page logic: /stream keeps the board of open arbitrage live (its rows
// in board.ts), the filters and the odds format decide what it shows, a row's stake
// panel asks POST /calc, the workers panel and one event's odds view poll the REST API.
import { ODDS_FORMAT_LABELS, ODDS_FORMATS, arbGroupKey, arbSelections, formatOdds } from '@arbhub/odds';
import type {
  Arb,
  CalcAnswer,
  ErrorBody,
  OddsAnswer,
  OddsFormat,
  StreamMessage,
  WorkerInfo,
} from '@arbhub/schema';
import { Board } from './board.js';
import { api, byId, el } from './dom.js';
import { startAlertsPanel } from './alerts.js';
import { startHistoryPanel } from './history.js';
import { startMatchingPanel } from './matching.js';
import {
  DEFAULT_FILTERS,
  FLAG_TEXT,
  ageText,
  boardRows,
  eventName,
  legText,
  money,
  oddsRows,
  stakesText,
} from './view.js';
import type { Filters } from './view.js';

const FORMAT_KEY = 'arbhub.oddsFormat';
/** A closed row stays this long, showing its lifetime, then goes. */
const FADE_MS = 3000;
const STALE_MS = 15_000;

// ---- state ----
const arbs = new Map<string, Arb>();
/** Closed arbitrage still shown while its row fades: id → when it closed. */
const closing = new Map<string, number>();
const hidden = new Set<string>();
const books = new Set<string>();
const sports = new Set<string>();
let filters: Filters = { ...DEFAULT_FILTERS, books: new Set() };
const stored = localStorage.getItem(FORMAT_KEY);
let format: OddsFormat = (ODDS_FORMATS as readonly string[]).includes(stored ?? '')
  ? (stored as OddsFormat)
  : 'decimal';
let stakeArbId: string | undefined;
let oddsEventId: string | undefined;

// ---- odds format ----
const formatSelect = byId('format') as HTMLSelectElement;
for (const f of ODDS_FORMATS) {
  const option = el('option', ODDS_FORMAT_LABELS[f]);
  option.value = f;
  formatSelect.append(option);
}
formatSelect.value = format;
formatSelect.addEventListener('change', () => {
  format = formatSelect.value as OddsFormat;
  localStorage.setItem(FORMAT_KEY, format);
  render();
  void renderStakes();
  void renderOdds();
});

// ---- filters ----
const minProfit = byId('min-profit') as HTMLInputElement;
const sportSelect = byId('sport') as HTMLSelectElement;
const whenSelect = byId('when') as HTMLSelectElement;
const sortSelect = byId('sort') as HTMLSelectElement;
const booksBox = byId('books') as HTMLFieldSetElement;
const unhide = byId('unhide') as HTMLButtonElement;

const flagsBox = byId('hide-flags') as HTMLFieldSetElement;
for (const [flag, text] of Object.entries(FLAG_TEXT)) {
  const label = el('label');
  label.title = text.title;
  const box = el('input');
  box.type = 'checkbox';
  box.value = flag;
  label.append(box, ` ${text.label}`);
  flagsBox.append(label);
}

function checked(box: HTMLFieldSetElement): Set<string> {
  const values = new Set<string>();
  for (const input of box.querySelectorAll<HTMLInputElement>('input[type=checkbox]'))
    if (input.checked) values.add(input.value);
  return values;
}

function readFilters(): void {
  filters = {
    minProfit: Number(minProfit.value) || 0,
    sport: sportSelect.value,
    books: checked(booksBox),
    when: whenSelect.value as Filters['when'],
    sort: sortSelect.value as Filters['sort'],
    hideFlags: checked(flagsBox) as Filters['hideFlags'],
  };
  render();
}
for (const control of [minProfit, sportSelect, whenSelect, sortSelect])
  control.addEventListener('input', readFilters);
booksBox.addEventListener('change', readFilters);
flagsBox.addEventListener('change', readFilters);
(byId('filters') as HTMLFormElement).addEventListener('submit', (event) => {
  event.preventDefault();
});
unhide.addEventListener('click', () => {
  hidden.clear();
  render();
});

/** A book or sport seen for the first time gets its control (books ticked). */
function learn(arb: Arb): void {
  for (const leg of arb.legs) learnBook(leg.book);
  const sport = arb.event.sport ?? 'soccer';
  if (!sports.has(sport)) {
    sports.add(sport);
    const option = el('option', sport);
    option.value = sport;
    sportSelect.append(option);
  }
}
function learnBook(book: string): void {
  if (books.has(book)) return;
  books.add(book);
  const label = el('label');
  const box = el('input');
  box.type = 'checkbox';
  box.value = book;
  box.checked = true;
  label.append(box, ` ${book}`);
  booksBox.append(label);
  (filters.books as Set<string>).add(book);
}

// ---- the board ----
const tbody = (byId('arbs') as HTMLTableElement).tBodies[0] as HTMLTableSectionElement;
const board = new Board(tbody, {
  stakes: (arbId) => {
    stakeArbId = arbId;
    void renderStakes();
    byId('stakes').focus();
  },
  odds: (eventId) => {
    oddsEventId = eventId;
    void renderOdds();
  },
  hide: (key) => {
    hidden.add(key);
    render();
  },
  changed: () => {
    render();
  },
});

function render(): void {
  const now = Date.now();
  const shown = boardRows(arbs.values(), filters, hidden, books, new Set(closing.keys()));
  board.render(shown, format, closing, now);
  const open = arbs.size - closing.size;
  const groups = shown.filter((row) => !row.closed).length;
  byId('empty').hidden = shown.length > 0;
  byId('arb-count').textContent =
    `(${groups} ${groups === 1 ? 'opportunity' : 'opportunities'} shown; ${open} open ${open === 1 ? 'arbitrage' : 'arbitrages'})`;
  unhide.hidden = hidden.size === 0;
  unhide.textContent = `Show hidden (${hidden.size})`;
  showLinked();
}

// An alert links to its row as /#arb=<id>: once the row is on the board, it is scrolled
// to and marked (once per link).
let linked = '';
function showLinked(): void {
  const match = /^#arb=(.+)$/.exec(location.hash);
  const id = match?.[1] ? decodeURIComponent(match[1]) : '';
  if (id === '' || id === linked) return;
  const row = document.querySelector<HTMLElement>(`#arbs tbody tr[data-id="${CSS.escape(id)}"]`);
  if (!row) return;
  linked = id;
  row.classList.add('linked');
  row.scrollIntoView({ block: 'center' });
}
window.addEventListener('hashchange', () => {
  linked = '';
  showLinked();
});

setInterval(() => {
  board.tick(Date.now(), closing);
}, 1000);

// ---- /stream ----
const connection = byId('connection');
let retryMs = 500;

function setConnection(text: string, down: boolean): void {
  connection.textContent = text;
  connection.classList.toggle('down', down);
}

function onMessage(message: StreamMessage): void {
  switch (message.type) {
    case 'arb:snapshot': {
      const ids = new Set(message.arbs.map((a) => a.id));
      for (const id of arbs.keys()) if (!ids.has(id)) arbs.delete(id);
      closing.clear();
      for (const arb of message.arbs) {
        arbs.set(arb.id, arb);
        learn(arb);
      }
      break;
    }
    case 'arb:open':
      arbs.set(message.arb.id, message.arb);
      closing.delete(message.arb.id);
      learn(message.arb);
      break;
    case 'arb:update':
      arbs.set(message.arb.id, message.arb);
      learn(message.arb);
      if (message.arb.id === stakeArbId) void renderStakes();
      break;
    case 'arb:close': {
      const id = message.id;
      const arb = arbs.get(id);
      if (!arb) break;
      closing.set(id, message.closedAt);
      if (id === stakeArbId) byId('stakes-profit').textContent = 'This arbitrage has closed.';
      setTimeout(() => {
        if (!closing.has(id)) return;
        closing.delete(id);
        arbs.delete(id);
        const key = arbGroupKey(arb);
        if (![...arbs.values()].some((other) => arbGroupKey(other) === key)) board.forget(key);
        render();
      }, FADE_MS);
      break;
    }
    case 'worker:status':
      void renderWorkers();
      return;
  }
  render();
}

function connect(): void {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${location.host}/stream`);
  socket.addEventListener('open', () => {
    retryMs = 500;
    setConnection('Live', false);
    void renderWorkers();
  });
  socket.addEventListener('message', (event: MessageEvent<string>) => {
    onMessage(JSON.parse(event.data) as StreamMessage);
  });
  socket.addEventListener('close', () => {
    setConnection(`Reconnecting to the hub… (next try in ${(retryMs / 1000).toFixed(1)} s)`, true);
    setTimeout(connect, retryMs);
    retryMs = Math.min(10_000, retryMs * 2);
  });
}

// ---- stake panel ----
const stakesPanel = byId('stakes');
stakesPanel.tabIndex = -1;
const bankroll = byId('bankroll') as HTMLInputElement;
const roundTo = byId('round') as HTMLInputElement;
const stakesBody = (byId('stakes-table') as HTMLTableElement).tBodies[0] as HTMLTableSectionElement;
const stakesProfit = byId('stakes-profit');
let lastStakes: { arb: Arb; stakes: number[]; profit: number } | undefined;

async function renderStakes(): Promise<void> {
  const arb = stakeArbId ? arbs.get(stakeArbId) : undefined;
  stakesPanel.hidden = !arb;
  if (!arb) return;
  byId('stakes-event').textContent = `${eventName(arb)}, ${arb.event.league}`;
  // A flagged arbitrage may not be real: say why before anyone places a stake.
  const warning = byId('stakes-flags');
  warning.hidden = arb.flags.length === 0;
  warning.textContent =
    arb.flags.length === 0
      ? ''
      : `Check before betting: ${arb.flags.map((flag) => FLAG_TEXT[flag].title).join('; ')}.`;
  if (lastStakes?.arb.id !== arb.id) byId('copy-status').textContent = '';
  const response = await api('/calc', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      selections: arbSelections(arb),
      bankroll: Number(bankroll.value) || 1000,
      round: Number(roundTo.value) || 1,
    }),
  });
  const answer = (await response.json()) as CalcAnswer & Partial<ErrorBody>;
  if (!response.ok || !answer.rounded) {
    stakesProfit.textContent = `The calculator refused it: ${answer.message ?? response.statusText}`;
    return;
  }
  const rounded = answer.rounded;
  stakesBody.replaceChildren(
    ...arb.legs.map((leg, i) => {
      const tr = el('tr');
      tr.append(
        el('td', legText(leg, arb.period, format)),
        el('td', money(rounded.stakes[i] ?? 0), 'num stake'),
      );
      return tr;
    }),
  );
  lastStakes = { arb, stakes: rounded.stakes, profit: rounded.profit };
  stakesProfit.textContent = `Guaranteed profit ${money(rounded.profit)} (at least ${money(rounded.minPayout)} back)`;
}
for (const input of [bankroll, roundTo]) input.addEventListener('input', () => void renderStakes());
(byId('stakes-form') as HTMLFormElement).addEventListener('submit', (event) => {
  event.preventDefault();
});
byId('copy').addEventListener('click', () => {
  if (!lastStakes) return;
  const text = stakesText(lastStakes.arb, lastStakes.stakes, lastStakes.profit, format);
  navigator.clipboard.writeText(text).then(
    () => (byId('copy-status').textContent = 'Copied to the clipboard.'),
    () => (byId('copy-status').textContent = 'The browser refused the clipboard: select the stakes above.'),
  );
});
byId('stakes-close').addEventListener('click', () => {
  stakeArbId = undefined;
  stakesPanel.hidden = true;
});

// ---- one event's odds ----
const oddsPanel = byId('odds');
oddsPanel.tabIndex = -1;
const oddsTable = byId('odds-table') as HTMLTableElement;

async function renderOdds(): Promise<void> {
  if (!oddsEventId) return;
  const answer = (await (await api('/odds')).json()) as OddsAnswer;
  const event = answer.events.find((e) => e.id === oddsEventId);
  oddsPanel.hidden = false;
  if (!event) {
    byId('odds-title').textContent = 'Odds: the event is no longer listed';
    oddsTable.tBodies[0]?.replaceChildren();
    return;
  }
  byId('odds-title').textContent = `Odds: ${event.home} v ${event.away}`;
  const names = Object.keys(event.books).sort();
  const head = el('tr');
  head.append(el('th', 'Selection'), ...names.map((name) => el('th', name, 'num')));
  for (const th of head.cells) th.setAttribute('scope', 'col');
  oddsTable.tHead?.replaceChildren(head);
  oddsTable.tBodies[0]?.replaceChildren(
    ...oddsRows(event.books).map((row) => {
      const tr = el('tr');
      const label = el('th', row.label);
      label.setAttribute('scope', 'row');
      tr.append(label);
      for (const name of names) {
        const odds = row.prices.get(name);
        const best = row.best.has(name);
        const td = el('td', odds === undefined ? '–' : formatOdds(odds, format), best ? 'num best' : 'num');
        if (best) td.append(el('span', ' (best)', 'sr-only'));
        tr.append(td);
      }
      return tr;
    }),
  );
}
byId('odds-close').addEventListener('click', () => {
  oddsEventId = undefined;
  oddsPanel.hidden = true;
});
setInterval(() => void renderOdds(), 3000);

// ---- workers ----
const workersBody = (byId('workers') as HTMLTableElement).tBodies[0] as HTMLTableSectionElement;

async function renderWorkers(): Promise<void> {
  const response = await api('/workers').catch(() => undefined);
  if (!response?.ok) return;
  const workers = (await response.json()) as WorkerInfo[];
  const now = Date.now();
  workersBody.replaceChildren(
    ...workers.map((w) => {
      learnBook(w.book);
      const stale = w.state === 'stale' || w.state === 'disconnected' || now - w.lastSeenAt > STALE_MS;
      const tr = el('tr');
      tr.dataset.worker = w.workerId;
      tr.append(
        el('td', w.workerId),
        el('td', w.book),
        el(
          'td',
          stale && w.state !== 'stale' ? `${w.state} (stale)` : w.state,
          `state-${stale ? 'stale' : w.state}`,
        ),
        el('td', `${ageText(now - w.lastSeenAt)} ago`),
        el('td', w.partitions.join(', ')),
        el('td', String(w.errors), 'num'),
      );
      return tr;
    }),
  );
}
setInterval(() => void renderWorkers(), 3000);

render();
connect();
startMatchingPanel();
startAlertsPanel();
startHistoryPanel();
