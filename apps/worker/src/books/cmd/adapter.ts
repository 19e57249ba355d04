// cmd: CMD368's own site, an operator of the BetLight platform that csport (QQ188's
// C-Sport) also runs. Its own login (a validation code the page draws), accounts and
// odds type (indo, m_accType=ID); the feed, and so the adapter and the parser, are the
// platform's: books/csport/.
import { betlightAdapter } from '../csport/adapter.js';
import type { BetlightOperator } from '../csport/adapter.js';
import type { AdapterDeps, BookAdapter } from '../types.js';

export const CMD: BetlightOperator = { book: 'cmd', accType: 'ID', format: 'indo' };

export function cmdAdapter(deps: AdapterDeps): BookAdapter {
  return betlightAdapter(deps, CMD);
}
