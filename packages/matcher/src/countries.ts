// Country tags after a club's name: "Universidad Católica (Chile)", "Nacional (URU)".
// Names in English, Spanish, French and German and ISO 3166 alpha-3 codes come from
// i18n-iso-countries; FIFA's codes, where they differ from ISO's, are listed here.
import countries from 'i18n-iso-countries';
import de from 'i18n-iso-countries/langs/de.json' with { type: 'json' };
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import es from 'i18n-iso-countries/langs/es.json' with { type: 'json' };
import fr from 'i18n-iso-countries/langs/fr.json' with { type: 'json' };
import pt from 'i18n-iso-countries/langs/pt.json' with { type: 'json' };
import it from 'i18n-iso-countries/langs/it.json' with { type: 'json' };

/** FIFA trigrams that are not the ISO alpha-3 code of the same country (or of any). */
const FIFA: Record<string, string> = {
  ger: 'de',
  sui: 'ch',
  ned: 'nl',
  por: 'pt',
  cro: 'hr',
  den: 'dk',
  gre: 'gr',
  bul: 'bg',
  uru: 'uy',
  par: 'py',
  chi: 'cl',
  crc: 'cr',
  gua: 'gt',
  hon: 'hn',
  sal: 'sv',
  rsa: 'za',
  ksa: 'sa',
  uae: 'ae',
  irn: 'ir',
  kuw: 'kw',
  mas: 'my',
  ina: 'id',
  phi: 'ph',
  vie: 'vn',
  lat: 'lv',
  slo: 'si',
  svk: 'sk',
  alg: 'dz',
  ang: 'ao',
  nga: 'ng',
  zim: 'zw',
  zam: 'zm',
  tan: 'tz',
  bah: 'bs',
  bar: 'bb',
  tri: 'tt',
  eng: 'gb-eng',
  sco: 'gb-sct',
  wal: 'gb-wls',
  nir: 'gb-nir',
};
/** Home nations, which ISO lists as one kingdom. */
const NAMES: Record<string, string> = {
  england: 'gb-eng',
  scotland: 'gb-sct',
  wales: 'gb-wls',
  'northern ireland': 'gb-nir',
  usa: 'us',
  korea: 'kr',
  'south korea': 'kr',
};

let table: Map<string, string> | undefined;

function fold(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').trim();
}

function build(): Map<string, string> {
  const map = new Map<string, string>();
  for (const locale of [en, es, fr, de, pt, it]) countries.registerLocale(locale);
  for (const lang of ['en', 'es', 'fr', 'de', 'pt', 'it']) {
    for (const [alpha2, names] of Object.entries(countries.getNames(lang, { select: 'all' }))) {
      for (const name of names) map.set(fold(name), alpha2.toLowerCase());
    }
  }
  for (const [alpha3, alpha2] of Object.entries(countries.getAlpha3Codes()))
    map.set(alpha3.toLowerCase(), alpha2.toLowerCase());
  for (const [code, alpha2] of Object.entries({ ...FIFA, ...NAMES })) map.set(code, alpha2);
  return map;
}

/** The country a tag names ("Chile", "chi", "CHL", "Allemagne"), as a lower-case code; undefined when it names none. */
export function countryCode(tag: string): string | undefined {
  const folded = fold(tag).replace(/\./g, '');
  if (folded.length < 3) return undefined;
  table ??= build();
  return table.get(folded);
}
