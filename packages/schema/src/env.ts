// The shapes settings take in the environment, shared by every process's config: a 0/1
// switch, an optional value for which `NAME=` (empty, as .env and Compose write it)
// means unset, and a comma-separated list.
import { z } from 'zod';

/** `0` or `1` (default `0`), read as a boolean. */
export const envFlag = () =>
  z
    .enum(['0', '1'], { error: 'expected 0 or 1' })
    .default('0')
    .transform((v) => v === '1');

/** `schema`, optional; an empty value is no value at all. */
export const envOptional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** A comma-separated list, items trimmed, empty ones dropped (`lowercase`: each lower-cased). */
export const envList = ({ lowercase = false }: { lowercase?: boolean } = {}) =>
  z
    .string()
    .default('')
    .transform((text) =>
      text
        .split(',')
        .map((item) => (lowercase ? item.trim().toLowerCase() : item.trim()))
        .filter((item) => item !== ''),
    );
