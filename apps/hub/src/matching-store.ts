// What a person decided about matching, and the aliases the matcher learned, kept
// across restarts: in Redis with REDIS_URL (shared by every hub), else in one JSON
// file under DATA_DIR, written atomically (a temporary file renamed over it).
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { check, matchingDecisionSchema } from '@arbhub/schema';
import type { MatchingDecision } from '@arbhub/schema';
import type { Redis } from 'ioredis';
import { whenReady } from './redis-ready.js';
import { z } from 'zod';

export interface MatchingMemory {
  /** Normalized team keys learned as one team, oldest first. */
  learned: [string, string][];
  /** Links and unlinks, oldest first. */
  decisions: MatchingDecision[];
}

export interface MatchingStore {
  load(): Promise<MatchingMemory>;
  learned(a: string, b: string): void;
  decided(decision: MatchingDecision): void;
  /** Waits for every write so far (on shutdown). */
  flush(): Promise<void>;
  /** Where it keeps them, for the log. */
  readonly where: string;
}

const pairSchema = z.tuple([z.string().min(1), z.string().min(1)]);

/** Entries that do not parse are skipped, so one bad line never loses the rest. */
function readEntries(pairs: unknown[], decisions: unknown[]): MatchingMemory {
  return {
    learned: pairs.flatMap((p) => {
      const parsed = check(pairSchema, p, 'learned alias');
      return parsed.ok ? [parsed.value] : [];
    }),
    decisions: decisions.flatMap((d) => {
      const parsed = check(matchingDecisionSchema, d, 'matching decision');
      return parsed.ok ? [parsed.value] : [];
    }),
  };
}

/** Nothing kept: a hub in a test, or one given no place to keep it. */
export function memoryMatchingStore(
  initial: MatchingMemory = { learned: [], decisions: [] },
): MatchingStore & {
  memory: MatchingMemory;
} {
  const memory: MatchingMemory = { learned: [...initial.learned], decisions: [...initial.decisions] };
  return {
    memory,
    where: 'memory',
    load: () => Promise.resolve({ learned: [...memory.learned], decisions: [...memory.decisions] }),
    learned: (a, b) => memory.learned.push([a, b]),
    decided: (d) => memory.decisions.push(d),
    flush: () => Promise.resolve(),
  };
}

/** `<dir>/matching.json`; writes are coalesced (at most one in flight, the latest state wins). */
export function fileMatchingStore(
  dir: string,
  onError: (error: unknown) => void = () => undefined,
): MatchingStore {
  const file = join(dir, 'matching.json');
  const memory: MatchingMemory = { learned: [], decisions: [] };
  let writing: Promise<void> = Promise.resolve();
  let dirty = false;
  const write = () => {
    dirty = true;
    writing = writing.then(async () => {
      if (!dirty) return;
      dirty = false;
      try {
        await mkdir(dir, { recursive: true });
        const temporary = `${file}.${process.pid.toString()}.tmp`;
        await writeFile(temporary, `${JSON.stringify(memory, null, 1)}\n`);
        await rename(temporary, file);
      } catch (error) {
        onError(error);
      }
    });
  };
  return {
    where: file,
    async load() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as { code?: string }).code === 'ENOENT') return { learned: [], decisions: [] };
        throw error;
      }
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        throw new Error(`${file} is not JSON: move it away or fix it (the hub will not overwrite it)`);
      }
      const raw = (data ?? {}) as { learned?: unknown; decisions?: unknown };
      const loaded = readEntries(
        Array.isArray(raw.learned) ? raw.learned : [],
        Array.isArray(raw.decisions) ? raw.decisions : [],
      );
      memory.learned = [...loaded.learned];
      memory.decisions = [...loaded.decisions];
      return loaded;
    },
    learned(a, b) {
      memory.learned.push([a, b]);
      write();
    },
    decided(decision) {
      memory.decisions.push(decision);
      write();
    },
    flush: () => writing,
  };
}

/** Two Redis lists, `<prefix>:learned` and `<prefix>:decisions`, of JSON entries. */
export function redisMatchingStore(
  client: Redis,
  { prefix = 'arbhub:matching', onError = (_: unknown) => undefined } = {},
): MatchingStore {
  const pending = new Set<Promise<unknown>>();
  const push = (key: string, value: unknown) => {
    const done = client
      .rpush(`${prefix}:${key}`, JSON.stringify(value))
      .catch(onError)
      .finally(() => pending.delete(done));
    pending.add(done);
  };
  const parseAll = (items: string[]) =>
    items.flatMap((item) => {
      try {
        return [JSON.parse(item) as unknown];
      } catch {
        return [];
      }
    });
  return {
    where: `redis ${prefix}:*`,
    async load() {
      await whenReady(client, 5000);
      const [pairs, decisions] = await Promise.all([
        client.lrange(`${prefix}:learned`, 0, -1),
        client.lrange(`${prefix}:decisions`, 0, -1),
      ]);
      return readEntries(parseAll(pairs), parseAll(decisions));
    },
    learned: (a, b) => {
      push('learned', [a, b]);
    },
    decided: (decision) => {
      push('decisions', decision);
    },
    flush: async () => {
      await Promise.all([...pending]);
    },
  };
}
