// How sure two listings are one fixture. Both teams must agree (the score is the
// weaker of the two), the kickoffs must fall within the window, the sport must be
// the same; the league only nudges.
import type { Listing } from '@arbhub/schema';
import { distance } from 'fastest-levenshtein';
import type { AliasTable } from './aliases.js';
import { fold, normalizePlayers } from './normalize.js';
import type { NormalizedName, PersonName } from './normalize.js';

/** Sports whose sides are people, not clubs: names compare as surname + initials. */
export const PERSON_SPORTS = new Set([
  'tennis',
  'table-tennis',
  'badminton',
  'darts',
  'snooker',
  'mma',
  'boxing',
]);

/** Tokens that, on their own, could be many clubs: "Inter" alone is not Inter Miami. */
const GENERIC = new Set([
  'real',
  'rangers',
  'forest',
  'park',
  'villa',
  'harriers',
  'borough',
  'thistle',
  'hotspur',
  'celtic',
  'orient',
  'argyle',
  'alexandra',
  'vale',
  'wings',
  'kings',
  'bulls',
  'united',
  'city',
  'sporting',
  'athletic',
  'atletico',
  'inter',
  'dynamo',
  'dinamo',
  'racing',
  'olympic',
  'olympique',
  'deportivo',
  'sport',
  'sports',
  'town',
  'rovers',
  'wanderers',
  'albion',
  'county',
  'saint',
  'young',
  'academy',
  'union',
  'national',
  'nacional',
  'juventud',
  'universidad',
  'new',
  'north',
  'south',
  'west',
  'east',
  'central',
  'club',
  'red',
  'star',
  'stars',
  'fc',
  'fk',
  'bk',
]);

/** A listing made ready for comparison once. */
export interface Prepared {
  listing: Listing;
  time: number;
  person: boolean;
  home: Side;
  away: Side;
  league: string[];
}

export interface Side {
  team: NormalizedName;
  players: PersonName[];
}

export function prepare(listing: Listing, aliases: AliasTable): Prepared {
  const person = PERSON_SPORTS.has(listing.sport);
  const side = (name: string): Side => {
    const team = aliases.normalize(name);
    return { team, players: person ? normalizePlayers(name).players : [] };
  };
  return {
    listing,
    time: Date.parse(listing.startTime),
    person,
    home: side(listing.home),
    away: side(listing.away),
    league: fold(listing.league)
      .split(/[^\p{L}\p{N}]+/u)
      .filter((t) => t.length > 1),
  };
}

/** 1 - normalized Levenshtein distance. */
export function editSimilarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - distance(a, b) / longest;
}

/**
 * How well two tokens agree: 1 equal; an initial or a short prefix of the other
 * ("c" for city, "co" for county, "brom" for bromwich) 0.75 / 0.8; long tokens that
 * are close (transliterations, typos) their edit similarity.
 */
function tokenAgreement(a: string, b: string): number {
  if (a === b) return 1;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.startsWith(short)) {
    if (short.length === 1) return 0.75;
    if (long.length >= 4) return 0.8;
  }
  if (short.length < 5) return 0;
  const similarity = editSimilarity(a, b);
  return similarity >= 0.8 ? similarity : 0;
}

/**
 * Similarity of two club names in [0, 1]. Identity markers (women, reserves, youth)
 * must be equal; the same alias group is 1; otherwise the better of the names' own
 * keys and their groups' representatives, each compared by nameSimilarity.
 */
export function teamSimilarity(a: Side, b: Side, aliases: AliasTable): number {
  if (a.team.markers !== b.team.markers) return 0;
  // Looked up each time, so that aliases learned since a listing was prepared apply to it.
  const ca = aliases.canonical(a.team.key);
  const cb = aliases.canonical(b.team.key);
  if (ca === cb) return 1;
  const own = nameSimilarity(a.team.key, b.team.key);
  return ca === a.team.key && cb === b.team.key ? own : Math.max(own, nameSimilarity(ca, cb));
}

/**
 * The best of a fuzzy token Dice, the edit similarity of the whole names, and, when
 * one name's tokens all agree with the other's and include a distinctive one
 * ("Dortmund" in "Borussia Dortmund"), 0.85. A generic word alone ("Inter", "Real")
 * earns nothing that way.
 */
