// The adapters by book id: SITE picks one.
import { bmkAdapter } from './bmk/adapter.js';
import { cmdAdapter } from './cmd/adapter.js';
import { csportAdapter } from './csport/adapter.js';
import { ibcAdapter } from './ibc/adapter.js';
import { pinAdapter } from './pin/adapter.js';
import { sboAdapter } from './sbo/adapter.js';
import type { AdapterDeps, BookAdapter } from './types.js';

export const ADAPTERS = {
  csport: csportAdapter,
  sbo: sboAdapter,
  bmk: (deps: AdapterDeps, options?: { heartbeatMs: number }) => bmkAdapter(deps, options),
  pin: pinAdapter,
  ibc: ibcAdapter,
  cmd: cmdAdapter,
} as const satisfies Record<string, (deps: AdapterDeps) => BookAdapter>;
export type BookId = keyof typeof ADAPTERS;
export const BOOK_IDS = Object.keys(ADAPTERS) as BookId[];

/** The settings of one book's own (WorkerConfig has them; named here so books/ does not import the config). */
export interface BookSettings {
  BMK_HEARTBEAT_MS: number;
}

/** What a worker needs to know of its book beyond the adapter itself. */
export interface BookModule {
  /** A response redirected here means the book ended the session (BookHttp asks for a new login). */
  loginPage: RegExp;
  /** The adapter, with whatever settings of its own the book takes. */
  adapter(deps: AdapterDeps, settings: BookSettings): BookAdapter;
}

/** The registry createWorker reads: every book-specific choice is made here, not in create.ts. */
export const BOOKS: Record<BookId, BookModule> = {
  csport: { loginPage: /\/csport\/?$/, adapter: (deps) => ADAPTERS.csport(deps) },
  sbo: { loginPage: /login/, adapter: (deps) => ADAPTERS.sbo(deps) },
  bmk: {
    loginPage: /login/,
    adapter: (deps, settings) => ADAPTERS.bmk(deps, { heartbeatMs: settings.BMK_HEARTBEAT_MS }),
  },
  pin: { loginPage: /login/, adapter: (deps) => ADAPTERS.pin(deps) },
  // Both end a session by sending the browser to the site's root, their login page.
  ibc: { loginPage: /\/ibc\/?$/, adapter: (deps) => ADAPTERS.ibc(deps) },
  cmd: { loginPage: /\/cmd\/?$/, adapter: (deps) => ADAPTERS.cmd(deps) },
};

export { csportAdapter, sboAdapter, bmkAdapter, pinAdapter, ibcAdapter, cmdAdapter };
export * from './types.js';
export * from './csport/parse.js';
export * from './sbo/parse.js';
export * from './bmk/parse.js';
export * from './pin/parse.js';
export * from './ibc/parse.js';
