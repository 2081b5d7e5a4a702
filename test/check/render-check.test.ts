import { describe, expect, it } from 'vitest';
import { colors } from '../../compiler/cli/io.js';
import { compareOutput } from '../../compiler/check/compare-output.js';
import { renderStale, unifiedDiff } from '../../compiler/check/render-check.js';

describe('stale output report', () => {
  it('compares byte for byte and sorts what it finds', () => {
    const c = compareOutput(
      [{ path: 'p/b.json', content: '1\n' }, { path: 'p/a.json', content: '2\n' }, { path: 'p/new.json', content: '' }],
      [{ path: 'p/b.json', content: '1\n' }, { path: 'p/a.json', content: '2' }, { path: 'p/old.json', content: '' }],
    );
    expect(c).toEqual({ missing: ['p/new.json'], extra: ['p/old.json'], changed: [{ path: 'p/a.json', committed: '2', compiled: '2\n' }], compared: 3 });
  });

  it('names files that differ only in CRLF line endings, without a diff, and says how to keep them LF', () => {
    const compiled = '{\n  "a": 1\n}\n';
    const text = renderStale(compareOutput(
      [{ path: 'p/crlf.json', content: compiled }, { path: 'p/real.json', content: '{\n  "b": 2\n}\n' }],
      [{ path: 'p/crlf.json', content: compiled.replaceAll('\n', '\r\n') }, { path: 'p/real.json', content: '{\r\n  "b": 3\r\n}\r\n' }],
    ), { colors: colors(false), out: 'generated', fix: 'platformc compile' });
    expect(text).toContain('  changed  generated/p/crlf.json (line endings only: CRLF where compile writes LF)\n');
    expect(text).toContain('  changed  generated/p/real.json\n');
    expect(text).not.toContain('--- a/generated/p/crlf.json');
    expect(text).toContain('--- a/generated/p/real.json');
    expect(text).toContain('Add generated/** text eol=lf to .gitattributes (platformc init writes it), then run git add --renormalize generated');
  });

  it('says nothing of line endings when the files differ otherwise', () => {
    const text = renderStale(compareOutput([{ path: 'a.json', content: '1\n' }], [{ path: 'a.json', content: '2\n' }]), { colors: colors(false), out: 'generated', fix: 'platformc compile' });
    expect(text).not.toContain('Line endings');
  });

  it('shows a note instead of a diff when a file changed beyond reason, and cuts long diffs', () => {
    const lines = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join('\n');
    expect(unifiedDiff('f.json', lines('a', 3000), lines('b', 3000))).toContain('too many differences to show a diff');
    const text = renderStale(compareOutput([{ path: 'f.json', content: lines('x', 600) }], [{ path: 'f.json', content: lines('y', 600) }]), {
      colors: colors(false), out: 'generated', fix: 'platformc compile', maxDiffLines: 50,
    });
    expect(text).toMatch(/\.\.\. \d+ more diff lines \(see --format json\)/);
    expect(text.trimEnd().split('\n').at(-1)).toBe('Fix: run platformc compile and commit generated/.');
  });

  it('cuts a long string line to its start and shows the lines that differ inside it', () => {
    const script = (mtu: number) => ['#!/bin/bash', ...Array.from({ length: 40 }, (_, i) => `echo step ${i} of the overlay set-up`), `ip link set dev ethvxlan0 mtu '${mtu}'`, 'echo done', ''].join('\n');
    const template = (mtu: number) => `${JSON.stringify({ Resources: { Host: { Properties: { UserData: { 'Fn::Base64': script(mtu) } } } } }, null, 2)}\n`;
    const text = renderStale(compareOutput([{ path: 'p/hosts.template.json', content: template(1450) }], [{ path: 'p/hosts.template.json', content: template(8951) }]), {
      colors: colors(false), out: 'generated', fix: 'platformc compile',
    });
    const line = (mark: string, mtu: number) => {
      const full = `${mark}          "Fn::Base64": ${JSON.stringify(script(mtu))}`;
      return `${full.slice(0, 80)}… (${full.length} characters)`;
    };
    expect(text).toContain([
      line('-', 8951),
      line('+', 1450),
      '    the lines that differ inside these strings:',
      '    @@ -41,3 +41,3 @@',
      '     echo step 39 of the overlay set-up',
      "    -ip link set dev ethvxlan0 mtu '8951'",
      "    +ip link set dev ethvxlan0 mtu '1450'",
      '     echo done',
    ].join('\n'));
    expect(text.split('\n').every((line) => line.length <= 260)).toBe(true);
  });

  it('cuts any other overlong line and leaves short ones as they are', () => {
    const text = renderStale(compareOutput([{ path: 'f.json', content: `"${'b'.repeat(500)}"\nshort b\n` }], [{ path: 'f.json', content: `"${'a'.repeat(500)}"\nshort a\n` }]), {
      colors: colors(false), out: 'generated', fix: 'platformc compile',
    });
    expect(text).toContain(`-"${'a'.repeat(198)}… (503 characters)`);
    expect(text).toContain('+short b\n');
  });
});

