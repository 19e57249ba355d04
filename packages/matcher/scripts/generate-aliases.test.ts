import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from './generate-aliases.js';
import { AliasTable, BUILT_IN_ALIASES } from '../src/index.js';

describe('the openfootball/clubs generator', () => {
  it('reads clubs, their alternative names, reserve sides and renames, and leaves out what two clubs share', () => {
    const root = mkdtempSync(join(tmpdir(), 'clubs-'));
    mkdirSync(join(root, 'europe', 'xx'), { recursive: true });
    writeFileSync(
      join(root, 'europe', 'xx', 'xx.clubs.txt'),
      [
        '= Testland',
        '',
        'Alpha Rovers FC, 1900,   @ Alpha Park,  Alphaville   ## a note',
        '  | Alpha Rovers | Alphaville Rovers [en]',
        '  | Rovers',
        ' Some Street 1 // Alphaville',
        'ii) Alpha Rovers II',
        '  | Alpha Rovers Reserves | Alpha R. II | Alpha Res',
        'Beta Town, Betaburg',
        '  | Beta | Alpha Res',
        'Gamma United, Gammacity',
        '  | Gamma Utd',
      ].join('\n'),
    );
    writeFileSync(join(root, 'europe', 'xx', 'xx.clubs.history.txt'), 'RENAME   Old Gamma ⇒ Gamma United\n');
    const { teams, renamed } = generate(root);
    rmSync(root, { recursive: true, force: true });
    expect(renamed).toBe(1);
    expect(teams).toContainEqual(['Alpha Rovers FC', 'Alphaville Rovers']); // "Rovers" alone is generic
    // One key per name kept; "Alpha Res" is in two clubs' groups, so in neither.
    expect(teams).toContainEqual(['Alpha Rovers II', 'Alpha R. II']);
    expect(teams).toContainEqual(['Gamma United', 'Old Gamma']);
    // "Alpha Res" is a reserve name in a first team's group: left out there.
    expect(teams.find((g) => g.includes('Beta Town'))).toEqual(['Beta Town', 'Beta']);
    const table = new AliasTable([BUILT_IN_ALIASES, { teams }]);
    expect(table.canonical(table.normalize('Old Gamma').key)).toBe(
      table.canonical(table.normalize('Gamma Utd').key),
    );
  });

  it('its output, as shipped, loads and keeps Manchester United and City apart', () => {
    const table = new AliasTable();
    const group = (name: string) => table.canonical(table.normalize(name).key);
    expect(group('Man Utd')).not.toBe(group('Man City'));
    expect(group('Bayern München')).toBe(group('FC Bayern Munich'));
    expect(group('Internazionale')).not.toBe(group('Inter Miami'));
  });
});
