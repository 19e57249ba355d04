// Store keys. With the default prefix:
//   arbhub:session:<book>:<account>   the stored session (TTL sessionTtlMs)
//   arbhub:lock:<book>:<account>      the login lock: a random token (PX lockTtlMs)
//   arbhub:login-failures:<book>:<account>  consecutive failed logins and when to retry
//   arbhub:session-ready:<book>:<account>   pub/sub channel: a session was stored
// The account is URI-encoded, so a ':' in it cannot collide with another key. No key
// holds a password or cookie value.

export interface SessionKey {
  book: string;
  account: string;
}

export interface Keys {
  session: string;
  lock: string;
  failures: string;
  channel: string;
}

export const DEFAULT_PREFIX = 'arbhub:';

/** The store keys of one (book, account). */
export function keysFor({ book, account }: SessionKey, prefix = DEFAULT_PREFIX): Keys {
  const id = `${book}:${encodeURIComponent(account)}`;
  return {
    session: `${prefix}session:${id}`,
    lock: `${prefix}lock:${id}`,
    failures: `${prefix}login-failures:${id}`,
    channel: `${prefix}session-ready:${id}`,
  };
}
