// Team and player names as comparable tokens: case, diacritics and punctuation
// folded, identity-free affixes dropped, identity markers (women, reserves, youth)
// kept apart so that they must agree exactly.
import { fold } from './fold.js';
import {
  BARE_RESERVES,
  LEADING_RESERVE,
  MARKERS,
  MAY_HAVE_MARKER,
  NAMED_RESERVES,
  TRAILING_MARKERS,
  readBracket,
} from './markers.js';

export { fold, soundKey } from './fold.js';
export { markersAgree } from './markers.js';

export interface NormalizedName {
  raw: string;
  /** The tokens joined by one space: `borussia monchengladbach`. */
  key: string;
  tokens: string[];
  /** Identity markers, sorted and joined: '' (first team), 'w', 'r', 'u21', 'w|u19', ... */
  markers: string;
  /** The name carried a neutral-venue marker such as (N). */
  neutral: boolean;
  /** An ISO 3166 alpha-2 code from a country tag, "Universidad Católica (Chile)": 'cl'; '' when none. */
  country: string;
  /**
   * A trailing letter read as a marker may be a word's initial instead ("Kawasaki F." is
   * Frontale, "Lyon F." the women's side): the letter and the markers without it.
   */
  initial?: { letter: string; markers: string } | undefined;
}

/** Words that name no club: "FC Porto" is Porto. Never words that tell clubs apart (united, city, real). */
const AFFIXES = new Set([
  'fc',
  'bc',
  'afc',
  'cf',
  'sc',
  'ac',
  'as',
  'sv',
  'fk',
  'sk',
  'bk',
  'if',
  'cd',
  'ud',
  'sd',
  'ss',
  'ssc',
  'us',
  'rc',
  'rcd',
  'vfb',
  'vfl',
  'tsg',
  'fsv',
  'spvgg',
  'club',
  'calcio',
  'kv',
  'krc',
  'nk',
  'hnk',
  'gnk',
  'pfc',
  'ofk',
  'jk',
  'cfc',
  'fbc',
  'sfc',
  'tsv',
  'bsc',
  'ksc',
  'cp',
  'sl',
]);
/** Connectives dropped inside names: "Celta de Vigo" is "Celta Vigo". */
const CONNECTIVES = new Set([
  'de',
  'del',
  'la',
  'el',
  'le',
  'les',
  'of',
  'the',
  'and',
  'y',
  'e',
  'et',
  'und',
  'da',
  'do',
  'di',
  'des',
  'der',
]);

const NEUTRAL_SOURCE = String.raw`\(\s*(n|neutral)\s*\)|\bneutral\s+(venue|ground)\b`;
/** Global, for replace; a test with it would carry lastIndex over between names. */
const NEUTRAL = new RegExp(NEUTRAL_SOURCE, 'g');
const IS_NEUTRAL = new RegExp(NEUTRAL_SOURCE);

