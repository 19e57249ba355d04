// The History panel: what the hub's history database kept (GET /history/stats and
// /history/arbs), drawn with uPlot: arbitrage per hour, lifetime and profit histograms,
// a book × book heat map (a table: counts you can read, shades you can see), and one
// arbitrage's legs' prices around its lifetime. Hidden when the hub keeps no history.
import type { Bucket, HistoryArb, HistoryArbDetail, HistoryStats } from '@arbhub/schema';
import uPlot from 'uplot';
import { api, byId, el } from './dom.js';

type Stats = HistoryStats;
type Detail = HistoryArbDetail;

const PERIODS: Record<string, number> = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};
/** One colour per line, readable on white (and told apart by the legend's text too). */
const PALETTE = ['#0b5cad', '#b3261e', '#0f6b2f', '#8a4b00', '#6a1b9a', '#00695c'];

const panel = byId('history-panel');
const status = byId('history-status');
const periodSelect = byId('history-period') as HTMLSelectElement;
const bookSelect = byId('history-book') as HTMLSelectElement;
const csvLink = byId('history-csv') as HTMLAnchorElement;
const arbsBody = (byId('history-arbs') as HTMLTableElement).tBodies[0] as HTMLTableSectionElement;
const charts = new Map<string, uPlot>();

const seconds = (ms: number) => ms / 1000;
const lifetimeText = (ms: number | null) =>
  ms === null ? 'open' : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 60_000).toFixed(1)} min`;
const bucketText = (b: Bucket, unit: (v: number) => string) =>
  b.to === null ? `≥ ${unit(b.from)}` : `${unit(b.from)}–${unit(b.to)}`;
const secondsUnit = (ms: number) => (ms < 60_000 ? `${String(ms / 1000)}s` : `${String(ms / 60_000)}m`);
const percentUnit = (v: number) => `${String(v)}%`;

function chartWidth(container: HTMLElement): number {
  const widest = container.classList.contains('wide') ? 1000 : 560;
  return Math.max(280, Math.min(widest, container.clientWidth || 480));
}

/** Draws (or redraws) the chart in `#id`, its accessible summary in `label`. */
function draw(
  id: string,
  options: Omit<uPlot.Options, 'width' | 'height'>,
  data: uPlot.AlignedData,
  label: string,
): void {
  const container = byId(id);
  container.setAttribute('aria-label', label);
  charts.get(id)?.destroy();
  charts.set(id, new uPlot({ width: chartWidth(container), height: 200, ...options }, data, container));
}

/** Bars over labelled buckets (the x axis shows each bucket's range). */
function barChart(
  id: string,
  title: string,
  buckets: Bucket[],
  unit: (v: number) => string,
  what: string,
): void {
  const labels = buckets.map((b) => bucketText(b, unit));
  // On the axis, each bucket's lower edge (its full range is in the accessible summary).
  const ticks = buckets.map((b) => (b.to === null ? `${unit(b.from)}+` : unit(b.from)));
  const xs = buckets.map((_, i) => i);
  const bars = uPlot.paths.bars?.({ size: [0.8, 40] });
  draw(
    id,
    {
      title,
      scales: {
        x: { time: false, range: [-0.5, buckets.length - 0.5] },
        y: { range: (_u, _min, max) => [0, Math.max(1, max)] },
      },
      axes: [
        {
          splits: () => xs,
          values: (_u, splits) => splits.map((s) => ticks[s] ?? ''),
          font: '10px system-ui, sans-serif',
        },
        { label: 'arbitrage' },
      ],
      legend: { show: false },
      series: [
        {},
        {
          label: what,
          stroke: PALETTE[0],
          fill: 'rgba(11, 92, 173, 0.35)',
          ...(bars ? { paths: bars } : {}),
          points: { show: false },
        },
      ],
    },
    [xs, buckets.map((b) => b.count)],
    `${title}: ${buckets.map((b, i) => `${labels[i] ?? ''} ${String(b.count)}`).join(', ')}`,
  );
}

