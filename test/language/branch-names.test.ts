/**
 * A pipeline's branch must be a name git can give a branch. The rule is held to git itself: `git check-ref-format
 * --branch`, run in an empty repository, is the oracle for a table of edge cases and for random names.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { branchNameProblem } from '../../compiler/validate/rules/pipelines.js';

const repo = mkdtempSync(join(tmpdir(), 'platformc-branch-'));
spawnSync('git', ['init', '-q', repo]);
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const gitAccepts = (name: string): boolean => spawnSync('git', ['check-ref-format', '--branch', name], { cwd: repo, stdio: 'ignore' }).status === 0;

const NAMES: readonly string[] = [
  'main', 'release/2026', 'feature/a-b_c', 'x.y', 'a.lock.x', 'a@b', 'a{', 'a}', '@', 'é', 'v1.2.3',
  'a b', 'a..b', '..', '-x', '-', 'a/', '/a', 'a//b', 'a.', '.a', 'a/.b', 'a/./b', 'a.lock', 'a/b.lock/c',
  'a@{b', '@{-1}', 'a~b', 'a^b', 'a:b', 'a?b', 'a*b', 'a[b', 'a\\b', 'a\u0001b', 'a\u007fb', 'a\tb', 'HEAD',
];

describe('git branch names', () => {
  it.each(NAMES.map((name) => [JSON.stringify(name), name] as const))('%s: accepted exactly when git accepts it', (_, name) => {
    expect(branchNameProblem(name) === undefined).toBe(gitAccepts(name));
  });

  it('agrees with git on random names built from the characters git treats specially', () => {
    const character = fc.constantFrom('a', 'b', 'l', 'o', 'c', 'k', '.', '/', '-', '@', '{', '}', ' ', '~', '^', ':', '?', '*', '[', '\\', '\u0001', 'é', 'H', 'E', 'A', 'D');
    fc.assert(
      fc.property(fc.array(character, { minLength: 1, maxLength: 8 }).map((chars) => chars.join('')), (name) => {
        expect(branchNameProblem(name) === undefined, name).toBe(gitAccepts(name));
      }),
      { numRuns: 300 },
    );
  });
});
