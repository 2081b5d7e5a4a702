/**
 * generated/ is committed and reviewed in pull requests, so it must be exactly what the compiler produces from
 * specs/: this rebuilds every bundled spec in memory and compares file by file, byte for byte.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileProject } from '../../compiler/compile.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const generated = join(root, 'generated');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('generated/', () => {
  it('is byte for byte what compiling specs/ produces (run `npx platformc compile` after changing either)', async () => {
    const project = await compileProject({ cwd: root });
    const errors = [...project.diagnostics, ...project.results.flatMap((r) => r.diagnostics)].filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.file}: ${d.code} ${d.message}`)).toEqual([]);
    const expected = new Map(project.files.map((f) => [f.path, f.content]));
    const platforms = new Set(project.files.map((f) => f.path.split('/')[0]));
    // A spec that was removed must take its output with it.
    const directories = readdirSync(generated, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    expect(directories).toEqual([...platforms].sort());
    const committed = [...platforms].flatMap((p) => filesUnder(join(generated, p ?? ''))).map((f) => relative(generated, f).split('\\').join('/')).sort();
    expect(committed).toEqual([...expected.keys()]);
    for (const path of committed) {
      expect(readFileSync(join(generated, path), 'utf8'), `generated/${path} is stale`).toBe(expected.get(path));
    }
  });
});
