/**
 * Malformed input never throws and never yields a stack trace: every bad input class gets its own code and a
 * position where there is one.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { findSpecs } from '../../compiler/load/find-specs.js';
import { loadSpec } from '../../compiler/load/load-spec.js';
import { MAX_SPEC_BYTES, displayPath, readSpecFile } from '../../compiler/load/read-spec-file.js';
import { childKeys, pathExists, positionOf, specPathAtLine } from '../../compiler/load/positions.js';

const ALIAS_BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
].join('\n');

interface TextCase {
  readonly name: string;
  readonly text: string;
  readonly code: string;
  readonly line: number;
  readonly col: number;
}

const TEXT_CASES: readonly TextCase[] = [
  { name: 'empty file', text: '', code: 'PARSE008', line: 1, col: 1 },
  { name: 'only comments', text: '# nothing here\n', code: 'PARSE008', line: 1, col: 1 },
  { name: 'unclosed flow sequence', text: 'version: 1\nenvironments: [dev,\n', code: 'PARSE005', line: 3, col: 1 },
  { name: 'bad indentation', text: 'version: 1\n  platform: x\n', code: 'PARSE005', line: 1, col: 10 },
  { name: 'duplicate key', text: 'version: 1\nplatform: a\nplatform: b\n', code: 'PARSE006', line: 3, col: 1 },
  { name: 'tab indentation', text: 'network:\n\toverlay: {}\n', code: 'PARSE007', line: 2, col: 1 },
  { name: 'several documents', text: 'platform: a\n---\nplatform: b\n', code: 'PARSE009', line: 2, col: 1 },
  { name: 'merge key with a single value', text: 'a:\n  <<: 5\n', code: 'PARSE005', line: 2, col: 7 },
  { name: 'merge key with an alias of a list', text: 'l: &l [1]\nb:\n  <<: *l\n', code: 'PARSE005', line: 3, col: 7 },
  { name: 'merge key with a list holding a value', text: 'm: &m { x: 1 }\nb:\n  <<: [*m, 2]\n', code: 'PARSE005', line: 3, col: 7 },
  { name: 'empty merge key', text: 'b:\n  <<:\n  x: 1\n', code: 'PARSE005', line: 2, col: 3 },
  { name: 'alias bomb', text: ALIAS_BOMB, code: 'PARSE010', line: 1, col: 1 },
  { name: 'alias without an anchor', text: 'version: 1\nplatform: *name\n', code: 'PARSE005', line: 2, col: 11 },
  { name: 'alias before its anchor', text: 'platform: *name\ntags: { a: &name x }\n', code: 'PARSE005', line: 1, col: 11 },
  { name: 'merge key from no anchor', text: 'version: 1\n<<: *base\n', code: 'PARSE005', line: 2, col: 5 },
  { name: 'binary value', text: '!!binary abc\n', code: 'PARSE005', line: 1, col: 10 },
  { name: 'timestamp value', text: 'version: 1\naccount: !!timestamp 2001-12-14\n', code: 'PARSE005', line: 2, col: 22 },
  { name: 'set value', text: 'version: 1\nx: !!set { a: null }\n', code: 'PARSE005', line: 2, col: 10 },
  { name: 'unknown tag', text: 'platform: !Ref name\n', code: 'PARSE012', line: 1, col: 11 },
  { name: 'NUL byte', text: 'version: 1\u0000\u0000platform: x\n', code: 'PARSE014', line: 1, col: 11 },
  { name: 'escape character in a value', text: 'version: 1\nplatform: x\u001by\n', code: 'PARSE014', line: 2, col: 12 },
  { name: 'DEL after a CRLF line', text: 'version: 1\r\nplatform: \u007f\r\n', code: 'PARSE014', line: 2, col: 11 },
  { name: 'C1 control', text: 'platform: "a\u009bb"\n', code: 'PARSE014', line: 1, col: 13 },
  { name: 'non-character U+FFFE', text: '# \ufffe\n', code: 'PARSE014', line: 1, col: 3 },
];

describe('loadSpec on malformed text', () => {
  it.each(TEXT_CASES)('$code: $name', (row) => {
    const result = loadSpec({ file: 'specs/x.platform.yaml', text: row.text });
    const found = result.diagnostics.find((d) => d.code === row.code);
    expect(found, JSON.stringify(result.diagnostics)).toBeDefined();
    expect(found?.position).toMatchObject({ file: 'specs/x.platform.yaml', line: row.line, col: row.col });
    expect(found?.message).not.toMatch(/\n/);
  });

  it('tells the author of an empty spec where a starting point comes from, in any repository', () => {
    const [empty] = loadSpec({ file: 'specs/x.platform.yaml', text: '' }).diagnostics;
    expect(empty?.hint).toBe('describe the platform; `platformc init --name <platform>` in an empty directory writes a commented starter spec to start from');
  });

  it('names the alias that has no anchor, and keeps the alias-bomb code for alias bombs', () => {
    const result = loadSpec({ file: 'x.yaml', text: 'version: 1\nplatform: *name\n' });
    expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(['PARSE005 alias *name refers to no anchor']);
    expect(loadSpec({ file: 'x.yaml', text: ALIAS_BOMB }).diagnostics.map((d) => d.code)).toEqual(['PARSE010']);
    // Aliases used as intended still load.
    expect(loadSpec({ file: 'x.yaml', text: 'tags: { a: &v x, b: *v }\n' }).loaded?.value).toEqual({ tags: { a: 'x', b: 'x' } });
  });

  it('reports a control character alone, not what the parser makes of its line', () => {
    const result = loadSpec({ file: 'x.yaml', text: 'version: 1\u0000\u0000platform: x\n' });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['PARSE014']);
    expect(result.diagnostics[0]?.message).toContain('U+0000 at line 1, column 11');
    expect(result.loaded?.value).toBeUndefined();
  });

  it.each([
    ['tab, CR and LF', 'version: 1\r\nplatform:\tx\r\n'],
    ['NEL (U+0085), which YAML allows', '# a\u0085b\nversion: 1\n'],
    ['an escape written in a double-quoted string', 'description: "a\\u0001b"\n'],
    ['letters beyond ASCII', 'description: "Zürich — ✓"\n'],
  ])('accepts %s', (_, text) => {
    expect(loadSpec({ file: 'x.yaml', text }).diagnostics.filter((d) => d.code === 'PARSE014')).toEqual([]);
  });

  it('keeps the document but no value when YAML has errors, so findings still render on their lines', () => {
    const result = loadSpec({ file: 'x.yaml', text: 'a: 1\na: 2\n' });
    expect(result.loaded?.document).toBeDefined();
    expect(result.loaded?.value).toBeUndefined();
  });

  it('says the YAML nests too deeply instead of passing on the parser\'s stack overflow', () => {
    const result = loadSpec({ file: 'x.yaml', text: `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n` });
    const [first] = result.diagnostics;
    expect(first?.code).toBe('PARSE005');
    expect(first?.message).toMatch(/nests too deeply/);
    expect(result.diagnostics.map((d) => d.message).join('\n')).not.toMatch(/call stack/i);
  });

  it('reports a collection used as a key through diagnostics, never on the process\'s stderr', async () => {
    const warnings: unknown[] = [];
    const listener = (warning: unknown): void => void warnings.push(warning);
    process.on('warning', listener);
    try {
      const result = loadSpec({ file: 'x.yaml', text: '? [a, b]\n: 1\n' });
      expect(result.loaded?.value).toEqual({ '[ a, b ]': 1 });
      // Process warnings are emitted on a later tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', listener);
    }
    expect(warnings).toEqual([]);
  });

  it('accepts a few aliases', () => {
    const result = loadSpec({ file: 'x.yaml', text: 'a: &x [1, 2]\nb: *x\n' });
    expect(result.diagnostics).toEqual([]);
    expect(result.loaded?.value).toEqual({ a: [1, 2], b: [1, 2] });
  });
});

describe('positionOf', () => {
  const loaded = loadSpec({ file: 'p.yaml', text: 'environments:\n  dev: { region: us-east-1 }\nlist:\n  - a\n  - b\n' }).loaded;
  if (loaded === undefined) throw new Error('fixture did not load');
  it.each([
    { path: ['environments', 'dev', 'region'], line: 2, col: 18 },
    { path: ['environments', 'dev', 'missing'], line: 2, col: 8 },
    { path: ['list', 1], line: 5, col: 5 },
    // A block collection under a key points at its key's line, spanning the whole block.
    { path: ['environments'], line: 1, col: 1, endLine: 3 },
    { path: ['list'], line: 3, col: 1, endLine: 6 },
    { path: ['environments', 'dev'], line: 2, col: 8 },
    { path: [], line: 1, col: 1 },
  ])('$path -> $line:$col', ({ path, line, col, endLine }) => {
    expect(positionOf(loaded, path)).toMatchObject(endLine === undefined ? { line, col } : { line, col, endLine });
  });
  it('points at the key when asked', () => {
    expect(positionOf(loaded, ['environments', 'dev'], { at: 'key' })).toMatchObject({ line: 2, col: 3 });
  });
});

describe('merge keys', () => {
  const text = [
    'base: &base { region: us-east-1, size: 1 }',  // 1
    'more: &more { size: 2, zone: a }',             // 2
    'environments:',                                // 3
    '  dev:',                                       // 4
    '    <<: *base',                                // 5
    '    size: 3',                                  // 6
    '  prod:',                                      // 7
    '    <<: [*more, *base]',                       // 8
    '',
  ].join('\n');
  const loaded = loadSpec({ file: 'm.yaml', text }).loaded;
  if (loaded === undefined) throw new Error('fixture did not load');

  it('merges as YAML 1.1 did: keys written beside the merge win, then the merged mappings in order', () => {
    expect(loaded.value).toEqual({
      base: { region: 'us-east-1', size: 1 },
      more: { size: 2, zone: 'a' },
      environments: { dev: { region: 'us-east-1', size: 3 }, prod: { size: 2, zone: 'a', region: 'us-east-1' } },
    });
  });

  it.each([
    { path: ['environments', 'dev', 'region'], line: 1, col: 23 },
    { path: ['environments', 'dev', 'size'], line: 6, col: 11 },
    { path: ['environments', 'prod', 'size'], line: 2, col: 21 },
    { path: ['environments', 'prod', 'region'], line: 1, col: 23 },
    { path: ['environments', 'prod', 'missing'], line: 7, col: 3 },
  ])('finds a merged value where it is written: $path -> $line:$col', ({ path, line, col }) => {
    expect(positionOf(loaded, path)).toMatchObject({ line, col });
  });

  it('lists merged keys among a mapping\'s keys, and a merge line belongs to its mapping', () => {
    expect(childKeys(loaded, ['environments', 'prod'])).toEqual(['size', 'zone', 'region']);
    expect(pathExists(loaded, ['environments', 'dev', 'region'])).toBe(true);
    expect(specPathAtLine(loaded, 5)).toEqual(['environments', 'dev']);
  });

  it('takes a quoted "<<" for an ordinary key, and two merge keys in one mapping in order', () => {
    const quoted = loadSpec({ file: 'q.yaml', text: 'a: &a { x: 1 }\nb: { "<<": *a }\n' }).loaded;
    expect(quoted?.value).toEqual({ a: { x: 1 }, b: { '<<': { x: 1 } } });
    if (quoted === undefined) throw new Error('fixture did not load');
    expect(childKeys(quoted, ['b'])).toEqual(['<<']);
    const twice = loadSpec({ file: 't.yaml', text: 'a: &a { x: 1 }\nb: &b { x: 2, y: 2 }\nc:\n  <<: *a\n  <<: *b\n' }).loaded;
    expect(twice?.value).toMatchObject({ c: { x: 1, y: 2 } });
    if (twice === undefined) throw new Error('fixture did not load');
    expect(positionOf(twice, ['c', 'x'])).toMatchObject({ line: 1, col: 12 });
    expect(positionOf(twice, ['c', 'y'])).toMatchObject({ line: 2, col: 18 });
  });

  it('follows a mapping that merges the mapping holding it without looping, though its value is refused', () => {
    const result = loadSpec({ file: 's.yaml', text: 'a: &a { x: 1, b: { <<: *a } }\n' });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['PARSE010']);
    const self = result.loaded;
    if (self === undefined) throw new Error('fixture did not load');
    expect(positionOf(self, ['a', 'b', 'x'])).toMatchObject({ line: 1, col: 12 });
    expect(pathExists(self, ['a', 'b', 'b', 'q'])).toBe(false);
  });
});

describe('specPathAtLine', () => {
  const text = 'environments:\n  dev: { region: us-east-1 }\nhosts:\n  hypervisors:\n    instanceType: c5.metal\n    count: 2\nlist:\n  - a\n  - b\n';
  const loaded = loadSpec({ file: 'p.yaml', text }).loaded;
  if (loaded === undefined) throw new Error('fixture did not load');
  it.each([
    { line: 1, path: ['environments'] },
    { line: 2, path: ['environments', 'dev', 'region'] },
    { line: 4, path: ['hosts', 'hypervisors'] },
    { line: 5, path: ['hosts', 'hypervisors', 'instanceType'] },
    { line: 9, path: ['list', 1] },
    { line: 10, path: [] },
    { line: 99, path: [] },
  ])('line $line -> $path', ({ line, path }) => {
    expect(specPathAtLine(loaded, line)).toEqual(path);
  });
});

describe('readSpecFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'platformc-load-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'specs'));
  writeFileSync(join(dir, 'big.platform.yaml'), `# ${'x'.repeat(MAX_SPEC_BYTES)}\n`);
  writeFileSync(join(dir, 'latin1.platform.yaml'), Buffer.concat([Buffer.from('platform: a\nowner: M'), Buffer.from([0xfc]), Buffer.from('ller\n')]));
  writeFileSync(join(dir, 'ok.platform.yaml'), 'platform: ok\n');
  execFileSync('mkfifo', [join(dir, 'pipe.platform.yaml')]);

  it.each([
    { name: 'missing file', path: 'nope.platform.yaml', code: 'PARSE001' },
    { name: 'a directory (named directly, not through findSpecs)', path: 'specs', code: 'PARSE002' },
    { name: 'a device with no end', path: '/dev/zero', code: 'PARSE002' },
    { name: 'a named pipe nobody writes to', path: 'pipe.platform.yaml', code: 'PARSE002' },
    { name: 'over the size limit', path: 'big.platform.yaml', code: 'PARSE003' },
    { name: 'not UTF-8', path: 'latin1.platform.yaml', code: 'PARSE004' },
  ])('$code: $name', ({ path, code }) => {
    const result = readSpecFile(path, { cwd: dir });
    expect(result.source).toBeUndefined();
    expect(result.diagnostics.map((d) => d.code)).toEqual([code]);
    expect(result.diagnostics[0]?.file).toBe(displayPath(path, { cwd: dir }));
  });

  it('says where the first bad byte is', () => {
    const [diagnostic] = readSpecFile('latin1.platform.yaml', { cwd: dir }).diagnostics;
    expect(diagnostic?.position).toMatchObject({ line: 2 });
    expect(diagnostic?.message).toContain('offset 20');
  });

  it('reports an unreadable file without throwing', () => {
    const locked = join(dir, 'locked.platform.yaml');
    writeFileSync(locked, 'platform: a\n');
    chmodSync(locked, 0o000);
    const result = readSpecFile('locked.platform.yaml', { cwd: dir });
    // root can read anything; everyone else gets PARSE011.
    expect(result.diagnostics.map((d) => d.code)).toEqual(process.getuid?.() === 0 ? [] : ['PARSE011']);
    chmodSync(locked, 0o644);
  });

  it('reads a good file with a display path relative to cwd', () => {
    expect(readSpecFile(join(dir, 'ok.platform.yaml'), { cwd: dir })).toEqual({ source: { file: 'ok.platform.yaml', text: 'platform: ok\n' }, diagnostics: [] });
  });
});

describe('findSpecs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'platformc-find-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'specs', 'team'), { recursive: true });
  for (const file of ['specs/b.platform.yaml', 'specs/a.platform.yaml', 'specs/team/c.platform.yaml', 'specs/notes.yaml']) writeFileSync(join(dir, file), '');

  it('finds specs/**/*.platform.yaml by default, sorted', async () => {
    expect(await findSpecs({ cwd: dir })).toEqual({ files: ['specs/a.platform.yaml', 'specs/b.platform.yaml', 'specs/team/c.platform.yaml'], diagnostics: [] });
  });
  it('keeps explicit paths, even missing ones, for a precise error later', async () => {
    expect((await findSpecs({ cwd: dir, patterns: ['specs/zz.platform.yaml'] })).files).toEqual(['specs/zz.platform.yaml']);
  });
  it('finds a spec linked into specs/, by default and by glob alike, and does not descend into linked directories', async () => {
    const linked = mkdtempSync(join(tmpdir(), 'platformc-linked-'));
    try {
      writeFileSync(join(linked, 'shared.platform.yaml'), '');
      symlinkSync(join(linked, 'shared.platform.yaml'), join(dir, 'specs', 'shared.platform.yaml'));
      symlinkSync(join(linked, 'gone.platform.yaml'), join(dir, 'specs', 'dangling.platform.yaml'));
      symlinkSync(linked, join(dir, 'specs', 'elsewhere'));
      symlinkSync(join(dir, 'specs'), join(dir, 'specs', 'team', 'loop'));
      const expected = ['specs/a.platform.yaml', 'specs/b.platform.yaml', 'specs/shared.platform.yaml', 'specs/team/c.platform.yaml'];
      expect((await findSpecs({ cwd: dir })).files).toEqual(expected);
      // The same through fast-glob (any pattern but the default one).
      expect((await findSpecs({ cwd: dir, patterns: ['specs/**/*.platform.y?ml'] })).files).toEqual(expected);
    } finally {
      for (const link of ['shared.platform.yaml', 'dangling.platform.yaml', 'elsewhere', 'team/loop']) rmSync(join(dir, 'specs', link));
      rmSync(linked, { recursive: true, force: true });
    }
  });
  it.each([
    ['specs', ['specs/a.platform.yaml', 'specs/b.platform.yaml', 'specs/team/c.platform.yaml']],
    ['specs/', ['specs/a.platform.yaml', 'specs/b.platform.yaml', 'specs/team/c.platform.yaml']],
    ['specs/team', ['specs/team/c.platform.yaml']],
    ['.', ['specs/a.platform.yaml', 'specs/b.platform.yaml', 'specs/team/c.platform.yaml']],
  ])('takes directory %s as every *.platform.yaml under it', async (pattern, expected) => {
    expect(await findSpecs({ cwd: dir, patterns: [pattern] })).toEqual({ files: expected, diagnostics: [] });
  });
  it('takes an absolute directory, and skips node_modules and hidden directories under a directory', async () => {
    mkdirSync(join(dir, 'node_modules', 'pkg'), { recursive: true });
    mkdirSync(join(dir, '.git'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'pkg', 'x.platform.yaml'), '');
    writeFileSync(join(dir, '.git', 'y.platform.yaml'), '');
    try {
      expect((await findSpecs({ cwd: dir, patterns: ['.'] })).files).toEqual(['specs/a.platform.yaml', 'specs/b.platform.yaml', 'specs/team/c.platform.yaml']);
      expect((await findSpecs({ cwd: dir, patterns: [join(dir, 'specs', 'team')] })).files).toEqual(['specs/team/c.platform.yaml']);
    } finally {
      rmSync(join(dir, 'node_modules'), { recursive: true });
      rmSync(join(dir, '.git'), { recursive: true });
    }
  });
  it('reports a directory that holds no spec', async () => {
    mkdirSync(join(dir, 'empty'), { recursive: true });
    const result = await findSpecs({ cwd: dir, patterns: ['empty/'] });
    expect(result.files).toEqual([]);
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([['PARSE013', 'no spec files (*.platform.yaml) under empty/']]);
  });
  it('reports a glob that matches nothing', async () => {
    const result = await findSpecs({ cwd: dir, patterns: ['spec/*.platform.yaml'] });
    expect(result.files).toEqual([]);
    expect(result.diagnostics.map((d) => [d.code, d.hint])).toEqual([['PARSE013', 'check the pattern; the default is specs/**/*.platform.yaml']]);
  });
  it('points a directory without specs/ at init', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'platformc-bare-'));
    try {
      const result = await findSpecs({ cwd: bare });
      expect(result.diagnostics.map((d) => [d.code, d.hint])).toEqual([
        ['PARSE013', 'start a project here with `platformc init --name <platform>` (it writes specs/<platform>.platform.yaml), or name the spec files'],
      ]);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
