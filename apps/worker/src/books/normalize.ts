// What every parser shares: odds in the book's format to decimal, markets built only
// when they carry a price, the finished match checked against the protocol schema.
import { toDecimal } from '@arbhub/odds';
import type { Market, Match, OddsFormat } from '@arbhub/schema';
import { check, matchSchema } from '@arbhub/schema';

/** A price as the feed shows it, in decimal; null when absent; throws on a value that is no price. */
export function decimal(value: unknown, format: OddsFormat, what: string): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n))
    throw new Error(`${what}: not a price (${JSON.stringify(value)})`);
  try {
    return toDecimal(n, format);
  } catch (error) {
    throw new Error(`${what}: ${(error as Error).message}`, { cause: error });
  }
}

/** The market, or nothing when none of its prices is there (a book that does not offer it). */
export function marketIf(market: Market): Market[] {
  return Object.values(market.prices).some((p) => p !== null) ? [market] : [];
}

/** A number from the feed, or an error naming it. */
export function num(value: unknown, what: string): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n))
    throw new Error(`${what}: expected a number, got ${JSON.stringify(value)}`);
  return n;
}

/** A non-empty text from the feed, or an error naming it. */
export function text(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new Error(`${what}: expected text, got ${JSON.stringify(value)}`);
  return value.trim();
}

/** The match checked against the protocol schema (what the hub will check): its first problem, or the match. */
export function validMatch(candidate: unknown): Match {
  const result = check(matchSchema, candidate);
  if (!result.ok) throw result.error;
  return result.value;
}
