/**
 * The on-disk result cache of cfn-lint findings and Access Analyzer answers: entries in use stay, entries unused
 * for a month go on the next write, and the directory keeps itself out of git.
 */
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_MAX_AGE_MS, cacheKey, directoryCache, pruneCache } from '../../compiler/cache/result-cache.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'platformc-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ago = (ms: number): Date => new Date(Date.now() - ms);
const entries = (): string[] => readdirSync(dir).sort();

describe('the result cache', () => {
  it('returns what was stored, and nothing for a key it never saw', async () => {
    const cache = directoryCache(dir);
    await cache.set(cacheKey('op', { a: 1 }), { answer: [1, 2] });
    expect(await cache.get(cacheKey('op', { a: 1 }))).toEqual({ answer: [1, 2] });
    expect(await cache.get(cacheKey('op', { a: 2 }))).toBeUndefined();
    expect(entries()).toEqual(['.gitignore', `${cacheKey('op', { a: 1 })}.json`]);
  });

  it('removes on the first write the entries unused for a month, and keeps those read since', async () => {
    const [stale, used, fresh] = ['stale', 'used', 'fresh'].map((name) => cacheKey('op', name)) as [string, string, string];
    for (const key of [stale, used]) {
      writeFileSync(join(dir, `${key}.json`), '[]');
      utimesSync(join(dir, `${key}.json`), ago(CACHE_MAX_AGE_MS + 60_000), ago(CACHE_MAX_AGE_MS + 60_000));
    }
    writeFileSync(join(dir, 'notes.txt'), 'not an entry');
    utimesSync(join(dir, 'notes.txt'), ago(CACHE_MAX_AGE_MS * 2), ago(CACHE_MAX_AGE_MS * 2));
    const cache = directoryCache(dir);
    expect(await cache.get(used)).toEqual([]);
    await cache.set(fresh, []);
    expect(entries()).toEqual(['.gitignore', `${fresh}.json`, `${used}.json`, 'notes.txt'].sort());
  });

  it.each([
    [CACHE_MAX_AGE_MS - 60_000, 0],
    [CACHE_MAX_AGE_MS + 60_000, 1],
  ])('prunes an entry last used %i ms ago: %i removed', async (age, removed) => {
    const file = join(dir, `${cacheKey('op', 'x')}.json`);
    writeFileSync(file, '[]');
    utimesSync(file, ago(age), ago(age));
    expect(await pruneCache(dir)).toBe(removed);
  });

  it('stores nothing, and says nothing, where it cannot write', async () => {
    writeFileSync(join(dir, 'file'), 'a file where the cache directory would go');
    const cache = directoryCache(join(dir, 'file', 'cfn-lint'));
    await expect(cache.set(cacheKey('op', 'x'), [])).resolves.toBeUndefined();
    expect(await cache.get(cacheKey('op', 'x'))).toBeUndefined();
  });

  it('prunes nothing in a directory that does not exist', async () => {
    expect(await pruneCache(join(dir, 'missing'))).toBe(0);
  });
});
