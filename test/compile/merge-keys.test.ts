/**
 * YAML merge keys in a spec: environments that share most settings written once (`<<: *base`) compile to exactly
 * the templates of the spec with every key written out; only the source maps differ, pointing a merged value at
 * the line that holds it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSource } from '../../compiler/compile.js';

const CLOUDSTACK = readFileSync(new URL('../../specs/cloudstack.platform.yaml', import.meta.url), 'utf8');

/** The example with dr written as prod's settings merged in, and only what differs beside them. */
function withMergedDr(text: string): string {
  const prod = /^ {2}prod:\n((?: {4}.*\n)+)/m.exec(text);
  const dr = /^ {2}dr:\n((?: {4}.*\n)+)/m.exec(text);
  if (prod === null || dr === null) throw new Error('the example no longer has prod and dr environments');
  const prodKeys = new Map(prod[1]?.split('\n').filter((l) => l !== '').map((l) => [l.trim().split(':')[0], l.trim()]) ?? []);
  const differing = (dr[1] ?? '').split('\n').filter((l) => l !== '' && prodKeys.get(l.trim().split(':')[0]) !== l.trim());
  return text
    .replace(/^ {2}prod:\n/m, '  prod: &production\n')
    .replace(dr[0], `  dr:\n    <<: *production\n${differing.join('\n')}\n`);
}

describe('merge keys', () => {
  const merged = withMergedDr(CLOUDSTACK);

  it('the rewritten example really merges (the test is not comparing the example with itself)', () => {
    expect(merged).toContain('<<: *production');
    expect(merged.split('\n').length).toBeLessThan(CLOUDSTACK.split('\n').length);
  });

  it('compile to the same templates and parameters as the keys written out', () => {
    const plain = compileSource({ file: 'specs/cloudstack.platform.yaml', text: CLOUDSTACK });
    const withMerge = compileSource({ file: 'specs/cloudstack.platform.yaml', text: merged });
    expect(withMerge.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const stacks = (r: typeof plain) => r.files.filter((f) => !f.path.endsWith('.sourcemap.json'));
    expect(stacks(withMerge)).toEqual(stacks(plain));
  });

  it('take their anchors from extension fields (x-...), which platformc ignores', () => {
    // Settings prod and dr share, written once under an x- key and merged into both.
    const shared = 'x-protected: &protected\n  account: "444455556666"\n  boundary: strict\n  logRetentionDays: 365\n  protect: true\n  trustedAccounts: ["111122223333"]\n\n';
    const text = CLOUDSTACK.replace(/^environments:\n/m, `${shared}environments:\n`)
      .replace(/^( {2}(?:prod|dr):\n)((?: {4}.*\n)+)/gm, (_all, head: string, body: string) =>
        `${head}    <<: *protected\n${body.split('\n').filter((l) => l !== '' && !/^ {4}(account|boundary|logRetentionDays|protect|trustedAccounts):/.test(l)).join('\n')}\n`);
    expect(text.match(/<<: \*protected/g)).toHaveLength(2);
    const plain = compileSource({ file: 'specs/cloudstack.platform.yaml', text: CLOUDSTACK });
    const merged = compileSource({ file: 'specs/cloudstack.platform.yaml', text });
    expect(merged.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const stacks = (r: typeof plain) => r.files.filter((f) => !f.path.endsWith('.sourcemap.json'));
    expect(stacks(merged)).toEqual(stacks(plain));
  });

  it('points a finding on a merged value at the line that holds it', () => {
    const broken = merged.replace(/^( {4}logRetentionDays: )365(.*)\n( {4}protect: true)/m, '$1366$2\n$3');
    expect(broken).not.toBe(merged);
    const result = compileSource({ file: 'specs/cloudstack.platform.yaml', text: broken });
    const line = broken.split('\n').findIndex((l) => l.includes('logRetentionDays: 366')) + 1;
    const findings = result.diagnostics.filter((d) => d.code === 'LOG001').map((d) => [d.path.join('.'), d.position?.line]).sort();
    expect(findings).toEqual([['environments.dr.logRetentionDays', line], ['environments.prod.logRetentionDays', line]]);
  });
});
