import { z } from 'zod';
import { bookIdSchema, epochMsSchema, nonEmptySchema } from './primitives.js';

/** A browser cookie as Playwright reports it (context.cookies()). */
export const cookieSchema = z.object({
  name: z.string(),
  value: z.string(),
  domain: z.string(),
  path: z.string(),
  /** Unix time in seconds; -1 for a session cookie. */
  expires: z.number(),
  httpOnly: z.boolean(),
  secure: z.boolean(),
  sameSite: z.enum(['Strict', 'Lax', 'None']),
  partitionKey: z.string().optional(),
});
export type Cookie = z.infer<typeof cookieSchema>;

/** What a login produces: the cookies, and anything else the adapter needs (tokens, ids). */
export const loginResultSchema = z
  .object({ cookies: z.array(cookieSchema, { error: 'expected an array of cookies' }) })
  .catchall(z.unknown());
export type LoginResult = z.infer<typeof loginResultSchema>;

/**
 * What a worker asks its short-lived login process for, over IPC (never in argv or the
 * environment, which `ps` shows): whose account, at which book, with which browser.
 */
export const loginRequestSchema = z.object({
  site: bookIdSchema,
  baseUrl: z.url(),
  username: nonEmptySchema,
  password: z.string(),
  userAgent: nonEmptySchema,
  executablePath: nonEmptySchema.optional(),
  /** The time each browser step may take. */
  stepTimeoutMs: z.number().int().positive().default(15_000),
});
export type LoginRequest = z.input<typeof loginRequestSchema>;

/** What the login process answers: the cookies, or why the login failed. */
export const loginReplySchema = z.union([
  z.object({ cookies: z.array(cookieSchema) }),
  z.object({ error: z.string() }),
]);
export type LoginReply = z.infer<typeof loginReplySchema>;

/** A login session as stored for every worker of one (book, account). */
export const storedSessionSchema = z.object({
  /** Random id: invalidate deletes only the session it was given, never a newer one. */
  id: nonEmptySchema,
  book: bookIdSchema,
  account: nonEmptySchema,
  /** The worker that logged in. */
  workerId: nonEmptySchema,
  cookies: z.array(cookieSchema),
  /** Whatever else the login returned. */
  data: z.record(z.string(), z.unknown()).default({}),
  createdAt: epochMsSchema,
  lastUsedAt: epochMsSchema,
});
export type StoredSession = z.infer<typeof storedSessionSchema>;

/**
 * Log fields no process may write (pino `redact` paths): tokens, cookies, passwords and
 * authorization headers, at the top level, one level down, and in request and response
 * headers. The hub and the workers log through the same list.
 */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'password',
  '*.password',
  'token',
  '*.token',
  'cookie',
  '*.cookie',
  'cookies',
  '*.cookies',
  'authorization',
  '*.authorization',
];
