// @arbhub/odds: odds formats now; settlement, the arbitrage solver and stake
// rounding come with the arbitrage engine. Pure functions, no I/O.
export * from './errors.js';
export * from './odds-format.js';