/** Tokens that, on their own, could be many clubs: "Inter" alone is not Inter Miami. */
export const GENERIC = new Set([
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

export interface NormalizeOptions {
  /** Abbreviations expanded token by token: utd → united. */
  tokenAliases?: ReadonlyMap<string, string>;
  /**
   * A person's name: a trailing letter is an initial ("Coric B.") and a bracketed
   * code a nationality ("(SUI)"), not markers.
   */
  person?: boolean;
  /** Folded names whose trailing marker-looking token is part of the name (SSV Jeddeloh II: Jeddeloh II is the village). */
  names?: ReadonlySet<string>;
}

/** Normalizes a team name (see NormalizedName). */
export function normalizeTeam(raw: string, options: NormalizeOptions = {}): NormalizedName {
  const person = options.person === true;
  let text = fold(raw);
  const neutral = IS_NEUTRAL.test(text);
  text = text.replace(NEUTRAL, ' ');
  const markers = new Set<string>();
  const found = { country: '' };
  if (text.includes('('))
    text = text.replace(/\(([^()]*)\)?/g, (_, inner: string) => readBracket(inner, person, markers, found));
  // One quick look first: most names carry no marker at all.
  if (MAY_HAVE_MARKER.test(text))
    for (const [pattern, marker] of MARKERS) {
      text = text.replace(pattern, (...args: unknown[]) => {
        markers.add(marker(args as unknown as RegExpMatchArray));
        return ' ';
      });
    }
  // Dotted acronyms are one word: "A.F.C." is "afc", "S.S. Lazio" is "ss lazio".
  text = text.replace(/\b(?:\p{L}\.){2,}/gu, (acronym) => `${acronym.replaceAll('.', '')} `);
  let tokens = text.split(/[^\p{L}\p{N}]+/u).filter((t) => t !== '');
  let bare: string | undefined;
  let initial: string | undefined;
  let initialMarker: string | undefined;
  if (!person) {
    // "Arsenal W", "Barcelona B", "Club NXT": a marker word at the end, unless the whole name is a known one.
    while (tokens.length > 1) {
      const last = tokens[tokens.length - 1] ?? '';
      const marker = TRAILING_MARKERS.get(last);
      if (marker === undefined || options.names?.has(tokens.join(' '))) break;
      if (last.length === 1 && initial === undefined && !markers.has(marker)) {
        initial = last;
        initialMarker = marker;
      }
      markers.add(marker);
      bare = BARE_RESERVES.get(last);
      tokens = tokens.slice(0, -1);
    }
    if (tokens.length > 1 && LEADING_RESERVE.has(tokens[0] ?? '')) {
      markers.add('r');
      tokens = tokens.slice(1);
    }
  }
  const aliases = options.tokenAliases;
  tokens = tokens.map((t) => aliases?.get(t) ?? t).flatMap((t) => t.split(' '));
  const kept = tokens.filter(
    (t, i) => !AFFIXES.has(t) && !CONNECTIVES.has(t) && !(i === 0 && /^\d$/.test(t)),
  );
  if (kept.length > 0) tokens = kept;
  else if (bare !== undefined) tokens = bare.split(' ');
  let key = tokens.join(' ');
  const named = person ? undefined : NAMED_RESERVES.get(key);
  if (named !== undefined) {
    markers.add('r');
    tokens = named.split(' ');
    key = named;
  }
  const marked = markers.size === 0 ? [] : [...markers].sort();
  return {
    raw,
    key,
    tokens,
    markers: marked.join('|'),
    neutral,
    country: found.country,
    initial:
      initial === undefined
        ? undefined
        : { letter: initial, markers: marked.filter((m) => m !== initialMarker).join('|') },
  };
}

/** A player's name: surname tokens and initials, order-free. "Djokovic N." = "N. Djokovic". */
export interface PersonName {
  names: string[];
  initials: string[];
}

/** "A.Smith-B.Jones" or "Smith A.-Jones B.": a doubles pair joined by a hyphen (a hyphenated surname has no initial on both sides of it). */
const HYPHEN_PAIR =
  /^(\p{L}\.\s?[\p{L}'’ -]+?)\s?-\s?(\p{L}\.\s?[\p{L}'’ -]+)$|^([\p{L}'’ ]+\s\p{L}\.?)\s?-\s?([\p{L}'’ ]+\s\p{L}\.?)$/u;

/** A side's players, split on /, &, + or a doubles hyphen. */
function splitPlayers(raw: string): string[] {
  const parts = raw.split(/\s*(?:\/|&|\+)\s*/);
  if (parts.length > 1) return parts;
  const pair = HYPHEN_PAIR.exec(raw.trim());
  if (!pair) return parts;
  return (pair[1] !== undefined ? [pair[1], pair[2]] : [pair[3], pair[4]]).map((p) => p ?? '');
}

/**
 * The players of a person-sport side: "Djokovic N.", "Djokovic N. / Murray A."
 * (doubles), "A.Smith-B.Jones". A nationality in brackets ("(SUI)") is dropped.
 */
export function normalizePlayers(raw: string): { players: PersonName[]; markers: string; neutral: boolean } {
  const team = normalizeTeam(raw.replace(/\s*(\/|&|\+)\s*/g, ' | '), { person: true });
  const players = splitPlayers(
    fold(raw)
      .replace(NEUTRAL, ' ')
      .replace(/\([^()]*\)?/g, ' '),
  )
    .map((player) => {
      const tokens = player.split(/[^\p{L}]+/u).filter((t) => t !== '');
      return {
        names: tokens.filter((t) => t.length > 1).sort(),
        initials: tokens.filter((t) => t.length === 1).sort(),
      };
    })
    .filter((p) => p.names.length > 0);
  return { players, markers: team.markers, neutral: team.neutral };
}
