// The maximin: stakes s (s >= 0, sum 1) maximizing z = min over outcomes of
// sum_i s_i R_i(outcome). A small linear program, with exact fast paths.
import { solve } from 'yalps';
import type { Model } from 'yalps';

/** Guaranteed return per unit staked, and the stake fractions achieving it. */
export interface Maximin {
  z: number;
  stakes: number[];
  /** Which method found it: useful in tests and benchmarks. */
  method: 'single' | 'pair' | 'partition' | 'lp';
}

/** z of given stakes: the worst outcome's payout. */
export function guaranteed(matrix: readonly (readonly number[])[], stakes: readonly number[]): number {
  const outcomes = matrix[0]?.length ?? 0;
  let worst = Infinity;
  for (let o = 0; o < outcomes; o += 1) {
    let payout = 0;
    for (let i = 0; i < matrix.length; i += 1) payout += (stakes[i] ?? 0) * (matrix[i]?.[o] ?? 0);
    if (payout < worst) worst = payout;
  }
  return worst;
}

/**
 * Exact maximin of two legs. With s on the first leg each outcome's payout is a
 * line b + s(a - b); their minimum is concave, so its maximum lies at s = 0, s = 1,
 * or where a rising line crosses a falling one. Checking those points is exact.
 */
export function solvePair(a: readonly number[], b: readonly number[]): Maximin {
  const n = a.length;
  let bestS = 0;
  let bestZ = worstAt(a, b, 0);
  const atOne = worstAt(a, b, 1);
  if (atOne > bestZ) {
    bestZ = atOne;
    bestS = 1;
  }
  for (let up = 0; up < n; up += 1) {
    const bUp = b[up] ?? 0;
    const slopeUp = (a[up] ?? 0) - bUp;
    if (slopeUp <= 0) continue;
    for (let down = 0; down < n; down += 1) {
      const bDown = b[down] ?? 0;
      const slopeDown = (a[down] ?? 0) - bDown;
      if (slopeDown >= 0) continue;
      const s = (bDown - bUp) / (slopeUp - slopeDown);
      if (s <= 0 || s >= 1) continue;
      const z = worstAt(a, b, s);
      if (z > bestZ) {
        bestZ = z;
        bestS = s;
      }
    }
  }
  return { z: bestZ, stakes: [bestS, 1 - bestS], method: 'pair' };
}

/** The worst payout over outcomes with s on the first leg and 1 - s on the second. */
function worstAt(a: readonly number[], b: readonly number[], s: number): number {
  let z = Infinity;
  for (let o = 0; o < a.length; o += 1) {
    const bo = b[o] ?? 0;
    const payout = bo + s * ((a[o] ?? 0) - bo);
    if (payout < z) z = payout;
  }
  return z;
}

/**
 * Exact maximin when every outcome is paid by exactly one leg, at a price that leg
 * pays on all its outcomes (a 1x2 triple, opposite sides of a half line): staking
 * s_i = z / D_i pays z everywhere, z = 1 / sum(1 / D_i). Undefined when the legs do
 * not partition the outcomes so.
 */
export function solvePartition(matrix: readonly (readonly number[])[]): Maximin | undefined {
  const legs = matrix.length;
  const outcomes = matrix[0]?.length ?? 0;
  const price = new Array<number>(legs).fill(0);
  for (let o = 0; o < outcomes; o += 1) {
    let payer = -1;
    for (let i = 0; i < legs; i += 1) {
      const r = matrix[i]?.[o] ?? 0;
      if (r === 0) continue;
      if (payer !== -1) return undefined;
      payer = i;
      if (price[i] === 0) price[i] = r;
      else if (price[i] !== r) return undefined;
    }
    if (payer === -1) return undefined;
  }
  if (price.some((p) => p === 0)) return undefined;
  const z = 1 / price.reduce((sum, p) => sum + 1 / p, 0);
  return { z, stakes: price.map((p) => z / p), method: 'partition' };
}

