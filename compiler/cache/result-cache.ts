/**
 * Results cached on disk by a hash of what produced them, for validate's slow steps: Access Analyzer answers (a
 * re-run over unchanged policies makes no calls) and cfn-lint's findings by template (lint/lint-cache.ts). Only
 * successful results are stored; the cache directory ignores itself for git.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface ResultCache {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
}

/** The cache key of one call: sha256 over the operation name and its canonical input. */
export function cacheKey(operation: string, input: unknown): string {
  return createHash('sha256').update(JSON.stringify([operation, input])).digest('hex');
}

/**
 * Marks a cache directory as not for version control, as pytest and ruff do with theirs: a `.gitignore` of `*`
 * inside it, so `git status` stays clean in a project that never listed `.platformc-cache/` itself.
 */
async function ignoredByGit(dir: string): Promise<void> {
  await writeFile(join(dir, '.gitignore'), '# Created by platformc: results cached on this machine, never committed.\n*\n', { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
}

/** Entries not read or written for this long are removed, so a cache that follows every save stays small. */
export const CACHE_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/** Removes the entries of `dir` last used before `now - maxAgeMs` (an entry's time is touched on every hit). */
export async function pruneCache(dir: string, options: { readonly maxAgeMs?: number; readonly now?: number } = {}): Promise<number> {
  const cutoff = (options.now ?? Date.now()) - (options.maxAgeMs ?? CACHE_MAX_AGE_MS);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  const removed = await Promise.all(names.filter((name) => /^[0-9a-f]{64}\.json$/.test(name)).map(async (name) => {
    try {
      const file = join(dir, name);
      if ((await stat(file)).mtimeMs >= cutoff) return 0;
      await rm(file, { force: true });
      return 1;
    } catch {
      return 0;
    }
  }));
  return removed.reduce<number>((sum, n) => sum + n, 0);
}

/**
 * A cache in `dir` (`.platformc-cache/access-analyzer` or `.platformc-cache/cfn-lint` under the working directory).
 * A hit marks its entry as used; the first write of a run removes entries unused for CACHE_MAX_AGE_MS.
 */
export function directoryCache(dir: string): ResultCache {
  let pruned = false;
  return {
    async get<T>(key: string): Promise<T | undefined> {
      const file = join(dir, `${key}.json`);
      try {
        const value = JSON.parse(await readFile(file, 'utf8')) as T;
        const now = new Date();
        await utimes(file, now, now).catch(() => undefined);
        return value;
      } catch {
        return undefined;
      }
    },
    // A cache only saves time: a directory that cannot be written (a read-only checkout) means no cache, not an error.
    async set(key, value) {
      const file = join(dir, `${key}.json`);
      const temp = `${file}.${process.pid}.tmp`;
      try {
        await mkdir(dir, { recursive: true });
        await ignoredByGit(dir);
        if (!pruned) {
          pruned = true;
          await pruneCache(dir);
        }
        await writeFile(temp, JSON.stringify(value));
        await rename(temp, file);
      } catch {
        await rm(temp, { force: true }).catch(() => undefined);
      }
    },
  };
}

/** A cache that remembers nothing (`--no-cache`). */
export const NO_CACHE: ResultCache = { get: async () => undefined, set: async () => undefined };
