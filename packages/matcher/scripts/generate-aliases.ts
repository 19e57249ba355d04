// Generates src/data/openfootball-aliases.json from a checkout of openfootball/clubs
// (https://github.com/openfootball/clubs, public domain: CC0 1.0), the clubs of about
// 100 countries with the alternative names each is known by, reserve sides (`ii)`)
// and renames (`RENAME old ⇒ new` in the history files).
//
//   npx tsx --conditions=@arbhub/source packages/matcher/scripts/generate-aliases.ts <clubs-checkout>
//
// What is kept is what cannot merge two clubs: a name that normalizes to the key of
// more than one club (in this dataset or against the built-in aliases), a name made of
// generic words only, or one whose identity markers do not fit its group (a women's
// or reserve name in a first team's group), is left out.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AliasTable, BUILT_IN_ALIASES, GENERIC } from '../src/index.js';

interface Group {
  file: string;
  reserve: boolean;
  names: string[];
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** A name without a language tag ("Bayern Munich [en]") or trailing notes. */
const clean = (name: string) =>
  name
    .replace(/\[[a-z]{2}\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

function readClubs(path: string, file: string): Group[] {
  const groups: Group[] = [];
  let current: Group | undefined;
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.replace(/#.*$/, '').trimEnd();
    if (line.trim() === '' || line.startsWith('=')) continue;
    const trimmed = line.trim();
    if (trimmed.startsWith('|')) {
      if (current)
        current.names.push(
          ...trimmed
            .split('|')
            .map(clean)
            .filter((n) => n !== ''),
        );
      continue;
    }
    if (/^\s/.test(line)) continue; // an address or a note under the club
    const reserve = trimmed.startsWith('ii)');
    if (/^i{3,}\)/.test(trimmed)) {
      current = undefined; // third teams: left out
      continue;
    }
    const name = clean((trimmed.replace(/^ii\)\s*/, '').split(',')[0] ?? '').replace(/@.*$/, ''));
    current = name === '' ? undefined : { file, reserve, names: [name] };
    if (current) groups.push(current);
  }
  return groups;
}

function readRenames(path: string): [string, string][] {
  const renames: [string, string][] = [];
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const match = /^\s*RENAME\s+(.+?)\s*⇒\s*(.+)$/.exec(raw.replace(/#.*$/, ''));
    if (match)
      renames.push([
        clean((match[1] ?? '').split(',')[0] ?? ''),
        clean((match[2] ?? '').split(',')[0] ?? ''),
      ]);
  }
  return renames;
}

export function generate(root: string) {
  const all = files(root);
  const groups = all
    .filter((f) => f.endsWith('.clubs.txt') && !f.includes('.lang.'))
    .flatMap((f) => readClubs(f, relative(root, f)));
  const renames = all.filter((f) => f.endsWith('.clubs.history.txt')).flatMap(readRenames);
  const table = new AliasTable([BUILT_IN_ALIASES]);
  const norm = (name: string) => table.normalize(name);
  // Renamed clubs keep their old names as aliases.
  let renamed = 0;
  for (const [old, now] of renames) {
    const key = norm(now).key;
    const group = groups.find((g) => !g.reserve && g.names.some((n) => norm(n).key === key));
    if (group && old !== '') {
      group.names.push(old);
      renamed += 1;
    }
  }
  // Which groups each key (with its markers) appears in.
  const owners = new Map<string, Set<Group>>();
  for (const group of groups)
    for (const name of group.names) {
      const n = norm(name);
      const key = `${n.key}#${n.markers}`;
      const set = owners.get(key) ?? new Set<Group>();
      set.add(group);
      owners.set(key, set);
    }
  const out: string[][] = [];
  let dropped = 0;
  for (const group of groups) {
    const builtIn = new Set<string>();
    const kept = new Map<string, string>();
    for (const name of group.names) {
      const n = norm(name);
      const fits = group.reserve ? n.markers === 'r' : n.markers === '';
      const generic = n.tokens.every((t) => GENERIC.has(t) || t.length < 3);
      const shared = (owners.get(`${n.key}#${n.markers}`)?.size ?? 0) > 1;
      if (!fits || generic || shared || n.key.length < 3) {
        dropped += 1;
        continue;
      }
      if (table.known(n.key)) builtIn.add(table.canonical(n.key));
      if (!kept.has(n.key)) kept.set(n.key, name);
    }
    // A group that would join two of the built-in teams is left out whole.
    if (builtIn.size > 1) {
      dropped += kept.size;
      continue;
    }
    if (kept.size >= 2) out.push([...kept.values()]);
  }
  return { teams: out, groups: groups.length, renamed, dropped };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = process.argv[2];
  if (!root) {
    console.error('usage: generate-aliases.ts <openfootball/clubs checkout>');
    process.exit(1);
  }
  const { teams, groups, renamed, dropped } = generate(root);
  const target = fileURLToPath(new URL('../src/data/openfootball-aliases.json', import.meta.url));
  const file = {
    source: 'openfootball/clubs (https://github.com/openfootball/clubs), CC0 1.0 Universal (public domain)',
    generatedBy: 'packages/matcher/scripts/generate-aliases.ts',
    tokens: {},
    teams,
  };
  writeFileSync(target, `${JSON.stringify(file, null, 1)}\n`);
  console.log(
    `${groups.toString()} clubs read, ${renamed.toString()} renames; ${teams.length.toString()} alias groups ` +
      `(${teams.reduce((n, g) => n + g.length, 0).toString()} names) written; ${dropped.toString()} names left out as ambiguous`,
  );
}
