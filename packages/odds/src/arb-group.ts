// The quotes of one event that can be combined: one period, one dimension, one
// match state (prematch, or one in-play score). Each quote's payoff per outcome is
// computed once, on a grid shared by the group, so combinations are cheap.
import type { Dimension, Side } from '@arbhub/schema';
import type { EngineQuote } from './arb-types.js';
import { breakpoints, settle } from './settlement.js';
import type { Score, SettleSelection } from './settlement.js';
import { solveDual, solveLp, solvePair } from './solver.js';

export interface Member {
  key: string;
  selKey: string;
  quote: EngineQuote;
  settle: SettleSelection;
  /** What a win returns per unit, after commission. */
  win: number;
  payoff: number[];
}

/** A combination of members with z > 1. */
export interface Candidate {
  members: Member[];
  z: number;
  stakes: number[];
  kind: 'pair' | 'triple' | 'multi';
}

/** Key of a set of legs, independent of order. */
export function legSetKey(members: readonly Member[]): string {
  return members
    .map((m) => m.key)
    .sort()
    .join('+');
}

export class Group {
  readonly key: string;
  readonly dimension: Dimension;
  readonly score: Score;
  readonly members: Member[] = [];
  readonly bySelection = new Map<string, Member[]>();
  outcomes: number[] = [];
  /** Outcome weights from the last dual solve: a bound on the multi-leg z (see bestMulti). */
  private certificate: number[] | undefined;
  private low = Infinity;
  private high = -Infinity;
  private noDraw = false;

  constructor(key: string, dimension: Dimension, score: Score) {
    this.key = key;
    this.dimension = dimension;
    this.score = score;
  }

  /** Adds or replaces a member, widening the grid (and recomputing payoffs) when its lines need it. */
  put(member: Member): void {
    this.remove(member.key);
    let widen = false;
    for (const point of breakpoints(member.settle, this.score)) {
      if (point - 1 < this.low) {
        this.low = Math.floor(point) - 1;
        widen = true;
      }
      if (point + 1 > this.high) {
        this.high = Math.ceil(point) + 1;
        widen = true;
      }
    }
    if (member.settle.market === 'ml' && !this.noDraw) {
      this.noDraw = true;
      widen = true;
    }
    this.members.push(member);
    const siblings = this.bySelection.get(member.selKey);
    if (siblings) siblings.push(member);
    else this.bySelection.set(member.selKey, [member]);
    if (widen) this.rebuildGrid();
    else member.payoff = this.payoffOf(member.settle);
  }

  remove(key: string): Member | undefined {
    const index = this.members.findIndex((m) => m.key === key);
    if (index === -1) return undefined;
    const [member] = this.members.splice(index, 1);
    if (!member) return undefined;
    const siblings = this.bySelection.get(member.selKey) ?? [];
    const at = siblings.indexOf(member);
    if (at !== -1) siblings.splice(at, 1);
    if (siblings.length === 0) this.bySelection.delete(member.selKey);
    return member;
  }

  private rebuildGrid(): void {
    const from = this.dimension === 'total' ? Math.max(0, this.low) : this.low;
    const draw = -(this.score[0] - this.score[1]);
    this.outcomes = [];
    for (let o = from; o <= this.high; o += 1) if (!(this.noDraw && o === draw)) this.outcomes.push(o);
    for (const member of this.members) member.payoff = this.payoffOf(member.settle);
    this.certificate = undefined;
  }

  private payoffOf(selection: SettleSelection): number[] {
    return this.outcomes.map((o) => settle(selection, o, this.score));
  }

  /** Recomputes a member's payoffs after its price changed (its lines, so the grid, did not). */
  reprice(member: Member): void {
    member.payoff = this.payoffOf(member.settle);
  }

  /** Every pair with `member` and z > 1 + epsilon; with `distinctBooks`, none at its own book. */
  pairsWith(member: Member, distinctBooks: boolean, epsilon: number): Candidate[] {
    const found: Candidate[] = [];
    const a = member.payoff;
    const n = a.length;
    for (const other of this.members) {
      if (other.selKey === member.selKey || (distinctBooks && other.quote.book === member.quote.book))
        continue;
      const b = other.payoff;
      // z can exceed 1 only if every outcome has a leg paying more than 1.
      let covered = true;
      for (let o = 0; o < n && covered; o += 1) covered = (a[o] ?? 0) > 1 || (b[o] ?? 0) > 1;
      if (!covered) continue;
      const { z, stakes } = solvePair(a, b);
      if (z > 1 + epsilon) found.push({ members: [member, other], z, stakes, kind: 'pair' });
    }
    return found;
  }

