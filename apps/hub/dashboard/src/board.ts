// The board's rows: one per opportunity (canonical event and period), its best
// arbitrage with the guards' flags as badges, "+N more" opening the alternatives
// below it, new rows highlighted for 30 s, starting-soon rows coloured, closed rows
// showing their lifetime while they fade. Rows are kept by key, updated in place and
// moved only when out of order, so a focused button keeps its focus while prices move.
import type { Arb, OddsFormat } from '@arbhub/schema';
import { el } from './dom.js';
import { FLAG_TEXT, ageText, eventName, kickoffText, legText } from './view.js';
import type { BoardRow } from './view.js';

/** A row is new this long after its opportunity opened. */
export const NEW_MS = 30_000;

/** Opened in the last NEW_MS (by the hub's clock, as the ages are). */
const isNew = (row: BoardRow, now: number) => now - row.openedAt < NEW_MS;

export interface BoardActions {
  stakes(arbId: string): void;
  odds(eventId: string): void;
  hide(key: string): void;
  /** Something only the board knows changed (a row opened its alternatives): render again. */
  changed(): void;
}

function button(text: string, role: string, label: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', text);
  b.type = 'button';
  b.dataset.role = role;
  b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

/** The flags as badges (each with its meaning as the title), with spaces between. */
function flagBadges(arb: Arb): (HTMLElement | string)[] {
  return arb.flags.flatMap((flag) => {
    const badge = el('span', FLAG_TEXT[flag].label, `flag flag-${flag}`);
    badge.title = FLAG_TEXT[flag].title;
    return [' ', badge];
  });
}

function legList(arb: Arb, format: OddsFormat): HTMLUListElement {
  const legs = el('ul', '', 'legs');
  for (const leg of arb.legs) legs.append(el('li', legText(leg, arb.period, format)));
  return legs;
}

export class Board {
  private readonly rows = new Map<string, HTMLTableRowElement>();
  /** Alternative rows, by arbitrage id: kept like the rows, so their buttons keep focus too. */
  private readonly alts = new Map<string, HTMLTableRowElement>();
  private readonly expanded = new Set<string>();
  private shown: BoardRow[] = [];

  constructor(
    private readonly tbody: HTMLTableSectionElement,
    private readonly actions: BoardActions,
  ) {}

  /** Forgets what it knew of an opportunity that is gone (whether its alternatives were open). */
  forget(key: string): void {
    this.expanded.delete(key);
  }

  render(rows: BoardRow[], format: OddsFormat, closedAt: ReadonlyMap<string, number>, now: number): void {
    this.shown = rows;
    const keep = new Set(rows.map((r) => r.key));
    const keepAlts = new Set(
      rows.flatMap((r) => (this.expanded.has(r.key) && !r.closed ? r.alternatives.map((a) => a.id) : [])),
    );
    drop(this.rows, keep);
    drop(this.alts, keepAlts);
    const order: HTMLTableRowElement[] = [];
    for (const row of rows) {
      let tr = this.rows.get(row.key);
      if (!tr) {
        tr = this.createRow(row);
        this.rows.set(row.key, tr);
      }
      this.fillRow(tr, row, format, closedAt, now);
      order.push(tr);
      for (const alt of row.alternatives) {
        if (!keepAlts.has(alt.id)) continue;
        let altTr = this.alts.get(alt.id);
        if (!altTr) {
          altTr = this.createAlt(alt);
          this.alts.set(alt.id, altTr);
        }
        fillArbCells(altTr, alt, format, ageText(now - alt.openedAt));
        order.push(altTr);
      }
    }
    arrange(this.tbody, order);
  }

  /** Ages and colours move on with the clock. */
  tick(now: number, closedAt: ReadonlyMap<string, number>): void {
    for (const row of this.shown) {
      const tr = this.rows.get(row.key);
      if (!tr) continue;
      const age = tr.querySelector('td.age');
      if (age) age.textContent = this.ageOf(row, closedAt, now);
      tr.classList.toggle('new', !row.closed && isNew(row, now));
      for (const alt of row.alternatives) {
        const altAge = this.alts.get(alt.id)?.querySelector('td.age');
        if (altAge) altAge.textContent = ageText(now - alt.openedAt);
      }
    }
  }

  private ageOf(row: BoardRow, closedAt: ReadonlyMap<string, number>, now: number): string {
    if (!row.closed) return ageText(now - row.best.openedAt);
    const closed = closedAt.get(row.best.id) ?? now;
    return `closed, lived ${ageText(closed - row.best.openedAt)}`;
  }

  /** A row's cells and buttons, made once; fillRow changes only what they show. */
  private createRow(row: BoardRow): HTMLTableRowElement {
    const tr = el('tr', '', 'group');
    tr.dataset.group = row.key;
    const name = eventName(row.best);
    const odds = button(name, 'odds', `Odds of ${name} at every book`, () => {
      this.actions.odds(row.best.eventId);
    });
    odds.classList.add('linkish');
    const eventCell = el('td', '', 'event');
    eventCell.append(odds, el('span', '', 'live'), el('span', '', 'period'), el('span', '', 'flags'));
    const more = button('', 'more', '', () => {
      if (this.expanded.has(row.key)) this.expanded.delete(row.key);
      else this.expanded.add(row.key);
      this.actions.changed();
    });
    const actions = el('td', '', 'actions-cell');
    actions.append(
      button('Stakes', 'stakes', `Stakes for ${name}`, () => {
        // The row's best arbitrage when clicked: it may have changed since the row was made.
        if (tr.dataset.id) this.actions.stakes(tr.dataset.id);
      }),
      ' ',
      button('Hide', 'hide', `Hide ${name}`, () => {
        this.actions.hide(row.key);
      }),
      ' ',
      more,
    );
    tr.append(
      eventCell,
      el('td', '', 'league'),
      el('td', '', 'kickoff'),
      el('td', '', 'legs'),
      el('td', '', 'num profit'),
      el('td', '', 'num age'),
      actions,
    );
    return tr;
  }

  private fillRow(
    tr: HTMLTableRowElement,
    row: BoardRow,
    format: OddsFormat,
    closedAt: ReadonlyMap<string, number>,
    now: number,
  ): void {
    const { best } = row;
    fillArbCells(tr, best, format, this.ageOf(row, closedAt, now));
    const [eventCell, league, kickoff] = [...tr.cells];
    const live = eventCell?.querySelector('.live');
    if (live) live.textContent = best.event.inPlay ? ' (in play)' : '';
    const period = eventCell?.querySelector('.period');
    if (period) period.textContent = best.period === 'ht' ? ' · first half' : '';
    if (league) league.textContent = best.event.league;
    if (kickoff) kickoff.textContent = kickoffText(best.event.startTime);
    for (const b of tr.querySelectorAll<HTMLButtonElement>('[data-role=stakes],[data-role=hide]'))
      b.hidden = row.closed;
    const more = tr.querySelector<HTMLButtonElement>('[data-role=more]');
    if (more) {
      const count = row.alternatives.length;
      const open = this.expanded.has(row.key);
      more.hidden = row.closed || count === 0;
      more.textContent = open ? 'Fewer' : `+${count} more`;
      more.setAttribute(
        'aria-label',
        `${open ? 'Hide' : 'Show'} ${count} other ${count === 1 ? 'arbitrage' : 'arbitrages'} of ${eventName(best)}`,
      );
      more.setAttribute('aria-expanded', String(open));
    }
    tr.classList.toggle('new', !row.closed && isNew(row, now));
    tr.classList.toggle('closing', row.closed);
    tr.classList.toggle('soon', best.flags.includes('starting_soon'));
  }

  private createAlt(arb: Arb): HTMLTableRowElement {
    const tr = el('tr', '', 'alt');
    const first = el('td', '', 'event');
    first.append(el('span', 'alternative', 'note'), el('span', '', 'flags'));
    const actions = el('td');
    actions.append(
      button('Stakes', 'stakes', `Stakes for ${eventName(arb)} (alternative)`, () => {
        this.actions.stakes(arb.id);
      }),
    );
    tr.append(
      first,
      el('td'),
      el('td'),
      el('td', '', 'legs'),
      el('td', '', 'num profit'),
      el('td', '', 'num age'),
      actions,
    );
    return tr;
  }
}

/** What a row and an alternative row share: its id, flags, legs, profit, age and the flagged colour. */
function fillArbCells(tr: HTMLTableRowElement, arb: Arb, format: OddsFormat, age: string): void {
  tr.dataset.id = arb.id;
  tr.querySelector('.flags')?.replaceChildren(...flagBadges(arb));
  tr.querySelector('td.legs')?.replaceChildren(legList(arb, format));
  const profit = tr.querySelector('td.profit');
  if (profit) profit.textContent = `${arb.profitPct.toFixed(2)}%`;
  const ageCell = tr.querySelector('td.age');
  if (ageCell) ageCell.textContent = age;
  tr.classList.toggle('flagged', arb.flags.length > 0);
}

/**
 * Puts the rows in this order, moving only those out of place: a row taken out of the
 * page and put back loses the focus of its button, so one already in place stays put.
 */
function arrange(tbody: HTMLTableSectionElement, order: readonly HTMLTableRowElement[]): void {
  let at = tbody.firstElementChild;
  for (const tr of order) {
    if (tr === at) at = at.nextElementSibling;
    else tbody.insertBefore(tr, at);
  }
}

/** Removes the rows whose key is no longer kept. */
function drop(rows: Map<string, HTMLTableRowElement>, keep: ReadonlySet<string>): void {
  for (const [key, tr] of rows)
    if (!keep.has(key)) {
      tr.remove();
      rows.delete(key);
    }
}
