import { describe, expect, it } from 'vitest';
import { AliasTable, fold, normalizePlayers, normalizeTeam } from './index.js';

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
    ['Barcelona Femení', ''],
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
