// The Alerts panel: the alerter's last deliveries and its dead-letter list, as the hub's
// GET /alerts passes them on (ALERTER_URL). Hidden when the hub has no alerter.
import { api, byId, el } from './dom.js';

interface AlertRecord {
  id: string;
  channel: string;
  event: string;
  profitPct: number;
  attempts: number;
  status: string;
  lastError?: string;
  updatedAt: number;
}
const alertsBody = (byId('alerts') as HTMLTableElement).tBodies[0] as HTMLTableSectionElement;
const deadBody = (byId('dead-letters') as HTMLTableElement).tBodies[0] as HTMLTableSectionElement;
const clock = (ms: number) => new Date(ms).toLocaleTimeString();

async function renderAlerts(): Promise<void> {
  const response = await api('/alerts').catch(() => undefined);
  const panel = byId('alerts-panel');
  if (!response) return;
  if (!response.ok) {
    panel.hidden = false;
    byId('alerts-status').textContent = 'The alerter does not answer (see the hub log).';
    return;
  }
  const answer = (await response.json()) as {
    alerter: string | null;
    deliveries: AlertRecord[];
    deadLetters: AlertRecord[];
  };
  panel.hidden = answer.alerter === null;
  if (answer.alerter === null) return;
  byId('alerts-status').textContent =
    answer.deliveries.length === 0
      ? 'No alert sent yet.'
      : `${answer.deliveries.length.toString()} recent deliveries.`;
  /** One delivery's row: when, channel and event, then `more` cells. */
  const row = (d: AlertRecord, more: HTMLTableCellElement[]) => {
    const tr = el('tr');
    tr.dataset.delivery = d.id;
    tr.append(el('td', clock(d.updatedAt)), el('td', d.channel), el('td', d.event), ...more);
    return tr;
  };
  alertsBody.replaceChildren(
    ...answer.deliveries
      .slice(0, 20)
      .map((d) =>
        row(d, [
          el('td', `${d.profitPct.toFixed(2)}%`, 'num'),
          el('td', d.status, `alert-${d.status}`),
          el('td', String(d.attempts), 'num'),
        ]),
      ),
  );
  deadBody.replaceChildren(
    ...answer.deadLetters.slice(0, 20).map((d) => row(d, [el('td', d.lastError ?? '')])),
  );
  byId('dead-empty').hidden = answer.deadLetters.length > 0;
}

/** Keeps the panel in step with GET /alerts (every 5 s). */
export function startAlertsPanel(): void {
  setInterval(() => void renderAlerts(), 5000);
  void renderAlerts();
}