  /** Every 1x2 triple containing `member` (a 1x2 quote) with z > 1 + epsilon; with `distinctBooks`, at three books. */
  triplesWith(member: Member, distinctBooks: boolean, epsilon: number): Candidate[] {
    if (member.settle.market !== '1x2') return [];
    const period = member.quote.period;
    const others = (['home', 'draw', 'away'] as Side[]).filter((side) => side !== member.settle.side);
    const [ys = [], zs = []] = others.map((side) => this.bySelection.get(`${period}|1x2||${side}`) ?? []);
    const book = member.quote.book;
    const found: Candidate[] = [];
    for (const y of ys) {
      if (distinctBooks && y.quote.book === book) continue;
      for (const x of zs) {
        if (distinctBooks && (x.quote.book === book || x.quote.book === y.quote.book)) continue;
        const sum = 1 / member.win + 1 / y.win + 1 / x.win;
        if (sum >= 1 / (1 + epsilon)) continue;
        const z = 1 / sum;
        found.push({
          members: [member, y, x],
          z,
          stakes: [z / member.win, z / y.win, z / x.win],
          kind: 'triple',
        });
      }
    }
    return found;
  }

  /**
   * Whether any combination of the members (pair, triple or more) may return more than
   * `threshold`; false proves that none does. A combination at some prices returns no more
   * than the same selections at their best prices. With two selections that is one exact
   * pair solve. With more, any outcome weights bound it (see bestMulti), and the weights of
   * the last dual solve are tried: a price move that stays under them costs one pass over the
   * members and no solve. When they no longer prove it, the answer is "may" and the full
   * evaluation follows, whose bestMulti solves the dual again (once, not twice).
   */
  mayBeat(threshold: number): boolean {
    if (this.bySelection.size < 2) return false; // one selection alone always has a losing outcome
    if (this.bySelection.size === 2) {
      const [a, b] = this.bestMembers();
      return a !== undefined && b !== undefined && solvePair(a.payoff, b.payoff).z > threshold;
    }
    return (
      !this.certificate ||
      boundOf(
        this.members.map((m) => m.payoff),
        this.certificate,
      ) > threshold
    );
  }

  /** Each selection's best-paying member. */
  private bestMembers(): Member[] {
    const best: Member[] = [];
    for (const siblings of this.bySelection.values()) {
      let top: Member | undefined;
      // Ties go to the lower key, so the choice never depends on the order quotes arrived in.
      for (const m of siblings) {
        if (!top || m.win > top.win || (m.win === top.win && m.key < top.key)) top = m;
      }
      if (top) best.push(top);
    }
    return best;
  }

  /**
   * The best combination of three or more selections, each at its best
   * price, when its z exceeds `threshold`. Any weights p over outcomes bound it:
   * z <= max over legs of sum_o p_o R(o). The weights of the last dual solve are
   * kept, so the LP runs only when prices have moved enough to break that bound.
   */
  bestMulti(threshold: number, distinctBooks: boolean): Candidate | undefined {
    const best = this.bestMembers();
    if (best.length < 3) return undefined;
    const matrix = best.map((m) => m.payoff);
    if (this.certificate && boundOf(matrix, this.certificate) <= threshold) return undefined;
    const dual = solveDual(matrix);
    this.certificate = dual.weights;
    if (dual.z <= threshold) return undefined;
    const primal = solveLp(matrix);
    const legs = best.flatMap((m, i) =>
      (primal.stakes[i] ?? 0) > 1e-9 ? [{ m, s: primal.stakes[i] ?? 0 }] : [],
    );
    if (legs.length < 3 || primal.z <= threshold) return undefined;
    // The LP cannot express "one leg per book"; such a solution is not reported.
    if (distinctBooks && new Set(legs.map((l) => l.m.quote.book)).size < legs.length) return undefined;
    const total = legs.reduce((sum, leg) => sum + leg.s, 0);
    return {
      members: legs.map((l) => l.m),
      z: primal.z,
      stakes: legs.map((l) => l.s / total),
      kind: 'multi',
    };
  }
}

/** max over legs of the expected payout under outcome weights `p`: an upper bound on z. */
function boundOf(matrix: readonly (readonly number[])[], p: readonly number[]): number {
  let bound = 0;
  for (const row of matrix) {
    let expected = 0;
    for (let o = 0; o < row.length; o += 1) expected += (row[o] ?? 0) * (p[o] ?? 0);
    if (expected > bound) bound = expected;
  }
  return bound;
}
