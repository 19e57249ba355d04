// @arbhub/schema: the vocabulary every part of arbhub speaks. Types are inferred
// from the zod schemas, so a type and its validation never drift apart.
export * from './errors.js';
export * from './primitives.js';
export * from './odds-formats.js';
export * from './markets.js';
export * from './match.js';
export * from './worker-protocol.js';
export * from './stream.js';
export * from './http.js';
export * from './calc.js';
export * from './examples.js';
export * from './testing.js';
export * from './session.js';
export * from './simulator.js';
export * from './runtime.js';
export * from './env.js';
export * from './history.js';
export * from './scale.js';
