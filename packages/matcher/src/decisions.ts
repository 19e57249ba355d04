// What people decided about matching, as the matcher uses it: pins (a linked listing
// joins the event of the names it was linked to) and bans (two teams' pair is never one
// fixture). Names are kept as normalized keys and compared through the alias table's
// groups at the time of asking, so aliases learned later still apply.
import { listingKey } from '@arbhub/schema';
import type { MatchingDecision } from '@arbhub/schema';
import type { AliasTable } from './aliases.js';
import { PERSON_SPORTS } from './score.js';
import type { Prepared } from './score.js';

export type LinkDecision = Extract<MatchingDecision, { kind: 'link' }>;
export type UnlinkDecision = Extract<MatchingDecision, { kind: 'unlink' }>;

/** Where a pinned listing belongs: the sport and names of the event it was linked to. */
export interface Pin {
  sport: string;
  home: string;
  away: string;
}

type TeamKeys = readonly [string, string];

export class MatchingDecisions {
  private readonly pins = new Map<string, Pin>();
  private bans: { a: TeamKeys; b: TeamKeys }[] = [];
  /** The bans as pair keys, as of an alias-table version. */
  private banned: { version: number; keys: Set<string> } | undefined;

  constructor(
    private readonly aliases: AliasTable,
    /** Teaches the alias table a pair (and tells whoever keeps them). */
    private readonly teach: (a: string, b: string) => void,
  ) {}

  /** Applies a decision: a link teaches its names (club sports) and pins, an unlink bans. */
  apply(decision: MatchingDecision): void {
    const keys = (teams: { home: string; away: string }): TeamKeys => {
      const person = PERSON_SPORTS.has(decision.sport);
      return [this.aliases.normalize(teams.home, person).key, this.aliases.normalize(teams.away, person).key];
    };
    const key = listingKey(decision.book, decision.eventId);
    const teams = keys(decision.teams);
    if (decision.kind === 'link') {
      const target = keys(decision.with);
      if (!PERSON_SPORTS.has(decision.sport)) {
        this.teach(target[0], teams[0]);
        this.teach(target[1], teams[1]);
      }
      this.pins.set(key, { sport: decision.sport, ...decision.with });
      // A link lifts an earlier ban of the same two pairs of teams.
      const lifted = this.pairKey(teams, target, false);
      this.bans = this.bans.filter((ban) => this.pairKey(ban.a, ban.b, false) !== lifted);
    } else {
      this.pins.delete(key);
      this.bans.push({ a: teams, b: keys(decision.from) });
    }
    this.banned = undefined;
  }

  /** The pin of a listing, if a person linked it. */
  pinOf(book: string, eventId: string): Pin | undefined {
    return this.pins.get(listingKey(book, eventId));
  }

  /** Whether a person said these two listings' teams are not one fixture. */
  isBanned(x: Prepared, y: Prepared): boolean {
    if (this.bans.length === 0) return false;
    if (this.banned?.version !== this.aliases.version)
      this.banned = {
        version: this.aliases.version,
        keys: new Set(this.bans.map((ban) => this.pairKey(ban.a, ban.b, true))),
      };
    const teams = (p: Prepared): TeamKeys => [p.home.team.key, p.away.team.key];
    return this.banned.keys.has(this.pairKey(teams(x), teams(y), true));
  }

  /** One key for two pairs of teams, in any order (through the alias groups when `grouped`). */
  private pairKey(a: TeamKeys, b: TeamKeys, grouped: boolean): string {
    const side = (t: TeamKeys) =>
      t
        .map((k) => (grouped ? this.aliases.canonical(k) : k))
        .sort()
        .join('~');
    return [side(a), side(b)].sort().join('#');
  }
}
