import { describe, expect, it } from 'vitest';
import { colors } from '../../compiler/cli/io.js';
import { diffStacks } from '../../compiler/diff/diff-stacks.js';
import { renderDiffJson } from '../../compiler/diff/render-json.js';
import { renderDiffMarkdown } from '../../compiler/diff/render-markdown.js';
import { renderDiffText } from '../../compiler/diff/render-text.js';
import { stackInputs } from '../../compiler/diff/stack-inputs.js';
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

describe('a stack the compile no longer makes', () => {
  it('says, in text and Markdown, that deploy keeps it until --prune', () => {
    const logs = template({ Logs: resource('AWS::Logs::LogGroup', { RetentionInDays: 30 }) });
    const d = diffStacks([stack(logs, { stack: 'logging', env: 'prod' }), stack(template({}), { stack: 'iam', env: 'prod' })], [stack(template({}), { stack: 'iam', env: 'prod' })]);
    const text = renderDiffText(d, { colors: colors(false) });
    expect(text).toContain('  logging (removed): 0 added, 0 changed, 1 removed\n    ! Deploy leaves the deployed stack and its resources in place until `platformc deploy prod --prune` deletes it.\n');
    expect(renderDiffMarkdown(d, { base: 'a', head: 'b' })).toContain('(removed): 0 added, 0 changed, 1 removed · 1 deleted with data</summary>\n\nDeploy leaves the deployed stack and its resources in place until `platformc deploy prod --prune` deletes it.\n');
    // A stack that stays says nothing of the kind.
    expect(text.match(/--prune/g)).toHaveLength(1);
  });
});

