// Team and player names as comparable tokens: case, diacritics and punctuation
// folded, identity-free affixes dropped, identity markers (women, reserves, youth)
// kept apart so that they must agree exactly.
import anyAscii from 'any-ascii';
import { countryCode } from './countries.js';

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

/**
 * Lower case, no diacritics: `München` → `munchen`, `Bodø/Glimt` → `bodo/glimt`.
 * Other alphabets are romanized by any-ascii: `Црвена звезда` → `tsrvena zvezda`,
 * `전북 현대` → `jeonbug hyeondae` (romanizations that differ are compared by sound, see
 * `soundKey`).
 */
export function fold(text: string): string {
  const latin = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßøæœđłıþð]/g, (c) => LETTERS[c] ?? c);
  // eslint-disable-next-line no-control-regex -- anything outside ASCII
  return /[^\x00-\x7f]/.test(latin) ? anyAscii(latin).toLowerCase() : latin;
}

/**
 * A token's sound, for names romanized more than one way: vowels are one letter,
 * voiced and voiceless consonants one class, digraphs one sound. Jeonbuk = Chonbuk,
 * Gwangju = Kwangju, Busan = Pusan, Čukarički = Chukarichki, Seongnam = Songnam.
 */
export function soundKey(token: string): string {
  let key = SOUNDS.get(token);
  if (key === undefined) {
    if (SOUNDS.size >= 100_000) SOUNDS.clear();
    key = computeSoundKey(token);
    SOUNDS.set(token, key);
  }
  return key;
}
/** Tokens repeat (one league's clubs, again and again): their sound keys are kept. */
const SOUNDS = new Map<string, string>();

function computeSoundKey(token: string): string {
  return token
    .replace(/tch|tsch|ch|cz|ts|tz|j|zh|dzh|dz/g, 'c')
    .replace(/sh|sch|sz|z|x/g, 's')
    .replace(/ph|v|w/g, 'f')
    .replace(/ck|kh|gh|[kgq]/g, 'k')
    .replace(/th|dh|d/g, 't')
    .replace(/b/g, 'p')
    .replace(/h/g, '')
    .replace(/[aeiouy]+/g, 'a')
    .replace(/(.)\1+/g, '$1');
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

/** Women's sides, as words in any position (folded): Women, Dames, Femenino, Féminines, Frauen... */
const WOMEN_WORDS =
  "women['’]?s|women|womens|woman|ladies|femenino|femenina|feminino|feminina|femminile|feminines?|feminin|femeni|femmes|fem|frauen|damen|dames|wfc|kvinner|kvinder|kvinnor|vrouwen|kobiety|zeny";
/** Youth sides by local word (no age given): youth, Primavera, Juvenil, Jugend, ... ("Juniors" is Boca's and Argentinos' name, not a marker). */
const YOUTH_WORDS =
  'youth|primavera|juvenil|juveniles|jugend|junioren|jeunes|ungdom|nachwuchs|giovanili|academy u';
/** Reserve sides by word: Reserves, Res., Amateure; "Next Gen", "Futures", "NXT", "Futuro", "Atlètic" name a second team. */
const RESERVE_WORDS_SOURCE = 'reserves?|res|amateure|next gen';

/** Marker patterns, tried on the folded name; each match is removed from it. */
const MARKERS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [new RegExp(String.raw`\b(${WOMEN_WORDS})\b`, 'g'), () => 'w'],
  [new RegExp(String.raw`\b(${RESERVE_WORDS_SOURCE})\b`, 'g'), () => 'r'],
  // U21, U-21, U 21, Sub-21, Under 21; "-21" after a name; the age alone in brackets is handled with them.
  [/\b(?:u|sub|under)\s?-?\s?(1[5-9]|2[0-3])\b/g, (m) => `u${m[1] ?? ''}`],
  [/(?:^|\s)-\s?(1[5-9]|2[0-3])\b/g, (m) => `u${m[1] ?? ''}`],
  [/\b(espoirs|beloften|promesas)\b/g, () => 'u21'],
  [/\b(olympics|olympic team|olimpico|olympique team)\b/g, () => 'ol'],
  [new RegExp(String.raw`\b(${YOUTH_WORDS})\b`, 'g'), () => 'y'],
];
/** What a bracket may hold as a marker: (W), (F), (Fem), (R), (Res), (U21), (21), (OL), (Youth). */
const BRACKET_MARKERS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    w: 'w',
    f: 'w',
    fem: 'w',
    women: 'w',
    ladies: 'w',
    r: 'r',
    res: 'r',
    reserve: 'r',
    reserves: 'r',
    ol: 'ol',
    olympic: 'ol',
    oly: 'ol',
    youth: 'y',
  }),
);
/** Whether any of MARKERS can match: a cheap test before running them all. */
const MAY_HAVE_MARKER = new RegExp(
  String.raw`\d|${WOMEN_WORDS}|${YOUTH_WORDS}|${RESERVE_WORDS_SOURCE}|espoirs|beloften|promesas|olymp|olimp`,
);
/** Trailing tokens that make a team the reserve side ("Barcelona B", "Bayern II", "Werder Am.") or the women's ("Lyon F."). */
const TRAILING_MARKERS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    b: 'r',
    ii: 'r',
    '2': 'r',
    am: 'r',
    atletic: 'r',
    futures: 'r',
    nxt: 'r',
    futuro: 'r',
    fabril: 'r',
    w: 'w',
    f: 'w',
    dam: 'w',
  }),
);
/** Leading words that make a team the reserve side: Jong Ajax. */
const LEADING_RESERVE = new Set(['jong']);
/**
 * Second teams known by a name of their own, by their key with affixes dropped: each
 * is its first team's key with the reserve marker. (Atlètic, Futures, NXT and the like
 * are reserve words already; what is left of the name is the first team's.)
 */
