/**
 * Compiles a fixture pair (before/after spec) through the real pipeline and diffs the results, as `platformc
 * diff` does with a git base, but from files beside the test.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { compileSource } from '../../compiler/compile.js';
import { diffStacks } from '../../compiler/diff/diff-stacks.js';
import type { PlatformDiff } from '../../compiler/diff/model.js';
import { stackInputs } from '../../compiler/diff/stack-inputs.js';

export const FIXTURES = join(import.meta.dirname, 'fixtures');

/** The stack kinds a spec compiles to today (the logging and dns expanders may not be registered yet). */
export function producesStack(name: string, stack: string): boolean {
  const text = readFileSync(join(FIXTURES, name, 'after.platform.yaml'), 'utf8');
  return compileSource({ file: 'specs/fixture.platform.yaml', text }).files.some((f) => f.path.endsWith(`/${stack}.template.json`));
}

/** Both sides compile under the same spec path, so only the spec's content differs. */
export function diffFixture(name: string): PlatformDiff {
  const compile = (side: 'before' | 'after') => {
    const text = readFileSync(join(FIXTURES, name, `${side}.platform.yaml`), 'utf8');
    const result = compileSource({ file: 'specs/fixture.platform.yaml', text });
    expect(result.diagnostics.filter((d) => d.severity === 'error'), `${name}/${side} compiles`).toEqual([]);
    return stackInputs(result.files);
  };
  return diffStacks(compile('before'), compile('after'));
}

/** Compares with the golden file, or writes it when UPDATE_GOLDEN=1. */
export function expectGolden(path: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(path, actual);
    return;
  }
  expect(existsSync(path), `${path} exists (run with UPDATE_GOLDEN=1 to create it)`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
