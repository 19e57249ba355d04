import { AliasTable } from './aliases.js';

export interface MatcherOptions {
  /** Largest kickoff difference of one fixture (default 30 minutes: two legs a week apart are two fixtures). */
  windowMinutes?: number | undefined;
  /** The least confidence that merges two listings (default 0.8). */
  threshold?: number | undefined;
  /** Merges at least this sure, with one team matched exactly, teach the alias table the other's spellings (default 0.83). */
  learnThreshold?: number | undefined;
  /** Aliases to use; default the built-in ones. Give one table to share what is learned. */
  aliases?: AliasTable | undefined;
}

export interface ResolvedOptions {
  windowMs: number;
  threshold: number;
  learnThreshold: number;
  aliases: AliasTable;
}

export function resolveOptions(options: MatcherOptions = {}): ResolvedOptions {
  return {
    windowMs: (options.windowMinutes ?? 30) * 60_000,
    threshold: options.threshold ?? 0.8,
    learnThreshold: options.learnThreshold ?? 0.83,
    aliases: options.aliases ?? new AliasTable(),
  };
}