const NAMED_RESERVES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    castilla: 'real madrid',
    'real madrid castilla': 'real madrid',
    'bilbao athletic': 'athletic bilbao',
    'sevilla atletico': 'sevilla',
    'las palmas atletico': 'las palmas',
    'celta fortuna': 'celta vigo',
    'betis deportivo': 'real betis',
    sanse: 'real sociedad',
    'rsca futures': 'anderlecht',
  }),
);
/** Names left empty once a reserve word is taken out ("Club NXT", "Fabril"): whose second team they are. */
const BARE_RESERVES: ReadonlyMap<string, string> = new Map([
  ['nxt', 'brugge'],
  ['fabril', 'deportivo coruna'],
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

/** A bracket's content: a marker, a country tag, a nationality (dropped), or text kept. */
function readBracket(
  content: string,
  person: boolean,
  markers: Set<string>,
  found: { country: string },
): string {
  const inner = content.trim().replace(/\.$/, '');
  const marker = BRACKET_MARKERS.get(inner);
  if (marker !== undefined && !(person && inner.length === 1)) {
    markers.add(marker);
    return ' ';
  }
  if (/^(1[5-9]|2[0-3])$/.test(inner)) {
    markers.add(`u${inner}`);
    return ' ';
  }
  const country = countryCode(inner);
  if (country !== undefined) {
    if (!person) found.country = country;
    return ' ';
  }
  // Markers written inside a bracket with other words ("(U21 Women)") are read by the patterns after.
  return ` ${inner} `;
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

/** Youth ages a local youth word ("Primavera", "Juvenil") may stand for. */
const YOUTH_AGES = /\bu(1[5-9]|20)\b/g;

/**
 * Whether two sides' identity markers agree: equal markers match, a marker never
 * matches its absence. A youth word without an age ('y') matches any age up to 20.
 */
export function markersAgree(a: string, b: string): boolean {
  if (a === b) return true;
  if (!a.includes('y') && !b.includes('y')) return false;
  const loose = (m: string) => [...new Set(m.replace(YOUTH_AGES, 'y').split('|'))].sort().join('|');
  return loose(a) === loose(b);
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
