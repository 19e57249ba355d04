// Known variants of team names: a data file shipped here, users' own files on top,
// and what the matcher learns as it runs. Names are compared after normalization,
// so "Man Utd", "MAN. UTD" and "Manchester United FC" are one key.
import { aliasFileSchema, parse } from '@arbhub/schema';
import type { AliasFile } from '@arbhub/schema';
import builtIn from './data/aliases.json' with { type: 'json' };
import { normalizeTeam } from './normalize.js';

/** The aliases shipped with the matcher (src/data/aliases.json). */
export const BUILT_IN_ALIASES: AliasFile = builtIn;

/**
 * Normalized team keys grouped as one team (union-find). `canonical(key)` is the
 * group's representative; learned pairs join groups.
 */
export class AliasTable {
  readonly tokenAliases: Map<string, string>;
  private readonly parent = new Map<string, string>();
  private learnedCount = 0;
  /** Changes whenever a group changes, so callers may cache canonical keys until then. */
  private versionCount = 0;

  /** Later sources add to earlier ones; each is validated (a bad file throws a SchemaError naming the field). */
  constructor(sources: readonly unknown[] = [BUILT_IN_ALIASES]) {
    const parsed = sources.map((source, i) => parse(aliasFileSchema, source, `alias source ${i}`));
    this.tokenAliases = new Map(
      parsed
        .flatMap((data) => Object.entries(data.tokens))
        .map(([k, v]) => [k.toLowerCase(), v.toLowerCase()]),
    );
    for (const data of parsed) {
      for (const group of data.teams) {
        const keys = group.map((name) => this.normalize(name).key);
        for (const key of keys.slice(1)) this.union(keys[0] ?? key, key);
      }
    }
  }

  /** normalizeTeam with this table's token aliases. */
  normalize(name: string) {
    return normalizeTeam(name, { tokenAliases: this.tokenAliases });
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
    const ra = this.canonical(a);
    const rb = this.canonical(b);
    if (ra === rb) return;
    // The lexically smaller root wins, so a group's representative does not depend on order.
    if (ra < rb) this.parent.set(rb, ra);
    else this.parent.set(ra, rb);
    this.versionCount += 1;
  }
}
