import { z } from 'zod';
import { marketKey, marketSchema } from './markets.js';
import { isoTimeSchema, nonEmptySchema, scoreSchema, sportSchema } from './primitives.js';

/** What a worker reports for one book event, normalized to decimal odds. */
export const matchSchema = z
  .object({
    /** The book's own id, unique within the book. */
    eventId: nonEmptySchema,
    sport: sportSchema,
    league: nonEmptySchema,
    /** As the book spells them. */
    home: nonEmptySchema,
    away: nonEmptySchema,
    startTime: isoTimeSchema,
    inPlay: z.boolean({ error: 'expected true or false' }),
    /** [home, away]; required when inPlay. */
    score: scoreSchema.optional(),
    markets: z.array(marketSchema, { error: 'expected an array of markets' }),
  })
  .superRefine((match, ctx) => {
    if (match.inPlay && match.score === undefined) {
      ctx.addIssue({ code: 'custom', path: ['score'], message: 'required when inPlay is true' });
    }
    if (match.home.toLowerCase() === match.away.toLowerCase()) {
      ctx.addIssue({ code: 'custom', path: ['away'], message: 'home and away are the same team' });
    }
    const seen = new Map<string, number>();
    match.markets.forEach((market, index) => {
      const key = marketKey(market);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else {
        ctx.addIssue({
          code: 'custom',
          path: ['markets', index],
          message: `duplicate market ${key.replaceAll(':', ' ')} (also markets[${first}])`,
        });
      }
    });
  });
export type Match = z.infer<typeof matchSchema>;
export type MatchInput = z.input<typeof matchSchema>;
