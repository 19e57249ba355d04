// Benchmark 1: the maximin solvers and calculate().
//  - three LP libraries (yalps, javascript-lp-solver, HiGHS/WASM) on the programs the
//    engine meets: pairs, 1x2 triples, 8-leg combinations; speed and accuracy
//  - calculate() calls/s for pairs, triples and 8 legs; raw pair evaluations/s
import {
  calculate,
  guaranteed,
  outcomeGrid,
  payoffMatrix,
  solveLp,
  solvePair,
  solvePartition,
} from '@arbhub/odds';
import type { SettleSelection } from '@arbhub/odds';
import * as highsModule from 'highs';
import * as jsLpModule from 'javascript-lp-solver';
import { rate, round, seeded, writeResult } from './util.js';

type Matrix = number[][];

/**
 * Both LP packages ship ESM with a default export but CommonJS-style typings, so
 * TypeScript and Node disagree on how many `default`s to step through: follow them
 * until the export itself is reached.
 */
function unwrapDefault<T>(module: unknown, isIt: (value: unknown) => value is T): T {
  let value = module;
  while (!isIt(value) && typeof value === 'object' && value !== null && 'default' in value)
    value = value.default;
  if (!isIt(value)) throw new Error('unexpected module shape');
  return value;
}
interface JsLpSolver {
  Solve(model: object): unknown;
}
type HighsLoader = () => Promise<{
  solve(text: string): { Status: string; ObjectiveValue: number; Columns: unknown };
}>;
const jsLpSolver = unwrapDefault(
  jsLpModule,
  (v): v is JsLpSolver => typeof v === 'object' && v !== null && 'Solve' in v,
);
const highsLoader = unwrapDefault(highsModule, (v): v is HighsLoader => typeof v === 'function');

/** What stakes guarantee once scaled to sum to 1 (solvers' own tolerances leave them slightly off). */
function delivers(matrix: Matrix, stakes: readonly number[]): number {
  const total = stakes.reduce((sum, s) => sum + Math.max(0, s), 0);
  return guaranteed(
    matrix,
    stakes.map((s) => Math.max(0, s) / total),
  );
}
interface Solved {
  z: number;
  stakes: number[];
}

