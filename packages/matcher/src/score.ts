// How sure two listings are one fixture. Both teams must agree (the score is the
// weaker of the two), the kickoffs must fall within the window, the sport must be
// the same; the league only nudges.
import type { Listing } from '@arbhub/schema';
import { distance } from 'fastest-levenshtein';
import type { AliasTable } from './aliases.js';
import { GENERIC, fold, markersAgree, normalizePlayers, soundKey } from './normalize.js';
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
  /** The alias group's representative and its tokens, as of alias-table version `version`. */
  cache?: { version: number; canonical: string; tokens: string[] };
}

/** A side's alias representative, cached until the alias table changes. */
function canonicalOf(side: Side, aliases: AliasTable): { canonical: string; tokens: string[] } {
  const cached = side.cache;
  if (cached?.version === aliases.version) return cached;
  const key = side.team.key;
  // A name that is no alias itself may still be made of one team's aliases ("BVB Dortmund").
  const canonical =
    aliases.known(key) || aliases.canonical(key) !== key
      ? aliases.canonical(key)
      : (aliases.compositeCanonical(side.team.tokens) ?? key);
  const fresh = {
    version: aliases.version,
    canonical,
    tokens: canonical === side.team.key ? side.team.tokens : canonical.split(' '),
  };
  side.cache = fresh;
  return fresh;
}

