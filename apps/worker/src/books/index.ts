// The adapters by book id: SITE picks one.
import { bmkAdapter } from './bmk/adapter.js';
import { csportAdapter } from './csport/adapter.js';
import { pinAdapter } from './pin/adapter.js';
import { sboAdapter } from './sbo/adapter.js';
import type { AdapterDeps, BookAdapter } from './types.js';

export const ADAPTERS = {
  csport: csportAdapter,
  sbo: sboAdapter,
  bmk: (deps: AdapterDeps, options?: { heartbeatMs: number }) => bmkAdapter(deps, options),
  pin: pinAdapter,
} as const satisfies Record<string, (deps: AdapterDeps) => BookAdapter>;
export type BookId = keyof typeof ADAPTERS;
export const BOOK_IDS = Object.keys(ADAPTERS) as BookId[];

export { csportAdapter, sboAdapter, bmkAdapter, pinAdapter };
export * from './types.js';
export * from './csport/parse.js';
export * from './sbo/parse.js';
export * from './bmk/parse.js';
export * from './pin/parse.js';
