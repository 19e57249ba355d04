// Helpers for tests across the repo: start from a valid example, change one
// thing, and read the errors the way a worker or an API caller would see them.
import type { z } from 'zod';
import { check } from './errors.js';

/** Every problem `schema` finds in `input` as `path: message` lines; empty when it is valid. */
export function issuesOf(schema: z.ZodType, input: unknown): string[] {
  const result = check(schema, input);
  return result.ok ? [] : result.error.issues.map((issue) => `${issue.path}: ${issue.message}`);
}

/** A deep copy of `base` with `change` applied: the way tests build one bad input at a time. */
export function mutated(base: unknown, change: (copy: never) => unknown): unknown {
  const copy: unknown = structuredClone(base);
  change(copy as never);
  return copy;
}
