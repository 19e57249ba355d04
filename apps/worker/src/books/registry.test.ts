import { describe, expect, it } from 'vitest';
import { BookHttp } from '../http.js';
import { BOOKS, BOOK_IDS } from './index.js';

describe('the book registry', () => {
  it('builds every book with its own settings, and knows its login page', () => {
    const http = new BookHttp({
      book: 'x',
      baseUrl: 'http://127.0.0.1:1',
      userAgent: 'test',
      concurrency: 1,
      timeoutMs: 1000,
      loginPage: /login/,
    });
    const deps = {
      http,
      baseUrl: 'http://127.0.0.1:1',
      credentials: { username: 'u', password: 'p' },
      clock: Date,
      logger: { info: () => undefined, warn: () => undefined },
    };
    expect(Object.keys(BOOKS).sort()).toEqual([...BOOK_IDS].sort());
    for (const id of BOOK_IDS) {
      const adapter = BOOKS[id].adapter(deps, { BMK_HEARTBEAT_MS: 4000 });
      expect(adapter.book).toBe(id);
      expect(BOOKS[id].loginPage).toBeInstanceOf(RegExp);
    }
    // csport's "session ended" is a redirect to its landing page, not a /login page.
    expect(BOOKS.csport.loginPage.test('http://book/csport/')).toBe(true);
    expect(BOOKS.sbo.loginPage.test('http://book/login')).toBe(true);
  });
});
