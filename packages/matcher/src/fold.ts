// Text made comparable: lower case, no diacritics, other alphabets romanized, and a
// token's sound for names romanized more than one way.
import anyAscii from 'any-ascii';

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
