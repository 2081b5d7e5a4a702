/**
 * `platformc diff --format github`: every broadening, replacement, interruption and export in use as a GitHub annotation on
 * the spec line of its resource, one per finding across environments; a removed stack or environment as a note. @actions/core is the oracle for the text of
 * each command.
 */
import { describe, expect, it } from 'vitest';
import { diffStacks } from '../../compiler/diff/diff-stacks.js';
import { iamText } from '../../compiler/diff/describe.js';
import { renderDiffAnnotations } from '../../compiler/diff/render-github.js';
import { toolkitAnnotation } from '../support/actions-toolkit.js';
import { allow, role, securityGroup, stack, tcp, template } from './builders.js';
import { diffFixture } from './fixture-diff.js';

describe('diff as GitHub annotations', () => {
  it('puts a fixture\'s IAM finding on the spec line of the statement that grants it, exactly as @actions/core would write it', () => {
    const diff = diffFixture('iam-action-added');
    const iam = diff.stacks.find((s) => s.stack === 'iam');
    const finding = iam?.iam[0];
    // The statement's line from the source map, below the role's own.
    const [file, line, col] = (finding?.location ?? '').split(':');
    const [, roleLine] = (iam?.sources['LogShipperRole'] ?? '').split(':');
    expect(Number(line)).toBeGreaterThan(Number(roleLine));
    expect(finding).toBeDefined();
    expect(renderDiffAnnotations(diff)).toBe(toolkitAnnotation('warning', `fixture/dev/iam: LogShipperRole ${finding?.policy}: ${finding ? iamText(finding) : ''}`, {
      title: 'IAM broadening', file: file ?? '', startLine: Number(line), startColumn: Number(col),
    }));
  });

  it('puts an instance that is stopped and started on its spec line as a notice, exactly as @actions/core would write it', () => {
    const diff = diffFixture('overlay-mtu-changed');
    const hosts = diff.stacks.find((s) => s.stack === 'hosts');
    const [file, line, col] = (hosts?.sources['RouterInstance'] ?? '').split(':');
    const overlay = hosts?.interruptions.find((i) => i.logicalId === 'RouterInstance')?.from?.[0]?.location ?? 'no overlay location';
    expect(renderDiffAnnotations(diff)).toContain(toolkitAnnotation('notice', `fixture/dev/hosts: RouterInstance (AWS::EC2::Instance) stopped and started: Properties.InstanceType, Properties.UserData (made from network.overlay at ${overlay})`, {
      title: 'Update with interruption', file: file ?? '', startLine: Number(line), startColumn: Number(col),
    }));
  });

  it('makes one annotation of the same finding in several environments, naming them, in spec order', () => {
    const envs = ['dev', 'dr', 'prod'];
    const sources = { Reader: 'specs/demo.platform.yaml:40:5', Sg: 'specs/demo.platform.yaml:9:7' };
    const base = envs.flatMap((env) => [
      stack(template({ Reader: role([allow('s3:GetObject', 'arn:aws:s3:::b/*')]) }), { env, stack: 'iam' }),
      stack(template({ Sg: securityGroup([tcp(8080, '10.0.0.0/24')]) }), { env, stack: 'network' }),
    ]);
    const head = envs.flatMap((env) => [
      { ...stack(template({ Reader: role([allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::b/*')]) }), { env, stack: 'iam' }), sources },
      { ...stack(template({ Sg: securityGroup([tcp(8080, '0.0.0.0/0')]) }), { env, stack: 'network' }), sources },
    ]);
    const lines = renderDiffAnnotations(diffStacks(base, head)).split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^::warning title=Network broadening,file=specs\/demo\.platform\.yaml,line=9,col=7::demo\/dev\/network: Sg: /);
    expect(lines[0]).toContain('%0A(also in demo/dr/network, demo/prod/network)');
    expect(lines[1]).toMatch(/^::warning title=IAM broadening,file=specs\/demo\.platform\.yaml,line=40,col=5::demo\/dev\/iam: Reader /);
    expect(lines[1]).toContain('%0A(also in demo/dr/iam, demo/prod/iam)');
  });

  it('says once for a removed environment, and per stack otherwise, that deploy keeps what goes away', () => {
    const topic = template({ T: { Type: 'AWS::SNS::Topic' } });
    const deployed = (env: string, name: string) => ({ ...stack(topic, { env, stack: name }), account: '111122223333', region: 'us-east-1' });
    const base = [deployed('qa', 'iam'), deployed('qa', 'network'), deployed('prod', 'iam'), deployed('prod', 'hosts-2')];
    const head = [deployed('prod', 'iam')];
    expect(renderDiffAnnotations(diffStacks(base, head))).toBe([
      toolkitAnnotation('warning', 'demo/qa/iam: Environment qa is gone from the specs: its stacks stay deployed until `platformc deploy qa --prune --account 111122223333 --region us-east-1` deletes them.\n(also in demo/qa/network)', { title: 'Environment removed' }),
      toolkitAnnotation('notice', 'demo/prod/hosts-2: Deploy leaves the deployed stack and its resources in place until `platformc deploy prod --prune` deletes it.', { title: 'Stack removed' }),
    ].join(''));
  });

  it('prints nothing when nothing broadens or is replaced', () => {
    expect(renderDiffAnnotations(diffFixture('retention-changed'))).toBe('');
    expect(renderDiffAnnotations(diffStacks([], []))).toBe('');
  });
});
