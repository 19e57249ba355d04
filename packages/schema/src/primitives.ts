import { z } from 'zod';

/** A zod error function: `required` when the field is missing, else `expected`. */
export const requiredOr = (expected: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? 'required' : expected;

/**
 * A zod error function for a discriminated union: `expected an object` when the
 * input is not one, else `expected` (which names the valid discriminator values).
 */
export const unionError = (expected: string) => (issue: { code?: string }) =>
  issue.code === 'invalid_type' ? 'expected an object' : expected;

/** A decimal price: a finite number > 1. */
export const decimalOddsSchema = z
  .number({ error: requiredOr('expected a number > 1') })
  .gt(1, { error: 'expected a number > 1' });

/** A non-empty string (ids, names). */
export const nonEmptySchema = z
  .string({ error: requiredOr('expected a string') })
  .trim()
  .min(1, { error: 'expected a non-empty string' });

/** A book id as used in URLs, env names and metrics: `csport`, `sbo`, `my-book`. */
export const bookIdSchema = z
  .string({ error: requiredOr('expected a string') })
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, { error: 'expected a book id: lower-case letters, digits, - or _' });

/** A sport: `soccer`, `basketball`, `ice-hockey`, ... (open set, lower-case kebab). */
export const sportSchema = z
  .string({ error: requiredOr('expected a string') })
  .regex(/^[a-z][a-z0-9-]{0,39}$/, { error: 'expected a sport in lower-case kebab form, e.g. "ice-hockey"' });

/** Epoch milliseconds. */
export const epochMsSchema = z
  .number({ error: requiredOr('expected epoch milliseconds') })
  .int({ error: 'expected epoch milliseconds (an integer)' })
  .nonnegative({ error: 'expected epoch milliseconds (>= 0)' });

/** An ISO-8601 UTC instant, `2026-11-28T15:00:00Z`. */
export const isoTimeSchema = z.iso.datetime({
  error: (issue) =>
    issue.input === undefined ? 'required' : 'expected an ISO-8601 UTC time such as "2026-11-28T15:00:00Z"',
});

/** A handicap or total line: a finite multiple of 0.25. */
export const quarterLineSchema = z
  .number({ error: requiredOr('expected a number') })
  .refine((line) => Number.isInteger(line * 4), { error: 'expected a multiple of 0.25' });

/** A non-negative integer count. */
export const countSchema = z
  .int({ error: requiredOr('expected an integer >= 0') })
  .nonnegative({ error: 'expected an integer >= 0' });

/** A positive amount of money. */
export const moneySchema = z
  .number({ error: requiredOr('expected a number') })
  .positive({ error: 'expected a number > 0' });

/** A score as [home, away] goals (or points). */
export const scoreSchema = z.tuple([countSchema, countSchema], {
  error: requiredOr('expected [home, away] as two integers >= 0'),
});
