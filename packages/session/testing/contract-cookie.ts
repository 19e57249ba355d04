import type { Cookie } from '@arbhub/schema';

/** A session cookie as a book sets it. */
export function cookie(value: string): Cookie {
  return {
    name: 'ASP.NET_SessionId',
    value,
    domain: '127.0.0.1',
    path: '/',
    expires: -1,
    httpOnly: true,
    secure: false,
    sameSite: 'Lax',
  };
}