export function nameSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const ta = a.split(' ');
  const tb = b.split(' ');
  const used = new Set<number>();
  let matched = 0;
  let agreement = 0;
  for (const token of ta) {
    let best = 0;
    let bestAt = -1;
    tb.forEach((other, i) => {
      if (used.has(i)) return;
      const score = tokenAgreement(token, other);
      if (score > best) {
        best = score;
        bestAt = i;
      }
    });
    if (bestAt !== -1) {
      used.add(bestAt);
      matched += 1;
      agreement += best;
    }
  }
  const dice = (2 * agreement) / (ta.length + tb.length);
  const edit = editSimilarity(a, b);
  const shorter = ta.length <= tb.length ? ta : tb;
  const contained = matched === shorter.length && shorter.some((t) => !GENERIC.has(t) && t.length > 2);
  return Math.max(dice, edit, contained ? 0.85 : 0);
}

/** Similarity of two person-sport sides: every player must match (surname, and initials where given). */
export function playersSimilarity(a: Side, b: Side): number {
  if (a.team.markers !== b.team.markers) return 0;
  if (a.players.length !== b.players.length || a.players.length === 0) return 0;
  const used = new Set<number>();
  let worst = 1;
  for (const player of a.players) {
    let best = 0;
    let bestAt = -1;
    b.players.forEach((other, i) => {
      if (used.has(i)) return;
      const score = personSimilarity(player, other);
      if (score > best) {
        best = score;
        bestAt = i;
      }
    });
    if (bestAt === -1) return 0;
    used.add(bestAt);
    worst = Math.min(worst, best);
  }
  return worst;
}

/**
 * "Djokovic N." = "Novak Djokovic" = "N. Djokovic"; "Williams S." is not "Williams V.".
 * The names of one side must all be among the other's; an initial must start a name
 * the other has beyond the shared ones.
 */
export function personSimilarity(a: PersonName, b: PersonName): number {
  const [fewer, more] = a.names.length <= b.names.length ? [a, b] : [b, a];
  const remaining = [...more.names];
  let agreement = 1;
  for (const name of fewer.names) {
    let bestAt = -1;
    let best = 0;
    remaining.forEach((other, i) => {
      const score = tokenAgreement(name, other);
      if (score > best) {
        best = score;
        bestAt = i;
      }
    });
    if (bestAt === -1) return 0;
    agreement = Math.min(agreement, best);
    remaining.splice(bestAt, 1);
  }
  // What the side with fewer names gives as initials must fit the other's extra names or initials.
  const extraInitials = [...remaining.map((n) => n[0] ?? ''), ...more.initials];
  for (const initial of fewer.initials) {
    const at = extraInitials.indexOf(initial);
    if (at === -1) return 0;
    extraInitials.splice(at, 1);
  }
  const sameShape = remaining.length === 0 && fewer.initials.length === more.initials.length;
  // A bare surname against a full name is likely but not certain (siblings play).
  const certainty = sameShape || fewer.initials.length > 0 ? 1 : 0.9;
  return agreement * certainty;
}

export interface PairScore {
  score: number;
  /** The second listing has home and away the other way round. */
  swapped: boolean;
}

export interface ScoreOptions {
  /** Largest kickoff difference of one fixture, in ms. */
  windowMs: number;
  aliases: AliasTable;
}

const NO_MATCH: PairScore = { score: 0, swapped: false };

/**
 * Confidence that two listings are one fixture, in [0, 1], and their orientation.
 * A swap is accepted (two teams cannot play each other twice at one time) and
 * recorded; without a neutral-venue marker it costs a little confidence.
 */
export function scorePair(x: Prepared, y: Prepared, { windowMs, aliases }: ScoreOptions): PairScore {
  if (x.listing.sport !== y.listing.sport) return NO_MATCH;
  const gap = Math.abs(x.time - y.time);
  if (!(gap <= windowMs)) return NO_MATCH;
  const similarity = (a: Side, b: Side) =>
    x.person ? playersSimilarity(a, b) : teamSimilarity(a, b, aliases);
  const direct = Math.min(similarity(x.home, y.home), similarity(x.away, y.away));
  let best = direct;
  let swapped = false;
  if (direct < 1) {
    const neutral = x.home.team.neutral || x.away.team.neutral || y.home.team.neutral || y.away.team.neutral;
    const reversed = Math.min(similarity(x.home, y.away), similarity(x.away, y.home)) * (neutral ? 1 : 0.97);
    if (reversed > direct) {
      best = reversed;
      swapped = true;
    }
  }
  if (best === 0) return NO_MATCH;
  const timeFactor = 1 - 0.1 * (gap / windowMs);
  return { score: best * timeFactor * leagueFactor(x.league, y.league), swapped };
}

/** The league only nudges: books name leagues too differently to decide anything. */
function leagueFactor(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 1;
  const shared = a.filter((t) => b.includes(t)).length;
  return shared > 0 ? 1 : 0.97;
}