const random = seeded(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const quarter = (from: number, to: number) => from + Math.floor(random() * ((to - from) * 4 + 1)) / 4;

function randomAh(): SettleSelection {
  return {
    market: 'ah',
    side: pick(['home', 'away'] as const),
    line: quarter(-2.75, 2.75),
    odds: 1.3 + random() * 2.7,
  };
}
function randomOu(): SettleSelection {
  return {
    market: 'ou',
    side: pick(['over', 'under'] as const),
    line: quarter(0.5, 4.5),
    odds: 1.3 + random() * 2.7,
  };
}
function triple(): SettleSelection[] {
  return (['home', 'draw', 'away'] as const).map((side) => ({
    market: '1x2' as const,
    side,
    odds: 1.8 + random() * 4,
  }));
}
const matrixOf = (s: SettleSelection[]): Matrix => payoffMatrix(s, outcomeGrid(s));

const pairSelections = Array.from({ length: 2000 }, () =>
  random() < 0.7 ? [randomAh(), randomAh()] : [randomOu(), randomOu()],
);
const tripleSelections = Array.from({ length: 2000 }, triple);
const eightSelections = Array.from({ length: 500 }, () => [
  ...Array.from({ length: 6 }, randomAh),
  { market: '1x2' as const, side: 'home' as const, odds: 2 + random() * 2 },
  { market: '1x2' as const, side: 'draw' as const, odds: 3 + random() * 1.5 },
]);
const sets = {
  pairs: pairSelections.map(matrixOf),
  triples: tripleSelections.map(matrixOf),
  eightLegs: eightSelections.map(matrixOf),
};

// ---- the three LP libraries, each given the same maximin program -------------

function viaJsLpSolver(matrix: Matrix): Solved {
  const constraints: Record<string, { min?: number; equal?: number }> = { sum: { equal: 1 } };
  const variables: Record<string, Record<string, number>> = { z: { z: 1 } };
  matrix[0]?.forEach((_, o) => {
    constraints[`o${o}`] = { min: 0 };
    variables.z![`o${o}`] = -1;
  });
  matrix.forEach((row, i) => {
    const column: Record<string, number> = { sum: 1 };
    row.forEach((r, o) => (column[`o${o}`] = r));
    variables[`s${i}`] = column;
  });
  const result = jsLpSolver.Solve({ optimize: 'z', opType: 'max', constraints, variables }) as Record<
    string,
    number
  >;
  const stakes = matrix.map((_, i) => result[`s${i}`] ?? 0);
  return { z: result.result ?? Number.NaN, stakes };
}

const highs = await highsLoader();
function viaHighs(matrix: Matrix): Solved {
  const rows = (matrix[0] ?? []).map(
    (_, o) => ` o${o}: ${matrix.map((row, i) => `${row[o] ?? 0} s${i}`).join(' + ')} - z >= 0`,
  );
  const text = [
    'Maximize',
    ' obj: z',
    'Subject To',
    ` sum: ${matrix.map((_, i) => `s${i}`).join(' + ')} = 1`,
    ...rows,
    'End',
  ].join('\n');
  const result = highs.solve(text);
  if (result.Status !== 'Optimal') return { z: Number.NaN, stakes: [] };
  const columns = result.Columns as Record<string, { Primal: number }>;
  return { z: result.ObjectiveValue, stakes: matrix.map((_, i) => columns[`s${i}`]?.Primal ?? 0) };
}

const solvers: Record<string, (m: Matrix) => Solved> = {
  yalps: solveLp,
  'javascript-lp-solver': viaJsLpSolver,
  highs: viaHighs,
};

/** Exact z where a closed form exists: the pair crossings, the partition formula. */
const exact = {
  pairs: (m: Matrix) => solvePair(m[0] ?? [], m[1] ?? []).z,
  triples: (m: Matrix) => solvePartition(m)?.z ?? Number.NaN,
};

const comparison: Record<string, Record<string, unknown>> = {};
for (const [name, solve] of Object.entries(solvers)) {
  const row: Record<string, unknown> = {};
  for (const [setName, matrices] of Object.entries(sets)) {
    let worstError = 0; // |stated z - reference|: the exact value, or (8 legs) the best verified z of any solver
    let worstShortfall = 0; // reference - what the solver's own stakes guarantee
    let worstClaim = 0; // |stated z - what its own stakes guarantee|
    for (const matrix of matrices) {
      const solved = solve(matrix);
      const delivered = delivers(matrix, solved.stakes);
      const reference =
        setName === 'eightLegs'
          ? Math.max(...Object.values(solvers).map((s) => delivers(matrix, s(matrix).stakes)))
          : exact[setName as 'pairs' | 'triples'](matrix);
      worstError = Math.max(worstError, Math.abs(solved.z - reference));
      worstShortfall = Math.max(worstShortfall, reference - delivered);
      worstClaim = Math.max(worstClaim, Math.abs(solved.z - delivered));
    }
    row[setName] = {
      solvesPerSecond: round(rate(matrices, solve, 700)),
      maxErrorOfZ: Number(worstError.toExponential(2)),
      maxShortfall: Number(worstShortfall.toExponential(2)),
      maxClaimGap: Number(worstClaim.toExponential(2)),
    };
  }
  comparison[name] = row;
}

// ---- calculate() and the pair evaluation the engine runs per quote ------------

const request = (selections: SettleSelection[]) => ({ selections });
const calculateRates = {
  pairs: round(rate(pairSelections.map(request), calculate)),
  triples: round(rate(tripleSelections.map(request), calculate)),
  eightLegs: round(rate(eightSelections.map(request), calculate)),
};
const pairEvaluationsPerSecond = round(rate(sets.pairs, (m) => solvePair(m[0] ?? [], m[1] ?? [])));

console.log(
  '\nLP libraries on the maximin programs (solves/s; max |stated z - exact or best|; max shortfall of its stakes; max |stated z - z of its stakes|):',
);
for (const [name, row] of Object.entries(comparison)) {
  for (const [setName, figures] of Object.entries(row))
    console.log(`  ${name.padEnd(22)} ${setName.padEnd(10)} ${JSON.stringify(figures)}`);
}
console.log(`\ncalculate() calls/s: ${JSON.stringify(calculateRates)}`);
console.log(`exact pair evaluations/s (solvePair on payoff vectors): ${pairEvaluationsPerSecond}`);

writeResult('odds-solvers', {
  what: 'maximin LP libraries compared; calculate() and pair evaluation throughput (one core)',
  sets: { pairs: sets.pairs.length, triples: sets.triples.length, eightLegs: sets.eightLegs.length },
  lpLibraries: comparison,
  calculateCallsPerSecond: calculateRates,
  pairEvaluationsPerSecond,
  target: { pairEvaluationsPerSecond: 200_000 },
});