/** The maximin as a linear program, solved with yalps (see the package README for why). */
export function solveLp(matrix: readonly (readonly number[])[]): Maximin {
  const outcomes = matrix[0]?.length ?? 0;
  const variables = new Map<string, Map<string, number>>();
  matrix.forEach((row, i) => {
    const column = new Map<string, number>([['sum', 1]]);
    row.forEach((r, o) => column.set(`o${o}`, r));
    variables.set(`s${i}`, column);
  });
  const z = new Map<string, number>([['z', 1]]);
  for (let o = 0; o < outcomes; o += 1) z.set(`o${o}`, -1);
  variables.set('z', z);
  const constraints = new Map<string, { min?: number; equal?: number }>([['sum', { equal: 1 }]]);
  for (let o = 0; o < outcomes; o += 1) constraints.set(`o${o}`, { min: 0 });
  const model: Model = { direction: 'maximize', objective: 'z', constraints, variables };
  const solution = solve(model, { precision: 1e-12 });
  if (solution.status !== 'optimal') throw new Error(`maximin LP ended ${solution.status}`);
  const found = new Map(solution.variables);
  const raw = matrix.map((_, i) => Math.max(0, found.get(`s${i}`) ?? 0));
  const total = raw.reduce((sum, s) => sum + s, 0);
  const stakes = raw.map((s) => s / total);
  // Report what the stakes actually guarantee, not the solver's objective value.
  return { z: guaranteed(matrix, stakes), stakes, method: 'lp' };
}

/**
 * The dual of the maximin: outcome weights p (a distribution) minimizing the best
 * leg's expected payout. Its value equals the maximin z, and any p bounds z from
 * above, so the weights serve as a certificate that no combination beats a value.
 */
export function solveDual(matrix: readonly (readonly number[])[]): { z: number; weights: number[] } {
  const outcomes = matrix[0]?.length ?? 0;
  const variables = new Map<string, Map<string, number>>();
  for (let o = 0; o < outcomes; o += 1) {
    const column = new Map<string, number>([['sum', 1]]);
    matrix.forEach((row, i) => column.set(`leg${i}`, row[o] ?? 0));
    variables.set(`p${o}`, column);
  }
  const w = new Map<string, number>([['w', 1]]);
  matrix.forEach((_, i) => w.set(`leg${i}`, -1));
  variables.set('w', w);
  const constraints = new Map<string, { max?: number; equal?: number }>([['sum', { equal: 1 }]]);
  matrix.forEach((_, i) => constraints.set(`leg${i}`, { max: 0 }));
  const model: Model = { direction: 'minimize', objective: 'w', constraints, variables };
  const solution = solve(model, { precision: 1e-12 });
  if (solution.status !== 'optimal') throw new Error(`maximin dual LP ended ${solution.status}`);
  const found = new Map(solution.variables);
  const raw = Array.from({ length: outcomes }, (_, o) => Math.max(0, found.get(`p${o}`) ?? 0));
  const total = raw.reduce((sum, p) => sum + p, 0);
  const weights = raw.map((p) => p / total);
  // The bound these weights certify, computed rather than taken from the solver.
  let z = 0;
  for (const row of matrix)
    z = Math.max(
      z,
      row.reduce((sum, r, o) => sum + r * (weights[o] ?? 0), 0),
    );
  return { z, weights };
}

/** The maximin of any number of legs: exact fast paths first, the LP otherwise. */
export function maximin(matrix: readonly (readonly number[])[]): Maximin {
  if (matrix.length === 0) throw new RangeError('maximin needs at least one leg');
  if (matrix.length === 1) return { z: guaranteed(matrix, [1]), stakes: [1], method: 'single' };
  const partition = solvePartition(matrix);
  if (partition) return partition;
  const [a, b] = matrix;
  if (matrix.length === 2 && a && b) return solvePair(a, b);
  return solveLp(matrix);
}
