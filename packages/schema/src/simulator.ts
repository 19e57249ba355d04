// The sportsbook simulator's admin API (docs/simulator.md): the books it serves and
// the faults POST /admin/faults injects.
import { z } from 'zod';

/** The books the simulator serves. */
export const SIM_BOOKS = ['csport', 'sbo', 'bmk', 'pin'] as const;
export type SimBook = (typeof SIM_BOOKS)[number];

export const SIM_FAULT_KINDS = [
  'expire_sessions',
  'http_500',
  'malformed',
  'slow',
  'down',
  'drop_stream',
] as const;
export type SimFaultKind = (typeof SIM_FAULT_KINDS)[number];

/** POST /admin/faults: one fault on one book (every book without `book`), for `durationMs`. */
export const simFaultRequestSchema = z.object({
  book: z.enum(SIM_BOOKS).optional(),
  kind: z.enum(SIM_FAULT_KINDS),
  durationMs: z.number().int().positive().max(3_600_000).default(30_000),
});
export type SimFaultRequest = z.output<typeof simFaultRequestSchema>;