/** The book × book table of counts, each cell shaded by its share of the largest. */
function heatMap(stats: Stats): void {
  const table = byId('history-heat') as HTMLTableElement;
  const books = [...new Set(stats.pairs.flatMap((p) => p.books))].sort();
  const count = new Map(stats.pairs.map((p) => [p.books.join('|'), p]));
  const max = Math.max(1, ...stats.pairs.map((p) => p.count));
  const head = el('tr');
  head.append(el('th', 'Book'));
  for (const b of books) {
    const th = el('th', b);
    th.scope = 'col';
    head.append(th);
  }
  const rows = books.map((a) => {
    const tr = el('tr');
    const th = el('th', a);
    th.scope = 'row';
    tr.append(th);
    for (const b of books) {
      const pair = count.get([a, b].sort().join('|'));
      const td = el('td', a === b ? '–' : String(pair?.count ?? 0), 'num');
      const level = pair ? Math.ceil((pair.count / max) * 5) : 0;
      td.classList.add(`heat-${String(level)}`);
      if (pair?.medianLifetimeMs != null)
        td.title = `${a} × ${b}: ${String(pair.count)} arbitrage, median lifetime ${lifetimeText(pair.medianLifetimeMs)}, p90 ${lifetimeText(pair.p90LifetimeMs)}, median profit ${(pair.medianProfitPct ?? 0).toFixed(2)}%`;
      tr.append(td);
    }
    return tr;
  });
  (table.tHead ?? table.createTHead()).replaceChildren(head);
  (table.tBodies[0] ?? table.createTBody()).replaceChildren(...rows);
  byId('history-heat-empty').hidden = books.length > 0;
}

function lagTable(stats: Stats): void {
  const body = (byId('history-lag') as HTMLTableElement).tBodies[0] as HTMLTableSectionElement;
  body.replaceChildren(
    ...stats.books.map((b) => {
      const tr = el('tr');
      tr.append(
        el('td', b.book),
        el('td', String(b.arbs), 'num'),
        el('td', String(b.lagging), 'num'),
        el('td', `${(b.laggingShare * 100).toFixed(0)}%`, 'num'),
      );
      return tr;
    }),
  );
}

function query(): string {
  const to = Date.now();
  const from = to - (PERIODS[periodSelect.value] ?? PERIODS['24h'] ?? 0);
  const params = new URLSearchParams({ from: String(from), to: String(to) });
  if (bookSelect.value) params.set('book', bookSelect.value);
  return params.toString();
}

/** Bumped by every render: an answer that arrives after a newer render began is dropped. */
let generation = 0;

async function renderHistory(): Promise<void> {
  const mine = ++generation;
  const stale = () => mine !== generation;
  const q = query();
  const response = await api(`/history/stats?${q}`).catch(() => undefined);
  if (!response || stale()) return;
  if (response.status === 503) {
    const body = (await response.json()) as { error?: string };
    panel.hidden = body.error === 'history_disabled';
    status.textContent =
      'The history database does not answer right now; what happens meanwhile is kept and written later.';
    return;
  }
  if (!response.ok) return;
  panel.hidden = false;
  const stats = (await response.json()) as Stats;
  if (stale()) return;
  const total = stats.perHour.reduce((s, h) => s + h.count, 0);
  status.textContent = `${String(total)} arbitrage in this period.`;
  for (const b of stats.books)
    if (![...bookSelect.options].some((o) => o.value === b.book))
      bookSelect.append(new Option(b.book, b.book));
  const hours = stats.perHour;
  draw(
    'chart-hourly',
    {
      title: 'Arbitrage per hour',
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [{}, { label: 'arbitrage' }],
      legend: { show: false },
      series: [
        {},
        {
          label: 'opened',
          stroke: PALETTE[0],
          fill: 'rgba(11, 92, 173, 0.35)',
          ...(uPlot.paths.bars ? { paths: uPlot.paths.bars({ size: [0.8, 30] }) } : {}),
          points: { show: false },
        },
      ],
    },
    [hours.map((h) => seconds(h.hour)), hours.map((h) => h.count)],
    `Arbitrage per hour: ${hours.map((h) => `${new Date(h.hour).toLocaleString()} ${String(h.count)}`).join(', ') || 'none'}`,
  );
  barChart('chart-lifetime', 'Lifetime', stats.histograms.lifetimeMs, secondsUnit, 'closed arbitrage');
  barChart('chart-profit', 'Best profit', stats.histograms.profitPct, percentUnit, 'arbitrage');
  heatMap(stats);
  lagTable(stats);
  await renderRecent(q, stale);
}