export function prepare(listing: Listing, aliases: AliasTable): Prepared {
  const person = PERSON_SPORTS.has(listing.sport);
  const side = (name: string): Side => {
    const team = aliases.normalize(name, person);
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
  // Edit similarity of at least 0.8 needs lengths within 20% of each other: check that first.
  if (short.length < 5 || (long.length - short.length) * 5 > long.length) return 0;
  const similarity = editSimilarity(a, b);
  if (similarity >= 0.8) return similarity;
  // One name romanized two ways (Jeonbuk / Chonbuk, Hyeondae / Hyundai) is still close in
  // spelling and sounds the same; only such pairs pay for the sound keys.
  if (similarity >= 0.6 && soundKey(a) === soundKey(b) && soundKey(a).length >= 4) return 0.9;
  return 0;
}

/**
 * Similarity of two club names in [0, 1]. Identity markers (women, reserves, youth)
 * must be equal; the same alias group is 1; otherwise the better of the names' own
 * keys and their groups' representatives, each compared by nameSimilarity.
 */
export function teamSimilarity(a: Side, b: Side, aliases: AliasTable): number {
  if (a.team.markers !== b.team.markers && !markersAgree(a.team.markers, b.team.markers))
    return initialReading(a, b, aliases) || initialReading(b, a, aliases);
  // Country tags tell same-named clubs apart: Universidad Católica (Chile) / (Ecuador).
  if (a.team.country !== b.team.country && a.team.country !== '' && b.team.country !== '') return 0;
  // Looked up (through a cache) each time, so aliases learned since a listing was prepared apply.
  const ca = canonicalOf(a, aliases);
  const cb = canonicalOf(b, aliases);
  if (ca.canonical === cb.canonical) return 1;
  const own = nameSimilarity(a.team.key, a.team.tokens, b.team.key, b.team.tokens);
  if (ca.canonical === a.team.key && cb.canonical === b.team.key) return own;
  return Math.max(own, nameSimilarity(ca.canonical, ca.tokens, cb.canonical, cb.tokens));
}

/**
 * "Kawasaki F." against "Kawasaki Frontale": the trailing letter read as a word's
 * initial, not a marker, when the other name has a word it starts that the first
 * lacks. "Lyon F." against "Lyon" stays the women's side: nothing for F to stand for.
 */
function initialReading(a: Side, b: Side, aliases: AliasTable): number {
  const initial = a.team.initial;
  if (!initial || !markersAgree(initial.markers, b.team.markers)) return 0;
  const stands = b.team.tokens.some(
    (t) => t.length >= 3 && t.startsWith(initial.letter) && !a.team.tokens.includes(t),
  );
  if (!stands) return 0;
  const tokens = [...a.team.tokens, initial.letter];
  const reread: Side = {
    team: { ...a.team, key: tokens.join(' '), tokens, markers: b.team.markers, initial: undefined },
    players: a.players,
  };
  return teamSimilarity(reread, b, aliases);
}

/**
 * A short token in one name that spells the initials of a run of tokens in the
 * other ("ws" for "western sydney", "kc" for "kansas city") is replaced by that run.
 */
function expandAcronyms(ta: readonly string[], tb: readonly string[]): readonly string[] {
  // Most names have nothing to expand: no new array then.
  if (!ta.some((t) => t.length >= 2 && t.length <= 4 && !tb.includes(t))) return ta;
  const out: string[] = [];
  for (const token of ta) {
    let run: string[] | undefined;
    if (token.length >= 2 && token.length <= 4 && !tb.includes(token)) {
      for (let start = 0; !run && start + token.length <= tb.length; start += 1) {
        const candidate = tb.slice(start, start + token.length);
        if (candidate.every((t, k) => t.startsWith(token.charAt(k)))) run = candidate;
      }
    }
    if (run) out.push(...run);
    else out.push(token);
  }
  return out;
}

/** Two-letter tokens (club-type and state abbreviations: "CR Flamengo", "Palmeiras SP") weigh nothing beside longer ones. */
function strongTokens(tokens: readonly string[]): readonly string[] {
  if (!tokens.some((t) => t.length === 2)) return tokens;
  const strong = tokens.filter((t) => t.length !== 2);
  return strong.length > 0 ? strong : tokens;
}

/**
 * The best of a fuzzy token Dice, the edit similarity of the whole names, and
 * containment: when one name's tokens all agree with the other's, 0.85 if they
 * include a distinctive one ("Dortmund" in "Borussia Dortmund"), 0.82 if they are
 * generic words alone ("Racing" in "Racing Avellaneda"), which clears the threshold
 * only with the other team, the kickoff and the league all agreeing.
 */
export function nameSimilarity(a: string, ta: readonly string[], b: string, tb: readonly string[]): number {
  if (a === b) return 1;
  // Words run together or apart: "Ha Noi" / "Hanoi", "Bodo Glimt" / "Bodoglimt".
  // (A key is its tokens joined by single spaces, so the joined lengths are known without joining.)
  if (
    ta.length !== tb.length &&
    a.length - ta.length === b.length - tb.length &&
    a.replaceAll(' ', '') === b.replaceAll(' ', '')
  )
    return 0.95;
  const ea = expandAcronyms(ta, tb);
  const eb = expandAcronyms(tb, ea);
  let xa = strongTokens(ea);
  let xb = strongTokens(eb);
  if (xa.length === ea.length || xb.length === eb.length) {
    // Drop two-letter tokens only where both names have something longer.
    if (xa.length === ea.length && ea.every((t) => t.length === 2)) xb = eb;
    if (xb.length === eb.length && eb.every((t) => t.length === 2)) xa = ea;
  }
  let usedMask = 0; // names have far fewer than 31 tokens
  let matched = 0;
  let agreement = 0;
  for (const token of xa) {
    let best = 0;
    let bestAt = -1;
    for (let i = 0; i < xb.length && i < 31; i += 1) {
      if (usedMask & (1 << i)) continue;
      const score = tokenAgreement(token, xb[i] ?? '');
      if (score > best) {
        best = score;
        bestAt = i;
      }
    }
    if (bestAt !== -1) {
      usedMask |= 1 << bestAt;
      matched += 1;
      agreement += best;
    }
  }
  const dice = (2 * agreement) / (xa.length + xb.length);
  const shorter = xa.length <= xb.length ? xa : xb;
  let contained = 0;
  if (matched === shorter.length)
    contained = shorter.some((t) => !GENERIC.has(t) && t.length > 2) ? 0.85 : 0.82;
  const best = Math.max(dice, contained);
  // The whole names' edit similarity is at most 1 - (length difference / longer length).
  const longest = Math.max(a.length, b.length);
  if (1 - Math.abs(a.length - b.length) / longest <= best) return best;
  return Math.max(best, editSimilarity(a, b));
}

/** Similarity of two person-sport sides: every player must match (surname, and initials where given). */
export function playersSimilarity(a: Side, b: Side): number {
  if (a.team.markers !== b.team.markers && !markersAgree(a.team.markers, b.team.markers)) return 0;
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
 * At least one full name (the surname) must agree; what is left on each side (given
 * names, initials) is compared by first letter, so nicknames ("Coco" for Cori) pass
 * and a different initial rules the match out. With nothing left to compare on one
 * side (a bare surname), the match is likely but not certain: siblings play.
 */
export function personSimilarity(a: PersonName, b: PersonName): number {
  const leftA = [...a.names];
  const leftB = [...b.names];
  let agreement = 1;
  let matched = 0;
  for (let i = leftA.length - 1; i >= 0; i -= 1) {
    let best = 0;
    let bestAt = -1;
    leftB.forEach((other, j) => {
      const score = tokenAgreement(leftA[i] ?? '', other);
      if (score > best) {
        best = score;
        bestAt = j;
      }
    });
    if (bestAt === -1) continue;
    agreement = Math.min(agreement, best);
    matched += 1;
    leftA.splice(i, 1);
    leftB.splice(bestAt, 1);
  }
  if (matched === 0) return 0;
  const lettersA = [...leftA.map((n) => n[0] ?? ''), ...a.initials];
  const lettersB = [...leftB.map((n) => n[0] ?? ''), ...b.initials];
  const [fewer, more] = lettersA.length <= lettersB.length ? [lettersA, lettersB] : [lettersB, lettersA];
  if (fewer.length === 0) return agreement * (more.length === 0 ? 1 : 0.9);
  for (const letter of fewer) {
    const at = more.indexOf(letter);
    if (at === -1) return 0;
    more.splice(at, 1);
  }
  // Given names on both sides that differ only in spelling (Coco, Cori) are a little less sure.
  return agreement * (leftA.length > 0 && leftB.length > 0 ? 0.95 : 1);
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
  /** A team below this similarity rules the pair out, so the other team is not scored. */
  threshold: number;
}

const NO_MATCH: PairScore = { score: 0, swapped: false };

/**
 * Confidence that two listings are one fixture, in [0, 1], and their orientation.
 * A swap is accepted (two teams cannot play each other twice at one time) and
 * recorded; without a neutral-venue marker it costs a little confidence.
 */
export function scorePair(x: Prepared, y: Prepared, options: ScoreOptions): PairScore {
  const { windowMs, aliases } = options;
  if (x.listing.sport !== y.listing.sport) return NO_MATCH;
  const gap = Math.abs(x.time - y.time);
  if (!(gap <= windowMs)) return NO_MATCH;
  const { threshold } = options;
  const direct = bothSides(x.person, x.home, y.home, x.away, y.away, aliases, threshold);
  let best = direct;
  let swapped = false;
  if (direct < 1) {
    const neutral = x.home.team.neutral || x.away.team.neutral || y.home.team.neutral || y.away.team.neutral;
    const reversed =
      bothSides(x.person, x.home, y.away, x.away, y.home, aliases, threshold) * (neutral ? 1 : 0.97);
    if (reversed > direct) {
      best = reversed;
      swapped = true;
    }
  }
  if (best === 0) return NO_MATCH;
  const timeFactor = 1 - 0.1 * (gap / windowMs);
  return { score: best * timeFactor * leagueFactor(x.league, y.league), swapped };
}

/**
 * The weaker of two sides' similarities; both must reach the threshold, so the
 * second is scored only when the first does.
 */
function bothSides(
  person: boolean,
  a1: Side,
  b1: Side,
  a2: Side,
  b2: Side,
  aliases: AliasTable,
  threshold: number,
): number {
  const first = sideSimilarity(person, a1, b1, aliases);
  if (first < threshold) return 0;
  return Math.min(first, sideSimilarity(person, a2, b2, aliases));
}

/** Similarity of two sides: players for a person sport, clubs otherwise. */
export function sideSimilarity(person: boolean, a: Side, b: Side, aliases: AliasTable): number {
  return person ? playersSimilarity(a, b) : teamSimilarity(a, b, aliases);
}

/**
 * How alike two listings' names are in each orientation, as the mean of their two
 * sides (0..1): what the review queue shows and a person's link goes by.
 */
export function orientations(
  x: Prepared,
  y: Prepared,
  aliases: AliasTable,
): { direct: number; reversed: number } {
  const side = (a: Side, b: Side) => sideSimilarity(x.person, a, b, aliases);
  return {
    direct: (side(x.home, y.home) + side(x.away, y.away)) / 2,
    reversed: (side(x.home, y.away) + side(x.away, y.home)) / 2,
  };
}

/** The league only nudges: books name leagues too differently to decide anything. */
function leagueFactor(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 1;
  const shared = a.filter((t) => b.includes(t)).length;
  return shared > 0 ? 1 : 0.97;
}
