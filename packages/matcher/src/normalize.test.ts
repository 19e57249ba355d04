import { describe, expect, it } from 'vitest';
import {
  AliasTable,
  fold,
  markersAgree,
  normalizePlayers,
  normalizeTeam,
  soundKey,
  teamSimilarity,
} from './index.js';

const aliases = new AliasTable();
const key = (name: string) => aliases.normalize(name).key;

describe('fold', () => {
  it('lower-cases and strips diacritics, including letters NFKD keeps', () => {
    expect(fold('München')).toBe('munchen');
    expect(fold('Beşiktaş')).toBe('besiktas');
    expect(fold('Bodø/Glimt')).toBe('bodo/glimt');
    expect(fold('Borussia Mönchengladbach')).toBe('borussia monchengladbach');
    expect(fold('Łódź')).toBe('lodz');
    expect(fold('Fußball')).toBe('fussball');
  });
});

describe('normalizeTeam', () => {
  it.each([
    ['FC Bayern München', 'bayern munich'],
    ['1. FC Köln', 'koln'],
    ['AC Milan', 'milan'],
    ['Calcio Como', 'como'],
    ['Celta de Vigo', 'celta vigo'],
    ['A.F.C. Bournemouth', 'bournemouth'],
    ['Man Utd', 'manchester united'],
    ['MANCHESTER UTD.', 'manchester united'],
    ['St. Pauli', 'saint pauli'],
    ['Sankt Gallen', 'saint gallen'],
    ['TSV 1860 München', '1860 munich'],
    ['Club Brugge KV', 'brugge'],
  ])('%s → %s', (raw, expected) => {
    expect(key(raw)).toBe(expected);
  });

  it.each([
    ['Arsenal (W)', 'w'],
    ['Arsenal W', 'w'],
    ['Arsenal Women', 'w'],
    ['Barcelona Femení', 'w'],
    ['Barcelona B', 'r'],
    ['Bayern München II', 'r'],
    ['Liverpool (R)', 'r'],
    ['Liverpool Reserves', 'r'],
    ['Real Madrid Castilla', 'r'],
    ['Jong Ajax', 'r'],
    ['England U21', 'u21'],
    ['England U-19', 'u19'],
    ['Chelsea U23', 'u23'],
    ['Juventus Primavera', 'y'],
    ['Arsenal Women U19', 'u19|w'],
    ['Manchester United', ''],
  ])('%s carries markers "%s"', (raw, markers) => {
    expect(normalizeTeam(raw).markers).toBe(markers);
  });

  it('keeps marker-free names intact: W Connection is not a women’s team', () => {
    expect(normalizeTeam('W Connection')).toMatchObject({ markers: '', key: 'w connection' });
  });

  it('drops a neutral-venue marker but remembers it', () => {
    expect(normalizeTeam('Brazil (N)')).toMatchObject({ key: 'brazil', neutral: true });
    expect(normalizeTeam('Brazil')).toMatchObject({ neutral: false });
    // The flag does not leak from one call to the next (no shared regex state).
    expect(
      [normalizeTeam('A (N)'), normalizeTeam('B (N)'), normalizeTeam('C (N)')].every((n) => n.neutral),
    ).toBe(true);
  });
});

describe('AliasTable', () => {
  it('maps known variants to one key', () => {
    const same = (a: string, b: string) => aliases.canonical(key(a)) === aliases.canonical(key(b));
    expect(same('Spurs', 'Tottenham Hotspur FC')).toBe(true);
    expect(same('PSG', 'Paris Saint-Germain')).toBe(true);
    expect(same('Gladbach', 'Borussia Mönchengladbach')).toBe(true);
    expect(same('Barça', 'FC Barcelona')).toBe(true);
    expect(same('Inter', 'Internazionale Milano')).toBe(true);
    expect(same('Inter', 'Inter Miami')).toBe(false);
    expect(same('Wolves', 'Wolverhampton Wanderers')).toBe(true);
    expect(same('Man City', 'Manchester United')).toBe(false);
  });

  it('takes a user file on top of the built-in one, and validates it', () => {
    const table = new AliasTable([
      { teams: [['Alpha Club', 'The Alphas']] },
      { tokens: { nth: 'north' }, teams: [['North Side', 'Northies']] },
    ]);
    expect(table.canonical(table.normalize('The Alphas').key)).toBe(
      table.canonical(table.normalize('Alpha Club').key),
    );
    expect(table.normalize('Nth Side').key).toBe('north side');
    expect(() => new AliasTable([{ teams: [['lonely']] }])).toThrow(
      'teams[0]: a group needs at least two names',
    );
  });

  it('learns pairs and reports how many', () => {
    const table = new AliasTable();
    expect(table.learn('sv darmstadt 98', 'darmstadt')).toBe(true);
    expect(table.learn('darmstadt', 'sv darmstadt 98')).toBe(false);
    expect(table.canonical('darmstadt')).toBe(table.canonical('sv darmstadt 98'));
    expect(table.learned).toBe(1);
  });
});

