/**
 * deploy waits as long for a stack as its hypervisors take to change in rounds (a rolling batch): the rounds are
 * read from the template's DependsOn chain of instances, the bound is never less than --timeout.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { waitBoundMs } from '../../compiler/deploy/context.js';
import { loadEnvironmentPlan } from '../../compiler/deploy/load-plan.js';
import { instanceRounds } from '../../compiler/model/rolling-time.js';
import { colors } from '../../compiler/cli/io.js';
import { renderPreview } from '../../compiler/deploy/preview.js';
import type { StackReport } from '../../compiler/deploy/report.js';

const instance = (dependsOn?: string | string[]) => ({ Type: 'AWS::EC2::Instance', ...(dependsOn === undefined ? {} : { DependsOn: dependsOn }) });

describe('instance rounds', () => {
  it.each<[string, Record<string, { Type?: unknown; DependsOn?: unknown } | null>, number]>([
    ['no instance waits', { A: instance(), B: instance(), Role: { Type: 'AWS::IAM::Role' } }, 1],
    ['one at a time', { H1: instance(), H2: instance('H1'), H3: instance(['H2']), H4: instance('H3') }, 4],
    ['two at a time', { H1: instance(), H2: instance(), H3: instance('H1'), H4: instance('H2'), H5: instance('H3') }, 3],
    ['a wait for something else is no round', { H1: instance('LaunchTemplate'), LaunchTemplate: { Type: 'AWS::EC2::LaunchTemplate' } }, 1],
    ['a cycle (CloudFormation refuses it) ends', { A: instance('B'), B: instance('A') }, 2],
    ['no resources', {}, 1],
  ])('%s', (_, resources, rounds) => {
    expect(instanceRounds(resources)).toBe(rounds);
  });
});

describe('wait bound', () => {
  it.each([
    [1, 60_000, 60_000],
    [4, 60_000, 105 * 60_000],
    [4, 200 * 60_000, 200 * 60_000],
  ])('%i rounds with --timeout %i ms: %i ms', (rollingRounds, timeoutMs, bound) => {
    expect(waitBoundMs({ timeoutMs }, { rollingRounds })).toBe(bound);
  });

  it('reads the rounds of the bundled example: prod rolls its four hypervisors one at a time, dev all at once', () => {
    const generatedDir = join(import.meta.dirname, '../../generated');
    const rounds = (env: string) => Object.fromEntries(loadEnvironmentPlan({ generatedDir, platform: 'cloudstack', env }).stacks.map((s) => [s.name, s.rollingRounds]));
    expect(rounds('prod')).toMatchObject({ hosts: 4, network: 1, iam: 1 });
    expect(rounds('dev')).toMatchObject({ hosts: 1 });
  });
});

describe('the preview', () => {
  const report = (stackName: string, result: StackReport['result']): StackReport => ({ stack: stackName, stackName, result, changeSetType: 'UPDATE', changes: [], outputs: [], protection: [] });
  const rolling = [
    { stackName: 'demo-prod-hosts', rounds: 4, waitMinutes: 105 },
    { stackName: 'demo-prod-hosts-2', rounds: 3, waitMinutes: 90 },
  ];

  it('says which changing stacks roll their hypervisors, in how many rounds, and how long deploy waits', () => {
    const text = renderPreview([report('demo-prod-hosts', 'planned'), report('demo-prod-hosts-2', 'unchanged')], colors(false), { rolling });
    expect(text).toContain('Rolling:\n  demo-prod-hosts: its hypervisors change in up to 4 rounds, one after another (deploy waits up to 105 min)\n');
    expect(text).not.toContain('demo-prod-hosts-2: its hypervisors');
  });

  it('says nothing of rolling when no rolling stack changes', () => {
    expect(renderPreview([report('demo-prod-hosts', 'unchanged')], colors(false), { rolling })).not.toContain('Rolling:');
  });
});
