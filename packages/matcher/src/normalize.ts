// Team and player names as comparable tokens: case, diacritics and punctuation
// folded, identity-free affixes dropped, identity markers (women, reserves, youth)
// kept apart so that they must agree exactly.

export interface NormalizedName {
  raw: string;
  /** The tokens joined by one space: `borussia monchengladbach`. */
  key: string;
  tokens: string[];
  /** Identity markers, sorted and joined: '' (first team), 'w', 'r', 'u21', 'w|u19', ... */
  markers: string;
  /** The name carried a neutral-venue marker such as (N). */
  neutral: boolean;
}

/** Letters NFKD does not decompose. */
const LETTERS: Record<string, string> = {
  ß: 'ss',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  đ: 'd',
  ł: 'l',
  ı: 'i',
  þ: 'th',
  ð: 'd',
};

/** Lower case, no diacritics: `München` → `munchen`, `Bodø/Glimt` → `bodo/glimt`. */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßøæœđłıþð]/g, (c) => LETTERS[c] ?? c);
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

/** Marker patterns, tried on the folded name; each match is removed from it. */
const MARKERS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/\(\s*(w|women|f|fem)\s*\)/g, () => 'w'],
  [/\b(women|womens|woman|ladies|femenino|feminino|femminile|feminines?|frauen|damen|wfc)\b/g, () => 'w'],
  [/\(\s*(r|res|reserves?)\s*\)/g, () => 'r'],
  [/\b(reserves?|res)\b/g, () => 'r'],
  [/\(?\bu\s?-?\s?(1[5-9]|2[0-3])\)?/g, (m) => `u${m[1] ?? ''}`],
  [/\b(youth|juniors?|primavera|juvenil)\b/g, () => 'y'],
];
/** Whether any of MARKERS can match: a cheap test before running them all. */
const MAY_HAVE_MARKER = /\(|u\s?-?\s?[12]\d|wom|lad|fem|frauen|damen|wfc|res|youth|junior|primavera|juvenil/;
/** Trailing tokens that make a team the reserve side: "Barcelona B", "Bayern II". */
const RESERVE_SUFFIX = new Set(['b', 'ii', '2']);
/** Words that name a reserve side outright: Real Madrid Castilla, Jong Ajax. Kept as tokens too. */
const RESERVE_WORDS = new Set(['castilla', 'jong']);
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
}

/** Normalizes a team name (see NormalizedName). */
export function normalizeTeam(raw: string, options: NormalizeOptions = {}): NormalizedName {
  let text = fold(raw);
  const neutral = IS_NEUTRAL.test(text);
  text = text.replace(NEUTRAL, ' ');
  const markers = new Set<string>();
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
  // "Arsenal W", "Barcelona B": a lone marker letter at the end.
  while (tokens.length > 1) {
    const last = tokens[tokens.length - 1] ?? '';
    if (last === 'w') markers.add('w');
    else if (RESERVE_SUFFIX.has(last)) markers.add('r');
    else break;
    tokens = tokens.slice(0, -1);
  }
  if (tokens.some((t) => RESERVE_WORDS.has(t))) markers.add('r');
  const aliases = options.tokenAliases;
  tokens = tokens.map((t) => aliases?.get(t) ?? t).flatMap((t) => t.split(' '));
  const kept = tokens.filter(
    (t, i) => !AFFIXES.has(t) && !CONNECTIVES.has(t) && !(i === 0 && /^\d$/.test(t)),
  );
  if (kept.length > 0) tokens = kept;
  return { raw, key: tokens.join(' '), tokens, markers: [...markers].sort().join('|'), neutral };
}

/** A player's name: surname tokens and initials, order-free. "Djokovic N." = "N. Djokovic". */
export interface PersonName {
  names: string[];
  initials: string[];
}

/** The players of a person-sport side: "Djokovic N." or "Djokovic N. / Murray A." (doubles). */
export function normalizePlayers(raw: string): { players: PersonName[]; markers: string; neutral: boolean } {
  const team = normalizeTeam(raw.replace(/\s*(\/|&|\+)\s*/g, ' | '));
  const players = fold(raw)
    .replace(NEUTRAL, ' ')
    .split(/\s*(?:\/|&|\+)\s*/)
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
