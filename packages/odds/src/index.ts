// @arbhub/odds: odds formats, settlement, the maximin arbitrage solver, stake
// rounding, the stake calculator and incremental arbitrage detection. Pure
// functions and in-memory state, no I/O; the clock is passed in.
export * from './errors.js';
export * from './odds-format.js';
export * from './settlement.js';
export * from './solver.js';
export * from './stakes.js';
export * from './calculate.js';
export * from './arb-selections.js';
export * from './arb-types.js';
export * from './arb-engine.js';
export * from './engine-quotes.js';
export * from './guards.js';
export * from './arb-board.js';
export * from './random.js';
export * from './fair.js';
