// Known variants of team names: a data file shipped here, users' own files on top,
// and what the matcher learns as it runs. Names are compared after normalization,
// so "Man Utd", "MAN. UTD" and "Manchester United FC" are one key.
import { aliasFileSchema, parse } from '@arbhub/schema';
import type { AliasFile } from '@arbhub/schema';
import builtIn from './data/aliases.json' with { type: 'json' };
import openfootball from './data/openfootball-aliases.json' with { type: 'json' };
import { fold, normalizeTeam } from './normalize.js';

/** The aliases shipped with the matcher (src/data/aliases.json). */
export const BUILT_IN_ALIASES: AliasFile = builtIn;

/**
 * Alias groups generated from openfootball/clubs (CC0) by scripts/generate-aliases.ts:
 * about 2,400 clubs' alternative names, reserve sides and old names after renames.
 */
export const OPENFOOTBALL_ALIASES: AliasFile = openfootball;

/** What a table holds by default: the hand-written file, then the generated one. */
export const DEFAULT_ALIAS_SOURCES: readonly AliasFile[] = [BUILT_IN_ALIASES, OPENFOOTBALL_ALIASES];

/**
 * Normalized team keys grouped as one team (union-find). `canonical(key)` is the
 * group's representative; learned pairs join groups.
 */
export class AliasTable {
  readonly tokenAliases: Map<string, string>;
  /** Folded names whose trailing marker-looking word is part of the name ("SSV Jeddeloh II"). */
  readonly names: Set<string>;
  private readonly parent = new Map<string, string>();
  /** Every key in a group (the built-in and users' files, and what was learned). */
  private readonly keys = new Set<string>();
  private learnedCount = 0;
  /** Changes whenever a group changes, so callers may cache canonical keys until then. */
  private versionCount = 0;

  /** Later sources add to earlier ones; each is validated (a bad file throws a SchemaError naming the field). */
  constructor(sources: readonly unknown[] = DEFAULT_ALIAS_SOURCES) {
    const parsed = sources.map(
      (source, i) => shipped(source)?.parsed ?? parse(aliasFileSchema, source, `alias source ${i}`),
    );
    this.tokenAliases = new Map(
      parsed
        .flatMap((data) => Object.entries(data.tokens))
        .map(([k, v]) => [k.toLowerCase(), v.toLowerCase()]),
    );
    this.names = new Set(parsed.flatMap((data) => data.names).map((name) => foldTokens(name).join(' ')));
    // The shipped files' keys depend only on the token aliases and names in force: kept per those.
    const signature = JSON.stringify([[...this.tokenAliases], [...this.names]]);
    parsed.forEach((data, i) => {
      const cache = shipped(sources[i]);
      let groups = cache?.keys.get(signature);
      if (!groups) {
        groups = data.teams.map((group) => group.map((name) => this.normalize(name).key));
        cache?.keys.set(signature, groups);
      }
      for (const keys of groups) {
        for (const key of keys) this.keys.add(key);
        for (const key of keys.slice(1)) this.union(keys[0] ?? key, key);
      }
    });
  }

  /** normalizeTeam with this table's token aliases and names; `person` for a person sport's side. */
  normalize(name: string, person = false) {
    return normalizeTeam(name, { tokenAliases: this.tokenAliases, names: this.names, person });
  }

  /** The representative key of a normalized key's group (itself when it has none). */
  canonical(key: string): string {
    let root = key;
    for (let next = this.parent.get(root); next !== undefined && next !== root; next = this.parent.get(root))
      root = next;
    // Path compression keeps later look-ups short.
    for (let node = key; node !== root;) {
      const next = this.parent.get(node) ?? root;
      this.parent.set(node, root);
      node = next;
    }
    return root;
  }

  /** Whether a normalized key is in some group. */
  known(key: string): boolean {
    return this.keys.has(key);
  }

  /**
   * The group of a name that is not itself an alias but is made wholly of aliases of one
   * team: "bvb dortmund" is "bvb" and "dortmund", both Borussia Dortmund's. Every token
   * must belong to a run that is an alias of that same group, so "inter miami" (Inter is
   * Internazionale's, Miami is not) stays apart. Undefined when there is no such group.
   */
  compositeCanonical(tokens: readonly string[]): string | undefined {
    if (tokens.length < 2) return undefined;
    const cover = (from: number, group: string | undefined): string | undefined => {
      if (from === tokens.length) return group;
      for (let to = tokens.length; to > from; to -= 1) {
        if (from === 0 && to === tokens.length) continue; // the whole name: not a composite
        const run = tokens.slice(from, to).join(' ');
        if (!this.keys.has(run)) continue;
        const canonical = this.canonical(run);
        if (group !== undefined && canonical !== group) continue;
        const found = cover(to, canonical);
        if (found !== undefined) return found;
      }
      return undefined;
    };
    return cover(0, undefined);
  }

  /** Records that two normalized keys name one team (a merge the matcher was sure of). */
  learn(a: string, b: string): boolean {
    if (a === b || this.canonical(a) === this.canonical(b)) return false;
    this.union(a, b);
    this.learnedCount += 1;
    return true;
  }

  /** Bumped whenever any group changes. */
  get version(): number {
    return this.versionCount;
  }

  /** How many pairs were learned while running. */
  get learned(): number {
    return this.learnedCount;
  }

  private union(a: string, b: string): void {
    this.keys.add(a);
    this.keys.add(b);
    const ra = this.canonical(a);
    const rb = this.canonical(b);
    if (ra === rb) return;
    // The lexically smaller root wins, so a group's representative does not depend on order.
    if (ra < rb) this.parent.set(rb, ra);
    else this.parent.set(ra, rb);
    this.versionCount += 1;
  }
}

/** The files shipped here, parsed once, with their groups' keys per table signature (every table builds on them). */
const SHIPPED = new Map<
  unknown,
  { parsed: ReturnType<typeof parseAliasFile>; keys: Map<string, string[][]> }
>();
function parseAliasFile(source: unknown) {
  return parse(aliasFileSchema, source, 'alias source');
}
function shipped(source: unknown) {
  if (source !== BUILT_IN_ALIASES && source !== OPENFOOTBALL_ALIASES) return undefined;
  let entry = SHIPPED.get(source);
  if (!entry) SHIPPED.set(source, (entry = { parsed: parseAliasFile(source), keys: new Map() }));
  return entry;
}

/** A name's folded words, before anything is dropped. */
function foldTokens(name: string): string[] {
  return fold(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t !== '');
}