describe('an environment gone from the specs', () => {
  const logs = template({ Logs: resource('AWS::Logs::LogGroup', { RetentionInDays: 30 }) });
  const deployed = (env: string, platform = 'demo') => ({ ...stack(logs, { stack: 'logging', env, platform }), account: '111122223333', region: 'eu-west-1' });
  const command = (text: string): string | undefined => /`(platformc deploy [^`]+)`/.exec(text)?.[1];

  it.each([
    ['another environment stays', [deployed('qa'), deployed('prod')], [deployed('prod')], 'platformc deploy qa --prune --account 111122223333 --region eu-west-1'],
    ['the whole platform is gone', [deployed('qa')], [], 'platformc deploy qa --platform demo --prune --account 111122223333 --region eu-west-1'],
    ['another platform shares the output', [deployed('qa'), deployed('prod', 'other')], [deployed('prod', 'other')], 'platformc deploy qa --platform demo --prune --account 111122223333 --region eu-west-1'],
  ] as const)('names where its stacks are when %s', (_name, base, head, expected) => {
    const d = diffStacks(base, head);
    const removed = d.stacks.filter((s) => s.kind === 'removed');
    expect(removed.map((s) => [s.env, s.retired?.account, s.retired?.region])).toEqual([['qa', '111122223333', 'eu-west-1']]);
    expect(command(renderDiffText(d, { colors: colors(false) }))).toBe(expected);
    expect(command(renderDiffMarkdown(d, { base: 'a', head: 'b' }))).toBe(expected);
    // Markdown also says it once, above the stacks, where a reviewer reads first.
    const callouts = renderDiffMarkdown(d, { base: 'a', head: 'b' }).split('\n').filter((l) => l.startsWith('> **Environment removed'));
    expect(callouts).toEqual([`> **Environment removed (demo/qa).** Environment qa is gone from the specs: its stacks stay deployed until \`${expected}\` deletes them.`]);
  });

  it('needs no --platform when only the shown stacks are filtered to the removed environment (diff --env)', () => {
    // As run-diff filters: the removed environment's stacks alone, with the platforms of the whole diff.
    const d = diffStacks([deployed('qa')], [], { head: new Set(['demo']), all: new Set(['demo']) });
    expect(command(renderDiffText(d, { colors: colors(false) }))).toBe('platformc deploy qa --prune --account 111122223333 --region eu-west-1');
  });

  it('reads where an environment is deployed from the base manifest', () => {
    const manifest = { manifestVersion: 1, platform: 'demo', environments: [{ name: 'qa', account: '111122223333', region: 'eu-west-1', protect: true, stacks: [] }] };
    const [input] = stackInputs([
      { path: 'demo/manifest.json', content: JSON.stringify(manifest) },
      { path: 'demo/qa/logging.template.json', content: JSON.stringify(logs) },
    ]);
    expect(input).toMatchObject({ env: 'qa', account: '111122223333', region: 'eu-west-1', protected: true });
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

describe('multi-line text changes', () => {
  const script = (mtu: number, extra = '') => `#!/bin/bash\nset -eu\n${extra}ip link set dev ethvxlan0 mtu '${mtu}'\nip link set dev ethvxlan0 up\necho done\n`;
  const hosts = (mtu: number, extra = '') =>
    template(Object.fromEntries(['HostA', 'HostB'].map((id) => [id, resource('AWS::EC2::Instance', { UserData: { 'Fn::Base64': script(mtu, extra) } })])));
  const d = diffStacks([stack(hosts(8951), { stack: 'hosts' })], [stack(hosts(1450), { stack: 'hosts' })]);

  it('prints the changed lines with a line of context, once for the same change on several resources', () => {
    const text = renderDiffText(d, { colors: colors(false) });
    expect(text).toContain([
      '        Properties.UserData.Fn::Base64: lines changed',
      '          @@ -2,3 +2,3 @@',
      '           set -eu',
      "          -ip link set dev ethvxlan0 mtu '8951'",
      "          +ip link set dev ethvxlan0 mtu '1450'",
      '           ip link set dev ethvxlan0 up',
    ].join('\n'));
    expect(text).toContain('        Properties.UserData.Fn::Base64: the same lines changed as in HostA');
    expect(text).not.toContain('->');
  });

  it('summarizes the text in the Markdown table and shows its changed lines in one diff block naming every resource', () => {
    const md = renderDiffMarkdown(d, { base: 'a', head: 'b' });
    expect(md).toContain('| modified | HostB |  | AWS::EC2::Instance | Properties.UserData.Fn::Base64 | 5 lines | 5 lines, changed lines below |');
    expect(md).toContain("**Properties.UserData.Fn::Base64** of HostA, HostB:\n\n```diff\n@@ -2,3 +2,3 @@\n set -eu\n-ip link set dev ethvxlan0 mtu '8951'\n+ip link set dev ethvxlan0 mtu '1450'\n ip link set dev ethvxlan0 up\n```\n");
    expect(md.match(/```diff/g)).toHaveLength(1);
  });

  it('gives a different change on another resource its own lines', () => {
    const mixed = diffStacks([stack(hosts(8951), { stack: 'hosts' })], [stack(template({
      HostA: resource('AWS::EC2::Instance', { UserData: { 'Fn::Base64': script(1450) } }),
      HostB: resource('AWS::EC2::Instance', { UserData: { 'Fn::Base64': script(8951, 'sysctl -qw net.ipv4.ip_forward=1\n') } }),
    }), { stack: 'hosts' })]);
    const text = renderDiffText(mixed, { colors: colors(false) });
    expect(text).toContain('          +sysctl -qw net.ipv4.ip_forward=1');
    expect(text).not.toContain('the same lines changed');
    expect(renderDiffMarkdown(mixed, { base: 'a', head: 'b' }).match(/```diff/g)).toHaveLength(2);
  });

  it('keeps one-line strings as old -> new', () => {
    const oneLine = diffStacks([stack(template({ T: resource('AWS::SNS::Topic', { DisplayName: 'a' }) }))], [stack(template({ T: resource('AWS::SNS::Topic', { DisplayName: 'b' }) }))]);
    expect(renderDiffText(oneLine, { colors: colors(false) })).toContain('Properties.DisplayName: a -> b');
  });
});

describe('interruptions in every rendering', () => {
  const host = (type: string) => template({ Host: resource('AWS::EC2::Instance', { InstanceType: type }) });
  const d = diffStacks([stack(host('c5.metal'), { stack: 'hosts' })], [{ ...stack(host('c5n.metal'), { stack: 'hosts' }), sources: { Host: 'specs/demo.platform.yaml:20:5' } }]);

  it('flags the environment and names the resource with what happens to it', () => {
    const text = renderDiffText(d, { colors: colors(false) });
    expect(text).toContain('demo/dev: 0 added, 1 changed, 0 removed · 1 interrupted');
    expect(text).toContain('! Host (specs/demo.platform.yaml:20:5) AWS::EC2::Instance stopped and started: Properties.InstanceType');
    const md = renderDiffMarkdown(d, { base: 'a', head: 'b' });
    expect(md).toContain('| demo | dev | 0 | 1 | 0 | no | no | 0 | 1 |');
    expect(md).toContain('> **Interruptions.** 1 resource is updated in place with an interruption (an instance is stopped and started): `demo/dev/Host`.');
    expect(md).toContain('| Host | `specs/demo.platform.yaml:20:5` | AWS::EC2::Instance | stopped and started: Properties.InstanceType |');
  });
});
