// The shapes of planted arbitrage: which prices of which listings a plant of each kind
// uses, the market move that favours a side, and a price's line in /calc's terms.
import type { MarketType, PlantKind, Side } from '@arbhub/schema';
import type { Listing, Price } from './world.js';

/** The prices a plant uses, each with its listing; the first is the slow (or erring) book's. */
export type PlantPick = { listing: Listing; price: Price }[];

/**
 * The prices an arbitrage of this kind would use: the first at the slow book (the
 * side the move makes likelier; `flip` picks away over home, under over over), the
 * others at other books (a triple at three).
 */
export function legsFor(
  kind: PlantKind,
  slow: Listing,
  others: readonly Listing[],
  flip: boolean,
): PlantPick | undefined {
  const find = (
    l: Listing | undefined,
    market: MarketType,
    side: Side,
    line?: (lines: number[]) => number | undefined,
  ) => {
    if (!l) return undefined;
    const candidates = l.prices.filter(
      (p) => p.market.market === market && p.market.period === 'ft' && p.side === side,
    );
    const lines = [...new Set(candidates.map((p) => p.market.line ?? 0))].sort((a, b) => a - b);
    const wanted = line ? line(lines) : undefined;
    const price = wanted === undefined ? candidates[0] : candidates.find((p) => p.market.line === wanted);
    return price ? { listing: l, price } : undefined;
  };
  const [b, c] = others;
  const [mine, theirs] = flip ? (['away', 'home'] as const) : (['home', 'away'] as const);
  let legs: (PlantPick[number] | undefined)[];
  switch (kind) {
    case 'pair':
    case 'quarter': {
      const pickLine = (lines: number[]) =>
        lines.find((x) => (kind === 'quarter' ? isQuarter(x) : !isQuarter(x) && !Number.isInteger(x)));
      const first = find(slow, 'ah', mine, pickLine);
      legs = [first, first ? find(b, 'ah', theirs, () => first.price.market.line) : undefined];
      break;
    }
    case 'cross': {
      // Home at the higher line with away at the line a quarter lower: they cover every margin.
      const top = (lines: number[]) => lines.at(-1);
      const bottom = (lines: number[]) => lines[0];
      legs = flip
        ? [find(slow, 'ah', 'away', bottom), find(b, 'ah', 'home', top)]
        : [find(slow, 'ah', 'home', top), find(b, 'ah', 'away', bottom)];
      break;
    }
    case 'triple': {
      const rest = (['home', 'draw', 'away'] as const).filter((s) => s !== mine);
      legs = [find(slow, '1x2', mine), find(b, '1x2', rest[0] ?? 'draw'), find(c, '1x2', rest[1] ?? 'draw')];
      break;
    }
    case 'total': {
      const [over, under] = flip ? (['under', 'over'] as const) : (['over', 'under'] as const);
      legs = [find(slow, 'ou', over), find(b, 'ou', under)];
      break;
    }
  }
  return legs.every((leg) => leg !== undefined) ? legs : undefined;
}

export const isQuarter = (x: number) => Math.abs(Math.round(x * 4)) % 2 === 1;

/** The expected goals after a market move that makes `side` likelier, by a log factor `shift`. */
export function moved(lambda: readonly [number, number], side: Side, shift: number): [number, number] {
  const [home, away] = lambda;
  const up = Math.exp(shift);
  switch (side) {
    case 'home':
      return [home * up, away / up];
    case 'away':
      return [home / up, away * up];
    case 'over':
      return [home * up, away * up];
    case 'under':
      return [home / up, away / up];
    case 'draw':
      return [home / up, away / up];
  }
}

/** A price's line as /calc takes it: the side's own handicap for ah. */
export function lineOf(price: Price): number | null {
  const line = price.market.line;
  if (line === undefined) return null;
  return price.market.market === 'ah' && price.side === 'away' ? -line || 0 : line;
}