describe('normalizePlayers', () => {
  it('reads surnames and initials in any order, and doubles', () => {
    expect(normalizePlayers('Djokovic N.').players).toEqual([{ names: ['djokovic'], initials: ['n'] }]);
    expect(normalizePlayers('Novak Djokovic').players).toEqual([
      { names: ['djokovic', 'novak'], initials: [] },
    ]);
    expect(normalizePlayers('Djokovic N. / Murray A.').players).toHaveLength(2);
  });
});

describe('identity markers in every notation books use', () => {
  it.each([
    // reserves
    ['Bayern München II', 'r'],
    ['Barcelona B', 'r'],
    ['Liverpool (R)', 'r'],
    ['Liverpool Reserves', 'r'],
    ['Jong PSV', 'r'],
    ['Barça Atlètic', 'r'],
    ['Bilbao Athletic', 'r'],
    ['Club NXT', 'r'],
    ['RSCA Futures', 'r'],
    ['Juventus Next Gen', 'r'],
    ['Werder Bremen Am.', 'r'],
    // youth
    ['Spain U21', 'u21'],
    ['Spain (U21)', 'u21'],
    ['Spain -21', 'u21'],
    ['Spain (21)', 'u21'],
    ['Spain U-23', 'u23'],
    ['Spain -23', 'u23'],
    ['Brasil Sub-20', 'u20'],
    ['France Espoirs', 'u21'],
    ['Japan (OL)', 'ol'],
    ['Bayern Jugend', 'y'],
    // women
    ['Lyon W', 'w'],
    ['Lyon (W)', 'w'],
    ['Lyon F', 'w'],
    ['Lyon F.', 'w'],
    ['Lyon (F)', 'w'],
    ['Lyon Women', 'w'],
    ["Lyon Women's", 'w'],
    ['Ajax Dames', 'w'],
    ['Real Madrid Femenino', 'w'],
    ['Olympique Lyonnais Féminines', 'w'],
    // names, not markers
    ['Boca Juniors', ''],
    ['Argentinos Juniors', ''],
    ['Atlètic Club d’Escaldes', ''],
    ['Olympique de Marseille', ''],
    ['Sydney Olympic', ''],
  ])('%s carries "%s"', (raw, markers) => {
    expect(aliases.normalize(raw).markers).toBe(markers);
  });

  it('reads the same second team however it is named', () => {
    const same = (a: string, b: string) => {
      const x = aliases.normalize(a);
      const y = aliases.normalize(b);
      return aliases.canonical(x.key) === aliases.canonical(y.key) && x.markers === y.markers;
    };
    expect(same('Barça Atlètic', 'FC Barcelona B')).toBe(true);
    expect(same('Bilbao Athletic', 'Athletic Bilbao B')).toBe(true);
    expect(same('Real Madrid Castilla', 'Real Madrid B')).toBe(true);
    expect(same('Jong Ajax', 'Ajax II')).toBe(true);
    expect(same('Club NXT', 'Club Brugge II')).toBe(true);
    expect(same('RSCA Futures', 'Anderlecht B')).toBe(true);
  });

  it('a player’s trailing initial and nationality are not markers', () => {
    expect(aliases.normalize('Coric B.', true).markers).toBe('');
    expect(aliases.normalize('Swiatek W.', true).markers).toBe('');
    expect(aliases.normalize('Wawrinka S. (SUI)', true)).toMatchObject({ markers: '', country: '' });
  });

  it('a name that ends in a marker-looking word is kept whole when an alias file names it', () => {
    const table = new AliasTable([{ names: ['SSV Jeddeloh II'], teams: [] }]);
    expect(table.normalize('SSV Jeddeloh II')).toMatchObject({ key: 'ssv jeddeloh ii', markers: '' });
    expect(aliases.normalize('SSV Jeddeloh II').markers).toBe('r');
  });

  it('a country tag is kept apart: (Chile), (CHI), (CHL) agree; (Ecuador) does not', () => {
    expect(aliases.normalize('Universidad Católica (Chile)')).toMatchObject({
      key: 'universidad catolica',
      country: 'cl',
    });
    expect(aliases.normalize('Universidad Catolica (CHI)').country).toBe('cl');
    expect(aliases.normalize('Universidad Catolica (CHL)').country).toBe('cl');
    expect(aliases.normalize('Universidad Católica (Ecuador)').country).toBe('ec');
    expect(aliases.normalize('Nacional (URU)').country).toBe('uy');
    expect(aliases.normalize('Nacional (Paraguay)').country).toBe('py');
  });
});

