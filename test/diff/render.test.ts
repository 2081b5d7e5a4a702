import { describe, expect, it } from 'vitest';
import { colors } from '../../compiler/cli/io.js';
import { diffStacks } from '../../compiler/diff/diff-stacks.js';
import { renderDiffJson } from '../../compiler/diff/render-json.js';
import { renderDiffMarkdown } from '../../compiler/diff/render-markdown.js';
import { renderDiffText } from '../../compiler/diff/render-text.js';
import { resource, securityGroup, stack, tcp, template } from './builders.js';

const many = (n: number, tag: string) =>
  template(Object.fromEntries(Array.from({ length: n }, (_, i) => [`Res${i}`, resource('AWS::SNS::Topic', { DisplayName: `${tag}-${i}-${'x'.repeat(80)}` })])));

describe('markdown rendering', () => {
  it('stays under the limit by leaving out whole rows and sections, with a note', () => {
    const base = ['iam', 'network', 'hosts', 'dns'].map((s) => stack(many(400, 'a'), { stack: s }));
    const head = ['iam', 'network', 'hosts', 'dns'].map((s) => stack(many(400, 'b'), { stack: s }));
    const md = renderDiffMarkdown(diffStacks(base, head), { base: 'origin/main', head: 'working tree' });
    expect(md.length).toBeLessThanOrEqual(65_535);
    expect(md).toMatch(/more rows? of this stack left out/);
    expect(md).toMatch(/more stack sections? left out/);
    const rows = md.split('\n').filter((l) => l.startsWith('|'));
    expect(rows.every((l) => l.endsWith('|'))).toBe(true);
    expect(md.split('<details>').length).toBe(md.split('</details>').length);
  });

  it('honours a smaller limit', () => {
    const md = renderDiffMarkdown(diffStacks([stack(many(50, 'a'))], [stack(many(50, 'b'))]), { base: 'a', head: 'b', maxLength: 3000 });
    expect(md.length).toBeLessThanOrEqual(3000);
    expect(md).toContain('| Platform | Environment |');
  });

  it('escapes pipes in cells', () => {
    const d = diffStacks([stack(template({ T: resource('AWS::SNS::Topic', { DisplayName: 'a|b' }) }))], [stack(template({ T: resource('AWS::SNS::Topic', { DisplayName: 'c|d' }) }))]);
    expect(renderDiffMarkdown(d, { base: 'a', head: 'b' })).toContain('`a\\|b`');
  });
});

describe('text and json rendering', () => {
  const d = diffStacks(
    [stack(template({ Sg: securityGroup([tcp(8080, '10.0.0.0/24')]) }), { stack: 'network' })],
    [stack(template({ Sg: securityGroup([tcp(8080, '0.0.0.0/0')]) }), { stack: 'network' })],
  );

  it('prints findings and property paths without color codes when colors are off', () => {
    const text = renderDiffText(d, { colors: colors(false) });
    expect(text).toContain('demo/dev: 0 added, 1 changed, 0 removed · network broadening');
    expect(text).toContain('! network cidr-widened Sg: peer CIDR widened (open to the internet): ingress tcp 8080 from 0.0.0.0/0 on Sg');
    expect(text).not.toContain('\u001b[');
    expect(renderDiffText(diffStacks([], []), { colors: colors(false) })).toBe('No changes.\n');
  });

  it('names the spec line of each resource that has one, in text and Markdown', () => {
    const withSources = diffStacks(
      [stack(template({ Sg: securityGroup([tcp(8080, '10.0.0.0/24')]) }), { stack: 'network' })],
      [{ ...stack(template({ Sg: securityGroup([tcp(8080, '0.0.0.0/0')]) }), { stack: 'network' }), sources: { Sg: 'specs/demo.platform.yaml:11:9', Other: 'specs/demo.platform.yaml:1:1' } }],
    );
    expect(withSources.stacks[0]?.sources).toEqual({ Sg: 'specs/demo.platform.yaml:11:9' });
    const text = renderDiffText(withSources, { colors: colors(false) });
    expect(text).toContain('! network cidr-widened Sg (specs/demo.platform.yaml:11:9): peer CIDR widened');
    expect(text).toContain('~ Sg (specs/demo.platform.yaml:11:9) AWS::EC2::SecurityGroup');
    const md = renderDiffMarkdown(withSources, { base: 'a', head: 'b' });
    expect(md).toContain('| Sg | `specs/demo.platform.yaml:11:9` | peer CIDR widened');
    // Without a source map the column stays, empty.
    expect(renderDiffMarkdown(d, { base: 'a', head: 'b' })).toContain('| Sg |  | peer CIDR widened');
  });

  it('shows control characters a spec put into a value as their pictures, never raw', () => {
    const withEscape = diffStacks(
      [stack(template({ T: resource('AWS::SNS::Topic', { DisplayName: 'calm' }) }))],
      [stack(template({ T: resource('AWS::SNS::Topic', { DisplayName: 'loud\u001b[2J\u0007' }) }))],
    );
    const text = renderDiffText(withEscape, { colors: colors(false) });
    expect(text).toContain('Properties.DisplayName: calm -> loud\u241b[2J\u2407');
    expect(renderDiffMarkdown(withEscape, { base: 'a', head: 'b' })).not.toContain('\u001b');
  });

  it('round-trips through JSON', () => {
    expect(JSON.parse(renderDiffJson(d))).toEqual(JSON.parse(JSON.stringify(d)));
  });
});
