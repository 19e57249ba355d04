// The tokens a request presents. The constant-time comparison is @arbhub/session's
// tokenMatches, the one every process uses.
import type { FastifyRequest } from 'fastify';

export { tokenMatches } from '@arbhub/session';

/** `Authorization: Bearer <token>`, if the request carries one. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

/** The token a worker presents: `Authorization: Bearer <token>` or `?token=`. */
export function presentedToken(request: FastifyRequest): string | undefined {
  const fromHeader = bearerToken(request);
  if (fromHeader !== undefined) return fromHeader;
  const query = request.query as { token?: unknown };
  return typeof query.token === 'string' ? query.token : undefined;
}
