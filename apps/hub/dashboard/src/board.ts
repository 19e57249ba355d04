// The board's rows: one per opportunity (canonical event and period), its best
// arbitrage with the guards' flags as badges, "+N more" opening the alternatives
// below it, new rows highlighted for 30 s, starting-soon rows coloured, closed rows
// showing their lifetime while they fade. Rows are kept by key and updated in place,
// so a focused button keeps its focus while prices move.
import type { Arb, OddsFormat } from '@arbhub/schema';
import { el } from './dom.js';
import { FLAG_TEXT, ageText, kickoffText, legText } from './view.js';
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

const eventName = (arb: Arb) => `${arb.event.home} v ${arb.event.away}`;

function button(text: string, role: string, label: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', text);
  b.type = 'button';
  b.dataset.role = role;
  b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

function flagBadges(arb: Arb): HTMLElement {
  const box = el('span', '', 'flags');
  for (const flag of arb.flags) {
    const badge = el('span', FLAG_TEXT[flag].label, `flag flag-${flag}`);
    badge.title = FLAG_TEXT[flag].title;
    box.append(' ', badge);
  }
  return box;
}

function legList(arb: Arb, format: OddsFormat): HTMLUListElement {
  const legs = el('ul', '', 'legs');
  for (const leg of arb.legs) legs.append(el('li', legText(leg, arb.period, format)));
  return legs;
}

export class Board {
  private readonly rows = new Map<string, HTMLTableRowElement>();
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
    for (const [key, tr] of this.rows)
      if (!keep.has(key)) {
        tr.remove();
        this.rows.delete(key);
      }
    for (const old of this.tbody.querySelectorAll('tr.alt')) old.remove();
    for (const row of rows) {
      let tr = this.rows.get(row.key);
      if (!tr) {
        tr = this.createRow(row.key);
        this.rows.set(row.key, tr);
      }
      this.fillRow(tr, row, format, closedAt, now);
      this.tbody.append(tr); // moves it into order; a focused button keeps its focus
      if (this.expanded.has(row.key) && !row.closed)
        for (const alt of row.alternatives) this.tbody.append(this.altRow(alt, format, now));
    }
  }

  /** Ages and colours move on with the clock. */
  tick(now: number, closedAt: ReadonlyMap<string, number>): void {
    for (const row of this.shown) {
      const tr = this.rows.get(row.key);
      if (!tr) continue;
      const age = tr.querySelector('td.age');
      if (age) age.textContent = this.ageOf(row, closedAt, now);
      tr.classList.toggle('new', !row.closed && isNew(row, now));
    }
  }

  private ageOf(row: BoardRow, closedAt: ReadonlyMap<string, number>, now: number): string {
    if (!row.closed) return ageText(now - row.best.openedAt);
    const closed = closedAt.get(row.best.id) ?? now;
    return `closed, lived ${ageText(closed - row.best.openedAt)}`;
  }

  private createRow(key: string): HTMLTableRowElement {
    const tr = el('tr', '', 'group');
    tr.dataset.group = key;
    const eventCell = el('td', '', 'event');
    const actions = el('td', '', 'actions-cell');
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
    tr.dataset.id = best.id;
    const [eventCell, league, kickoff, legs, profit, age, actions] = [...tr.cells];
    const name = eventName(best);
    eventCell?.replaceChildren(
      button(name, 'odds', `Odds of ${name} at every book`, () => {
        this.actions.odds(best.eventId);
      }),
      el('span', best.event.inPlay ? ' (in play)' : '', 'live'),
      el('span', best.period === 'ht' ? ' · first half' : '', 'period'),
      flagBadges(best),
    );
    (eventCell?.firstChild as HTMLElement | null)?.classList.add('linkish');
    if (league) league.textContent = best.event.league;
    if (kickoff) kickoff.textContent = kickoffText(best.event.startTime);
    legs?.replaceChildren(legList(best, format));
    if (profit) profit.textContent = `${best.profitPct.toFixed(2)}%`;
    if (age) age.textContent = this.ageOf(row, closedAt, now);
    this.fillActions(actions, row, name);
    tr.classList.toggle('new', !row.closed && isNew(row, now));
    tr.classList.toggle('closing', row.closed);
    tr.classList.toggle('flagged', best.flags.length > 0);
    tr.classList.toggle('soon', best.flags.includes('starting_soon'));
  }

  private fillActions(cell: HTMLTableCellElement | undefined, row: BoardRow, name: string): void {
    if (!cell) return;
    // Rebuilt only when what it shows changes, so that a focused button keeps its focus.
    const more = row.alternatives.length;
    const open = this.expanded.has(row.key);
    const signature = `${row.best.id}|${more}|${String(open)}|${String(row.closed)}`;
    if (cell.dataset.signature === signature) return;
    cell.dataset.signature = signature;
    const children: (HTMLElement | string)[] = [];
    if (!row.closed) {
      children.push(
        button('Stakes', 'stakes', `Stakes for ${name}`, () => {
          this.actions.stakes(row.best.id);
        }),
        ' ',
        button('Hide', 'hide', `Hide ${name}`, () => {
          this.actions.hide(row.key);
        }),
      );
      if (more > 0) {
        const toggle = button(
          open ? 'Fewer' : `+${more} more`,
          'more',
          `${open ? 'Hide' : 'Show'} ${more} other ${more === 1 ? 'arbitrage' : 'arbitrages'} of ${name}`,
          () => {
            if (this.expanded.has(row.key)) this.expanded.delete(row.key);
            else this.expanded.add(row.key);
            this.actions.changed();
          },
        );
        toggle.setAttribute('aria-expanded', String(open));
        children.push(' ', toggle);
      }
    }
    cell.replaceChildren(...children);
  }

  private altRow(arb: Arb, format: OddsFormat, now: number): HTMLTableRowElement {
    const tr = el('tr', '', arb.flags.length > 0 ? 'alt flagged' : 'alt');
    tr.dataset.id = arb.id;
    const name = eventName(arb);
    const first = el('td', '', 'event');
    first.append(el('span', 'alternative', 'note'), flagBadges(arb));
    const legs = el('td', '', 'legs');
    legs.append(legList(arb, format));
    const actions = el('td');
    actions.append(
      button('Stakes', 'stakes', `Stakes for ${name} (alternative)`, () => {
        this.actions.stakes(arb.id);
      }),
    );
    tr.append(
      first,
      el('td'),
      el('td'),
      legs,
      el('td', `${arb.profitPct.toFixed(2)}%`, 'num profit'),
      el('td', ageText(now - arb.openedAt), 'num age'),
      actions,
    );
    return tr;
  }
}
