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

  it('shows a note instead of a diff when a file changed beyond reason, and cuts long diffs', () => {
    const lines = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join('\n');
    expect(unifiedDiff('f.json', lines('a', 3000), lines('b', 3000))).toContain('too many differences to show a diff');
    const text = renderStale(compareOutput([{ path: 'f.json', content: lines('x', 600) }], [{ path: 'f.json', content: lines('y', 600) }]), {
      colors: colors(false), out: 'generated', fix: 'platformc compile', maxDiffLines: 50,
    });
    expect(text).toMatch(/\.\.\. \d+ more diff lines \(see --format json\)/);
    expect(text.trimEnd().split('\n').at(-1)).toBe('Fix: run platformc compile and commit generated/.');
  });
});