describe('markersAgree', () => {
  it('equal markers agree, a marker never agrees with its absence, a youth word with any age to 20', () => {
    expect(markersAgree('u21', 'u21')).toBe(true);
    expect(markersAgree('u21', '')).toBe(false);
    expect(markersAgree('w', '')).toBe(false);
    expect(markersAgree('u21', 'u23')).toBe(false);
    expect(markersAgree('y', 'u19')).toBe(true);
    expect(markersAgree('y', 'u21')).toBe(false);
    expect(markersAgree('w|y', 'u19|w')).toBe(true);
    expect(markersAgree('ol', 'u23')).toBe(false);
  });
});

describe('other alphabets and romanizations', () => {
  it('romanizes Cyrillic, Hangul and Vietnamese through any-ascii', () => {
    expect(fold('Партизан')).toBe('partizan');
    expect(fold('Hà Nội')).toBe('ha noi');
    expect(fold('전북')).toMatch(/^jeonbu/);
  });

  it.each([
    ['jeonbuk', 'chonbuk'],
    ['gwangju', 'kwangju'],
    ['busan', 'pusan'],
    ['cukaricki', 'chukarichki'],
    ['seongnam', 'songnam'],
    ['incheon', 'inchon'],
    ['gyeongnam', 'kyungnam'],
  ])('%s sounds like %s', (a, b) => {
    expect(soundKey(a)).toBe(soundKey(b));
  });

  it.each([
    ['bologna', 'polonia'],
    ['lugano', 'lucano'],
    ['sevilla', 'savoia'],
  ])('%s does not sound like %s', (a, b) => {
    expect(soundKey(a)).not.toBe(soundKey(b));
  });
});

describe('normalizePlayers: doubles joined by a hyphen', () => {
  it('A.Smith-B.Jones is Smith A / Jones B; a hyphenated surname stays one player', () => {
    expect(normalizePlayers('A.Smith-B.Jones').players).toEqual(
      normalizePlayers('Smith A / Jones B').players,
    );
    expect(normalizePlayers('Carreno-Busta P.').players).toHaveLength(1);
    expect(normalizePlayers('Zheng Q.').players).toEqual([{ names: ['zheng'], initials: ['q'] }]);
  });
});

describe('exonyms: a club as a French, Spanish or German book writes it', () => {
  it.each([
    ['Séville FC', 'Sevilla FC'],
    ['Cologne', '1. FC Köln'],
    ['Sporting Lisbonne', 'Sporting Lisboa'],
    ['Inter Mailand', 'Inter Milan'],
    ['Étoile Rouge de Belgrade', 'Red Star Belgrade'],
    ['Rapid Wien', 'Rapid Vienne'],
    ['Bayern Múnich', 'FC Bayern München'],
  ])('%s = %s', (a, b) => {
    const side = (name: string) => ({ team: aliases.normalize(name), players: [] });
    expect(teamSimilarity(side(a), side(b), aliases)).toBeGreaterThanOrEqual(0.85);
  });
});
