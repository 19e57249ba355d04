// The tables of the history database, as Kysely sees them. Times are epoch ms (bigint in
// PostgreSQL, read back as numbers); legs and flags are JSON text, the same in both.
import type { Generated } from 'kysely';

export interface ArbsTable {
  /** The hub's arbitrage id (unique across restarts: it carries the hub's start). */
  id: string;
  event_id: string;
  home: string;
  away: string;
  league: string;
  sport: string | null;
  start_time: string;
  in_play: number;
  period: string;
  kind: string;
  /** The books of the legs, sorted, as `,a,b,` (so `book=` is one LIKE in both databases). */
  books: string;
  /** The legs at the latest state, JSON. */
  legs: string;
  /** The flags at the latest state, JSON array. */
  flags: string;
  profit_pct: number;
  /** The best profit it reached while open. */
  max_profit_pct: number;
  return_ratio: number;
  opened_at: number;
  updated_at: number;
  closed_at: number | null;
  lifetime_ms: number | null;
  close_reason: string | null;
  updates: number;
  /** The book whose price had stood longest when it opened: the one that lagged the move. */
  lag_book: string | null;
}

export interface ArbEventsTable {
  seq: Generated<number>;
  arb_id: string;
  /** open, update or close. */
  change: string;
  ts: number;
  profit_pct: number;
  legs: string;
  flags: string;
  reason: string | null;
}

/** Each pair of books an arbitrage joined (a triple gives three): the stats' rows. */
export interface ArbPairsTable {
  arb_id: string;
  /** `a|b`, a < b. */
  pair: string;
  book_a: string;
  book_b: string;
  opened_at: number;
  lifetime_ms: number | null;
  profit_pct: number;
}

export interface PricesTable {
  seq: Generated<number>;
  /** book|eventId|market|period|line|side: one quote, as an arbitrage leg names it. */
  quote_key: string;
  book: string;
  event_id: string;
  market: string;
  period: string;
  line: number | null;
  side: string;
  odds: number;
  ts: number;
}

export interface HistoryTables {
  arbs: ArbsTable;
  arb_events: ArbEventsTable;
  arb_pairs: ArbPairsTable;
  prices: PricesTable;
}
