// What an alert says: the event, its kick-off, each leg (book, market, line, side, odds and
// the stake for ALERT_BANKROLL rounded to ALERT_ROUND, from calculate() of @arbhub/odds, so
// the stakes are the ones /calc and the dashboard show) and the profit, with a link to the
// dashboard row.
import { calculate } from '@arbhub/odds';
import type { Arb } from '@arbhub/schema';
import type { AlertType } from './delivery.js';

export interface MessageOptions {
  bankroll: number;
  round: number;
  dashboardUrl: string;
}

/** The stake per leg for the bankroll, rounded, as calculate() gives it (undefined when it cannot). */
export function stakesFor(arb: Arb, { bankroll, round }: Pick<MessageOptions, 'bankroll' | 'round'>) {
  try {
    const answer = calculate({
      selections: arb.legs.map((leg) => ({
        market: leg.market,
        period: arb.period,
        ...(leg.line === null ? {} : { line: leg.line }),
        side: leg.side,
        odds: leg.odds,
        book: leg.book,
        ...(leg.maxStake === null ? {} : { maxStake: leg.maxStake }),
      })),
      bankroll,
      round: Math.min(round, bankroll),
    });
    return answer.rounded;
  } catch {
    return undefined;
  }
}

const MARKET: Record<string, string> = { ah: 'AH', ou: 'O/U', '1x2': '1X2', ml: 'ML' };
const signed = (line: number) => (line > 0 ? `+${line.toString()}` : line.toString());

/** One leg as a bettor reads it: "csport: AH home -0.5 @ 2.10, stake 476". */
function legLine(leg: Arb['legs'][number], stake: number | undefined): string {
  const line = leg.line === null ? '' : ` ${leg.market === 'ah' ? signed(leg.line) : leg.line.toString()}`;
  const at = `${leg.book}: ${MARKET[leg.market] ?? leg.market} ${leg.side}${line} @ ${leg.odds.toFixed(2)}`;
  return stake === undefined ? at : `${at}, stake ${stake.toString()}`;
}

/** The dashboard's address of this arbitrage's row. */
export function rowLink(arb: Arb, dashboardUrl: string): string {
  return `${dashboardUrl.replace(/\/+$/, '')}/#arb=${encodeURIComponent(arb.id)}`;
}

/** The alert as plain text (Telegram sends it as is; no markup to escape). */
export function messageText(type: AlertType, arb: Arb, options: MessageOptions): string {
  const rounded = stakesFor(arb, options);
  const kickoff = new Date(arb.event.startTime).toISOString().replace('T', ' ').slice(0, 16);
  const head =
    type === 'arb:open'
      ? `Arbitrage ${arb.profitPct.toFixed(2)}%: ${arb.event.home} v ${arb.event.away}`
      : `Closed: ${arb.event.home} v ${arb.event.away} (was ${arb.profitPct.toFixed(2)}%)`;
  const lines = [
    head,
    `${arb.event.league}${arb.event.sport ? ` (${arb.event.sport})` : ''}, kick-off ${kickoff} UTC${arb.event.inPlay ? ', in play' : ''}, ${arb.period === 'ht' ? 'half time' : 'full time'}`,
    ...arb.legs.map((leg, i) => legLine(leg, rounded?.stakes[i])),
  ];
  if (type === 'arb:open' && rounded)
    lines.push(
      `Bankroll ${(rounded.total ?? options.bankroll).toString()}: at least ${rounded.minPayout.toFixed(2)} back, profit ${rounded.profit.toFixed(2)}`,
    );
  if (arb.flags.length > 0) lines.push(`Check before betting: ${arb.flags.join(', ')}`);
  lines.push(rowLink(arb, options.dashboardUrl));
  return lines.join('\n');
}
