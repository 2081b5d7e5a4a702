/**
 * The code cache changes how fast the CLI starts, never what it does: code comes from the cache only for the
 * exact text it was made from (V8 itself compares only the length), and the bundled CLI writes exactly what the
 * tsc output writes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { shortRunV8Flags } from '../../compiler/build/code-cache.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = mkdtempSync(join(tmpdir(), 'platformc-code-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(dir: string, mode: 'record' | 'use' | 'bare'): unknown {
  const child = spawnSync(process.execPath, [join(root, 'test/build/fixtures/code-cache-run.mjs'), dir, mode], { encoding: 'utf8' });
  expect(child.status, child.stderr).toBe(0);
  expect(child.stderr).toBe('');
  return JSON.parse(child.stdout) as unknown;
}
const load = (dir: string, mode: 'record' | 'use') => run(dir, mode) as { value: string; used: number };

describe('code cache', () => {
  it('serves recorded code for the same text and compiles an edited file of the same length afresh', () => {
    const dir = mkdtempSync(join(work, 'module-'));
    writeFileSync(join(dir, 'mod.cjs'), "module.exports = () => 'one';\n");
    expect(load(dir, 'record')).toEqual({ value: 'one', used: 0 });
    expect(load(dir, 'use')).toEqual({ value: 'one', used: 1 });
    writeFileSync(join(dir, 'mod.cjs'), "module.exports = () => 'two';\n");
    expect(load(dir, 'use')).toEqual({ value: 'two', used: 0 });
  });

  // Node 20's V8 gets the short-run flags; V8 checks them with the cached data, so a process that did not set them
  // (Node started on its own) cannot use the cache, while every process that goes through installCodeCache can.
  it('is made and used under the short-run V8 flags', () => {
    const dir = mkdtempSync(join(work, 'module-'));
    writeFileSync(join(dir, 'mod.cjs'), "module.exports = () => 'one';\n");
    load(dir, 'record');
    expect(load(dir, 'use')).toEqual({ value: 'one', used: 1 });
    expect(run(dir, 'bare')).toEqual({ rejected: shortRunV8Flags().length > 0 });
  });

  it.each([
    ['11.3.244.8-node.38', ['--interrupt-budget=270336']],
    ['11.3.244.8', ['--interrupt-budget=270336']],
    ['11.30.1.0', []],
    ['12.4.254.21-node.33', []],
    ['10.2.154.26-node.36', []],
  ])('short-run V8 flags for V8 %s: %j', (version, flags) => {
    expect(shortRunV8Flags(version)).toEqual(flags);
  });

  it('ignores a cache made by another V8', () => {
    const dir = mkdtempSync(join(work, 'module-'));
    writeFileSync(join(dir, 'mod.cjs'), "module.exports = () => 'one';\n");
    load(dir, 'record');
    const data = readFileSync(join(dir, 'cache.bin'));
    const headerLength = data.readUInt32LE(0);
    const header = JSON.parse(data.subarray(4, 4 + headerLength).toString('utf8')) as { v8: string };
    const other = Buffer.from(JSON.stringify({ ...header, v8: '0.0.0' }), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32LE(other.length, 0);
    writeFileSync(join(dir, 'cache.bin'), Buffer.concat([length, other, data.subarray(4 + headerLength)]));
    expect(load(dir, 'use')).toEqual({ value: 'one', used: 0 });
  });

  it('ignores a damaged cache file', () => {
    const dir = mkdtempSync(join(work, 'module-'));
    writeFileSync(join(dir, 'mod.cjs'), "module.exports = () => 'one';\n");
    for (const damaged of [Buffer.alloc(0), Buffer.from([1, 2]), Buffer.from('\u0010\u0000\u0000\u0000not json at all')]) {
      writeFileSync(join(dir, 'cache.bin'), damaged);
      expect(load(dir, 'use')).toEqual({ value: 'one', used: 0 });
    }
  });
});

describe('the bundled CLI', () => {
  function compile(bundle: '0' | '1'): { files: Map<string, string>; bundled: boolean; packages: string[] } {
    const out = mkdtempSync(join(work, `out-${bundle}-`));
    const child = spawnSync(process.execPath, ['--import', join(root, 'test/build/fixtures/report-bundle.mjs'), join(root, 'bin/platformc.cjs'), 'compile', '--out', out, '--quiet'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, PLATFORMC_BUNDLE: bundle },
    });
    expect(child.status, child.stderr).toBe(0);
    const files = new Map<string, string>();
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else files.set(relative(out, join(dir, e.name)), readFileSync(join(dir, e.name), 'utf8'));
      }
    };
    walk(out);
    const packages = (/platformc-packages=(.*)/.exec(child.stderr)?.[1] ?? '').split(',').filter((name) => name !== '');
    return { files, bundled: child.stderr.includes('platformc-bundle-loaded=true'), packages };
  }

  it('is what runs by default, and writes byte for byte what the tsc output writes', () => {
    const bundled = compile('1');
    const unbundled = compile('0');
    expect(bundled.bundled).toBe(true);
    expect(unbundled.bundled).toBe(false);
    expect(bundled.files.size).toBeGreaterThan(0);
    expect([...bundled.files.keys()].sort()).toEqual([...unbundled.files.keys()].sort());
    for (const [path, content] of bundled.files) expect(content, path).toBe(unbundled.files.get(path));
  });

  // Training and use agree on everything V8 checks (its version, the flags): the entry's files come from the cache.
  it('takes its code from the cache the build trained', () => {
    const child = spawnSync(process.execPath, [join(root, 'test/build/fixtures/bundle-cache-used.cjs')], { encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(0);
    expect((JSON.parse(child.stdout) as { used: number }).used).toBeGreaterThan(0);
  });

  it('loads the packages it leaves out lazily through code from the cache: a glob of specs brings in fast-glob', () => {
    const child = spawnSync(process.execPath, [join(root, 'bin/platformc.cjs'), 'validate', 'specs/*.platform.yaml'], { cwd: root, encoding: 'utf8' });
    expect(child.stderr).not.toContain('internal error');
    expect(child.status, child.stderr).toBe(0);
    expect(child.stdout).toContain('2 specs valid');
  });

  it('hands no import() to Node, which cached code cannot make on Node 20', () => {
    const dir = join(root, 'dist', 'bundle');
    // Every bundle file, and every file the code cache holds code for (packages in node_modules too).
    const data = readFileSync(join(dir, 'code-cache.bin'));
    const header = JSON.parse(data.subarray(4, 4 + data.readUInt32LE(0)).toString('utf8')) as { entries: Record<string, unknown> };
    const cached = Object.keys(header.entries).map((key) => join(root, key));
    expect(cached.length).toBeGreaterThan(0);
    const files = [...readdirSync(dir).filter((name) => name.endsWith('.cjs')).map((name) => join(dir, name)), ...cached];
    // Calls only: the type comments that some bundled packages carry (`@typedef { import("./x.js").X }`) stay.
    const calls = files.flatMap((file) => readFileSync(file, 'utf8').split('\n')
      .filter((line) => /\bimport\(/.test(line) && !/^\s*(\*|\/\/)/.test(line))
      .map((line) => `${relative(root, file)}: ${line.trim()}`));
    expect(calls).toEqual([]);
  });

  it('carries the packages every compile needs, so none of them is resolved and read from node_modules', () => {
    const inBundle = ['commander', 'handlebars', 'ip-address', 'picocolors', 'yaml'];
    const bundled = compile('1');
    const unbundled = compile('0');
    expect(unbundled.packages).toEqual(expect.arrayContaining(inBundle));
    expect(bundled.packages.filter((name) => inBundle.includes(name))).toEqual([]);
    expect(bundled.packages.filter((name) => name.startsWith('@aws-sdk/'))).toEqual([]);
  });
});
