// How a book refuses: the session is no longer good (log in again), too many requests
// (wait as it says), or anything else (count it, back off, keep going).

/** 401/403, or a redirect to the login page: the session must be invalidated and got again. */
export class SessionRejectedError extends Error {
  constructor(
    readonly book: string,
    readonly detail: string,
  ) {
    super(`${book}: the session was refused (${detail})`);
    this.name = 'SessionRejectedError';
  }
}

/** 429: the next request to this book waits `retryAfterMs`. */
export class RateLimitedError extends Error {
  constructor(
    readonly book: string,
    readonly retryAfterMs: number,
  ) {
    super(`${book}: rate limited, retry after ${Math.round(retryAfterMs / 1000)} s`);
    this.name = 'RateLimitedError';
  }
}

/** Anything else the book did wrong: a 5xx, a body that does not parse, a connection refused. */
export class BookError extends Error {
  constructor(
    readonly book: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${book}: ${message}`, options);
    this.name = 'BookError';
  }
}
