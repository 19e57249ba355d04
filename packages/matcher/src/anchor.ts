// Evidence from structure, the rule bettors use when one book prints a name nobody
// else does (a sponsor's name, the name before a rename, an abbreviation): one team
// matches strongly, sport and kickoff agree, and at that time this listing is the
// only one at its book against that opponent and the event the only one it fits.
// Then the other team may differ in name, as long as it is not a known different
// team and its identity markers (women, reserves, youth) and country tag agree.
import type { AliasTable } from './aliases.js';
import { markersAgree } from './normalize.js';
import { teamSimilarity } from './score.js';
import type { Prepared, Side } from './score.js';

/** Kickoffs of an anchored pair at most this far apart. */
export const ANCHOR_WINDOW_MS = 15 * 60_000;
/** A team "matches strongly" at this similarity (or in one alias group, which is 1). */
export const STRONG_MATCH = 0.95;
/** An anchored merge's confidence (before the time factor): below the board's low-confidence flag, so a person sees it. */
export const ANCHOR_CONFIDENCE = 0.85;

export interface AnchorPair {
  /** The second listing has home and away the other way round. */
  swapped: boolean;
  /** Which of the FIRST listing's teams matched strongly. */
  anchor: 'home' | 'away';
  /** The pair's confidence. */
  score: number;
  /** How well the anchor team matched. */
  similarity: number;
}

/**
 * Whether two listings are one fixture by anchor evidence alone. Against an event of
 * several listings the anchor team must match every member (`strong` = the merge
 * threshold) and at least one of them strongly (STRONG_MATCH), so a caller checking
 * a whole event passes the threshold and checks `similarity`.
 * (the pair, without the
 * uniqueness the caller must also check): club sport, kickoffs within 15 minutes, one
 * team strongly matched, the other with equal markers and country and not two
 * different known teams. Undefined when the rule does not apply.
 */
export function anchorPair(
  x: Prepared,
  y: Prepared,
  aliases: AliasTable,
  threshold: number,
  strong = STRONG_MATCH,
): AnchorPair | undefined {
  if (x.person || y.person || x.listing.sport !== y.listing.sport) return undefined;
  const gap = Math.abs(x.time - y.time);
  if (!(gap <= ANCHOR_WINDOW_MS)) return undefined;
  let found: AnchorPair | undefined;
  for (const swapped of [false, true]) {
    const yHome = swapped ? y.away : y.home;
    const yAway = swapped ? y.home : y.away;
    const home = teamSimilarity(x.home, yHome, aliases);
    const away = teamSimilarity(x.away, yAway, aliases);
    let anchor: 'home' | 'away' | undefined;
    if (home >= strong && away < threshold && mayBeOneTeam(x.away, yAway, aliases)) anchor = 'home';
    else if (away >= strong && home < threshold && mayBeOneTeam(x.home, yHome, aliases)) anchor = 'away';
    if (anchor === undefined) continue;
    // Both orientations anchoring would mean the names say nothing: no anchor then.
    if (found) return undefined;
    found = {
      swapped,
      anchor,
      score: ANCHOR_CONFIDENCE * (1 - 0.1 * (gap / ANCHOR_WINDOW_MS)),
      similarity: anchor === 'home' ? home : away,
    };
  }
  return found;
}

/** The unmatched teams may still be one: markers and country agree, and they are not two teams the alias table knows apart. */
function mayBeOneTeam(a: Side, b: Side, aliases: AliasTable): boolean {
  if (!markersAgree(a.team.markers, b.team.markers)) return false;
  if (a.team.country !== '' && b.team.country !== '' && a.team.country !== b.team.country) return false;
  if (a.team.key === '' || b.team.key === '') return false;
  if (aliases.known(a.team.key) && aliases.known(b.team.key))
    return aliases.canonical(a.team.key) === aliases.canonical(b.team.key);
  return true;
}

/** The side of a listing that anchored, and the other one. */
export function sidesOf(p: Prepared, anchor: 'home' | 'away'): { anchored: Side; other: Side } {
  return anchor === 'home' ? { anchored: p.home, other: p.away } : { anchored: p.away, other: p.home };
}

/** Whether a listing has a team that strongly matches `side`. */
export function plays(p: Prepared, side: Side, aliases: AliasTable): boolean {
  return (
    teamSimilarity(p.home, side, aliases) >= STRONG_MATCH ||
    teamSimilarity(p.away, side, aliases) >= STRONG_MATCH
  );
}

/**
 * The uniqueness an anchored merge of `x` with `y` needs, checked against the
 * listings near them in time (`nearby`, which may include x, y and the event's
 * members; `inEvent` tells which belong to the two sides being merged):
 * - no other listing at x's book (or y's) plays the anchor team in the window;
 * - no listing outside the two sides plays x's other team or y's (each is a real,
 *   different team at that time);
 * - no listing at x's book plays y's other team (x's book lists it elsewhere).
 */
export function anchorIsUnique(
  x: Prepared,
  y: Prepared,
  pair: AnchorPair,
  nearby: Iterable<Prepared>,
  inEvent: (p: Prepared) => boolean,
  aliases: AliasTable,
): boolean {
  const { anchored, other } = sidesOf(x, pair.anchor);
  const { other: yOther } = sidesOf(y, secondAnchor(pair));
  for (const z of nearby) {
    if (z === x || z === y || z.listing.sport !== x.listing.sport) continue;
    if (Math.abs(z.time - x.time) > ANCHOR_WINDOW_MS && Math.abs(z.time - y.time) > ANCHOR_WINDOW_MS)
      continue;
    const member = inEvent(z);
    const book = z.listing.book;
    if ((book === x.listing.book || book === y.listing.book) && !member && plays(z, anchored, aliases))
      return false;
    if (!member && (plays(z, other, aliases) || plays(z, yOther, aliases))) return false;
    if (book === x.listing.book && plays(z, yOther, aliases)) return false;
    if (book === y.listing.book && !member && plays(z, other, aliases)) return false;
  }
  return true;
}

/** The side of the SECOND listing of an anchored pair that anchored. */
export function secondAnchor(pair: AnchorPair): 'home' | 'away' {
  return pair.anchor === 'home' ? (pair.swapped ? 'away' : 'home') : pair.swapped ? 'home' : 'away';
}
