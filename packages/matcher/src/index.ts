// @arbhub/matcher: which book listings are one real fixture. Pure: no I/O.
export * from './normalize.js';
export * from './aliases.js';
export * from './score.js';
export * from './options.js';
export * from './cluster.js';
export * from './event-matcher.js';
export * from './anchor.js';
export * from './decisions.js';
export * from './review.js';
export type { Assignment, Evidence } from './matching-state.js';
