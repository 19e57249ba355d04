// What every book adapter gives the generic worker, and what a parser reports.
import type { Clock, Logger, Match } from '@arbhub/schema';
import type { Page } from 'playwright-core';
import type { BookHttp } from '../http.js';

/** The parsed matches of one answer, and the rows that could not be read (skipped, never fatal). */
export interface Parsed<T = Match> {
  matches: T[];
  skipped: number;
  /** Why each skipped row was skipped (the first few), for the log. */
  problems: string[];
  /** The event ids of skipped rows, where the row still named one: their last good state stands. */
  skippedIds: string[];
}

/** A login session as the adapter uses it: the cookies the browser got. */
export interface BookSession {
  cookies: readonly { name: string; value: string }[];
}

export interface Credentials {
  username: string;
  password: string;
}

/** What a poll gives: every match the book shows now in the asked partitions, and rows skipped. */
export interface PollResult {
  matches: Match[];
  /** Each match's partition, for books whose pages are the partitions (sbo); otherwise worked out from the match. */
  partitionOf?: ReadonlyMap<string, string>;
  skipped: number;
  problems: string[];
}

export interface AdapterDeps {
  http: BookHttp;
  baseUrl: string;
  credentials: Credentials;
  clock: Clock;
  logger: Logger;
}

export interface BookAdapter {
  readonly book: string;
  /** The partitions a worker of this book can scrape (sent in worker:register). */
  readonly partitions: readonly string[];
  /**
   * Whether the book wants a browser login (its steps are in `books/logins.ts`, run in a
   * short-lived login process). False for books without one (pin: HTTP Basic).
   */
  readonly needsLogin: boolean;
  /**
   * Everything the book shows now in `partitions`. Throws SessionRejectedError when the
   * book no longer takes the session, RateLimitedError on 429, BookError otherwise.
   */
  poll(session: BookSession | undefined, partitions: readonly string[]): Promise<PollResult>;
  /** Forgets incremental state (a cursor, a stream), so the next poll starts from a full load. */
  reset(): void;
  close(): Promise<void>;
}

/** Collects skipped rows: counts them and keeps the first few reasons. */
export class Skips {
  count = 0;
  readonly problems: string[] = [];
  readonly ids: string[] = [];
  add(problem: string, id?: string): void {
    this.count += 1;
    if (id !== undefined) this.ids.push(id);
    if (this.problems.length < 5) this.problems.push(problem);
  }
  /** Another parse's skips, added to these. */
  absorb(parsed: Pick<Parsed, 'skipped' | 'problems' | 'skippedIds'>): void {
    this.count += parsed.skipped;
    this.ids.push(...parsed.skippedIds);
    for (const problem of parsed.problems) if (this.problems.length < 5) this.problems.push(problem);
  }
}

/** What a book's login steps get: where the book is and whose account it is. */
export interface LoginDeps {
  baseUrl: string;
  credentials: Credentials;
}

/** A book's login in a real browser: the cookies are taken from the page's context afterwards. */
export type LoginSteps = (page: Page, deps: LoginDeps) => Promise<void>;