/** The latest arbitrage of the query, and the export link of the same query, set together. */
async function renderRecent(q: string, stale: () => boolean): Promise<void> {
  const response = await api(`/history/arbs?${q}&limit=25`).catch(() => undefined);
  if (!response?.ok || stale()) return;
  const { items } = (await response.json()) as { items: HistoryArb[] };
  if (stale()) return;
  csvLink.href = `/history/arbs.csv?${q}`;
  arbsBody.replaceChildren(
    ...items.map((arb) => {
      const tr = el('tr');
      tr.dataset.arb = arb.id;
      const button = el('button', 'Prices');
      button.type = 'button';
      button.setAttribute('aria-label', `Prices of ${arb.event.home} v ${arb.event.away}`);
      button.addEventListener('click', () => void showPrices(arb.id));
      const actions = el('td');
      actions.append(button);
      tr.append(
        el('td', new Date(arb.openedAt).toLocaleString()),
        el('td', `${arb.event.home} v ${arb.event.away}`),
        el('td', arb.books.join(', ')),
        el('td', `${arb.maxProfitPct.toFixed(2)}%`, 'num'),
        el('td', lifetimeText(arb.lifetimeMs), 'num'),
        el('td', arb.closeReason ?? 'open'),
        el('td', arb.lagBook ?? ''),
        actions,
      );
      return tr;
    }),
  );
  byId('history-empty').hidden = items.length > 0;
}

/** One arbitrage's legs' prices, a stepped line per leg, its lifetime marked. */
export async function showPrices(id: string): Promise<void> {
  const response = await api(`/history/arbs/${encodeURIComponent(id)}`).catch(() => undefined);
  if (!response?.ok) return;
  const arb = (await response.json()) as Detail;
  const section = byId('history-detail');
  section.hidden = false;
  byId('history-detail-title').textContent =
    `${arb.event.home} v ${arb.event.away}: prices around the arbitrage`;
  const legKey = (p: { book: string; market: string; line: number | null; side: string }) =>
    `${p.book} ${p.market}${p.line === null ? '' : ` ${String(p.line)}`} ${p.side}`;
  const legs = arb.legs.map(legKey);
  const times = [...new Set(arb.prices.map((p) => p.ts))].sort((a, b) => a - b);
  const end = arb.closedAt ?? Date.now();
  if (times.length === 0 || (times.at(-1) ?? 0) < end) times.push(end);
  const series = legs.map((key) => {
    const points = arb.prices.filter((p) => legKey(p) === key);
    let last: number | null = null;
    let i = 0;
    return times.map((t) => {
      while (i < points.length && (points[i]?.ts ?? Infinity) <= t) last = points[i++]?.odds ?? last;
      return last;
    });
  });
  const stepped = uPlot.paths.stepped?.({ align: 1 });
  const opened = seconds(arb.openedAt);
  const closed = seconds(end);
  draw(
    'chart-prices',
    {
      title: `Prices of the legs (decimal odds); the arbitrage from ${new Date(arb.openedAt).toLocaleTimeString()} to ${arb.closedAt === null ? 'now' : new Date(arb.closedAt).toLocaleTimeString()}`,
      scales: { x: { time: true } },
      axes: [{}, { label: 'odds' }],
      series: [
        {},
        ...legs.map((label, i) => ({
          label,
          stroke: PALETTE[i % PALETTE.length] ?? '#000',
          width: 2,
          points: { show: false },
          ...(stepped ? { paths: stepped } : {}),
        })),
      ],
      hooks: {
        // The arbitrage's lifetime, shaded behind the lines.
        drawClear: [
          (u: uPlot) => {
            const x0 = u.valToPos(opened, 'x', true);
            const x1 = u.valToPos(closed, 'x', true);
            u.ctx.save();
            u.ctx.fillStyle = 'rgba(15, 107, 47, 0.12)';
            u.ctx.fillRect(x0, u.bbox.top, Math.max(1, x1 - x0), u.bbox.height);
            u.ctx.restore();
          },
        ],
      },
    },
    [times.map(seconds), ...series],
    `Prices of ${legs.join(' and ')} from 10 minutes before the arbitrage opened until it ${arb.closedAt === null ? 'now' : 'closed'}: ${legs
      .map(
        (key, i) =>
          `${key} ${(series[i] ?? []).filter((v, k, all) => v !== null && v !== all[k - 1]).join(' → ')}`,
      )
      .join('; ')}`,
  );
  section.scrollIntoView({ block: 'nearest' });
}

/** Keeps the panel in step with the history (every 30 s, and when a filter changes). */
export function startHistoryPanel(): void {
  periodSelect.addEventListener('change', () => void renderHistory());
  bookSelect.addEventListener('change', () => void renderHistory());
  byId('history-detail-close').addEventListener('click', () => {
    byId('history-detail').hidden = true;
  });
  setInterval(() => void renderHistory(), 30_000);
  void renderHistory();
}