describe('source maps that only follow moved spec lines', () => {
  const sourceMap = (lines: { readonly host: number; readonly role: number }, file = 'specs/p.platform.yaml') => `${JSON.stringify({
    resources: {
      Host: { location: `${file}:${lines.host}:3`, path: ['hosts', 'router'] },
      Role: { location: `${file}:${lines.role}:5`, path: ['iam', 'roles', 'ci'] },
    },
    spec: file,
  }, null, 2)}\n`;
  const report = (committed: string, compiled: string, path = 'p/dev/hosts.sourcemap.json') =>
    renderStale(compareOutput([{ path, content: compiled }], [{ path, content: committed }]), { colors: colors(false), out: 'generated', fix: 'platformc compile' });

  it.each([
    ['lines moved down', { host: 48, role: 70 }],
    ['lines moved up', { host: 12, role: 30 }],
    ['one location moved', { host: 42, role: 61 }],
  ])('names a source map whose locations only moved (%s), without its diff', (_, moved) => {
    const text = report(sourceMap({ host: 42, role: 60 }), sourceMap(moved));
    expect(text).toContain('  changed  generated/p/dev/hosts.sourcemap.json (spec lines moved only)\n');
    expect(text).not.toContain('--- a/generated/p/dev/hosts.sourcemap.json');
    expect(text).toContain('1 source map changed only because lines of the spec moved');
    expect(text.trimEnd().split('\n').at(-1)).toBe('Fix: run platformc compile and commit generated/.');
  });

  it.each([
    ['a resource added', sourceMap({ host: 42, role: 60 }).replace('"Role"', '"Other": {\n      "location": "specs/p.platform.yaml:1:1",\n      "path": []\n    },\n    "Role"')],
    ['a path changed', sourceMap({ host: 48, role: 60 }).replace('"router"', '"management"')],
    ['another spec file', sourceMap({ host: 42, role: 60 }, 'specs/q.platform.yaml')],
  ])('shows the diff of a source map that changed otherwise (%s)', (_, compiled) => {
    const text = report(sourceMap({ host: 42, role: 60 }), compiled);
    expect(text).toContain('  changed  generated/p/dev/hosts.sourcemap.json\n');
    expect(text).toContain('--- a/generated/p/dev/hosts.sourcemap.json');
    expect(text).not.toContain('lines of the spec moved');
  });

  it('treats only source maps so: a template whose text holds a location is a real change', () => {
    const text = report(sourceMap({ host: 42, role: 60 }), sourceMap({ host: 48, role: 66 }), 'p/dev/hosts.template.json');
    expect(text).toContain('--- a/generated/p/dev/hosts.template.json');
    expect(text).not.toContain('moved only');
  });
});
