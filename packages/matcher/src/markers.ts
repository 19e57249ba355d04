// Identity markers (women, reserves, youth, Olympic) in the notations books use, and
// when two sides' markers agree. normalizeTeam reads them; score.ts compares them.
import { countryCode } from './countries.js';

/** Women's sides, as words in any position (folded): Women, Dames, Femenino, Féminines, Frauen... */
const WOMEN_WORDS =
  "women['’]?s|women|womens|woman|ladies|femenino|femenina|feminino|feminina|femminile|feminines?|feminin|femeni|femmes|fem|frauen|damen|dames|wfc|kvinner|kvinder|kvinnor|vrouwen|kobiety|zeny";
/** Youth sides by local word (no age given): youth, Primavera, Juvenil, Jugend, ... ("Juniors" is Boca's and Argentinos' name, not a marker). */
const YOUTH_WORDS =
  'youth|primavera|juvenil|juveniles|jugend|junioren|jeunes|ungdom|nachwuchs|giovanili|academy u';
/** Reserve sides by word: Reserves, Res., Amateure; "Next Gen", "Futures", "NXT", "Futuro", "Atlètic" name a second team. */
const RESERVE_WORDS_SOURCE = 'reserves?|res|amateure|next gen';

/** Marker patterns, tried on the folded name; each match is removed from it. */
export const MARKERS: [RegExp, (m: RegExpMatchArray) => string][] = [
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
export const MAY_HAVE_MARKER = new RegExp(
  String.raw`\d|${WOMEN_WORDS}|${YOUTH_WORDS}|${RESERVE_WORDS_SOURCE}|espoirs|beloften|promesas|olymp|olimp`,
);
/** Trailing tokens that make a team the reserve side ("Barcelona B", "Bayern II", "Werder Am.") or the women's ("Lyon F."). */
export const TRAILING_MARKERS: ReadonlyMap<string, string> = new Map(
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
export const LEADING_RESERVE = new Set(['jong']);
/**
 * Second teams known by a name of their own, by their key with affixes dropped: each
 * is its first team's key with the reserve marker. (Atlètic, Futures, NXT and the like
 * are reserve words already; what is left of the name is the first team's.)
 */
export const NAMED_RESERVES: ReadonlyMap<string, string> = new Map(
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
export const BARE_RESERVES: ReadonlyMap<string, string> = new Map([
  ['nxt', 'brugge'],
  ['fabril', 'deportivo coruna'],
]);
/** A bracket's content: a marker, a country tag, a nationality (dropped), or text kept. */
export function readBracket(
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
