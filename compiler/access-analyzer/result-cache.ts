/**
 * Access Analyzer results cached on disk by a hash of the call and its input, so a re-run over unchanged policies
 * makes no calls (and cfn-lint's findings by template, see lint-cache.ts). Only successful results are stored;
 * the cache directory ignores itself for git.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
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

/** A cache in `dir` (`.platformc-cache/access-analyzer` or `.platformc-cache/cfn-lint` under the working directory). */
export function directoryCache(dir: string): ResultCache {
  return {
    async get<T>(key: string): Promise<T | undefined> {
      try {
        return JSON.parse(await readFile(join(dir, `${key}.json`), 'utf8')) as T;
      } catch {
        return undefined;
      }
    },
    async set(key, value) {
      await mkdir(dir, { recursive: true });
      await ignoredByGit(dir);
      const file = join(dir, `${key}.json`);
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(value));
      await rename(temp, file);
    },
  };
}

/** A cache that remembers nothing (`--no-cache`). */
export const NO_CACHE: ResultCache = { get: async () => undefined, set: async () => undefined };
