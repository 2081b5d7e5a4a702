/**
 * Access Analyzer results cached on disk by a hash of the call and its input, so a re-run over unchanged policies
 * makes no calls. Only successful results are stored; the cache directory is gitignored.
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

/** A cache in `dir` (by default `.platformc-cache/access-analyzer` under the working directory). */
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
      const file = join(dir, `${key}.json`);
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(value));
      await rename(temp, file);
    },
  };
}

/** A cache that remembers nothing (`--no-cache`). */
export const NO_CACHE: ResultCache = { get: async () => undefined, set: async () => undefined };
