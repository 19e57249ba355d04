import { z } from 'zod';
import { ODDS_FORMATS } from './odds-formats-core.js';

export {
  MAX_DECIMAL_ODDS,
  ODDS_BOUNDS,
  ODDS_FORMATS,
  ODDS_RANGES,
  oddsInputProblem,
  oddsRangeProblem,
} from './odds-formats-core.js';
export type { OddsFormat } from './odds-formats-core.js';

// Pure: a browser bundle that only needs the formats (the dashboard) leaves zod out.
export const oddsFormatSchema = /* @__PURE__ */ z.enum(ODDS_FORMATS, {
  error: `expected one of ${ODDS_FORMATS.join(', ')}`,
});
