/**
 * End to end against a real moto server with the real SDK: first deploy creates every stack, an immediate
 * re-deploy creates no change set at all, a retention change previews as a Modify of the log group, a resource
 * moto fails on ends in exit 1 with its reason, the wrong account is refused, a protected environment asks, and
 * an instance whose user data changes is named as stopped and started, one removed as deleted with its data.
 */
import { describe, expect, it } from 'vitest';
import { demoEnv } from './fixture-builder.js';
import { deploy } from './harness.js';
import { rewrite } from './fault-proxy.js';
import { useMotoSession } from './moto-session.js';

/** A change set's ResourceChangeDetail in the query protocol's XML. */
const detail = (name: string, source: string, entity?: string): string =>
  `<member><Target><Attribute>Properties</Attribute><Name>${name}</Name><RequiresRecreation>Conditionally</RequiresRecreation></Target>`
  + `<Evaluation>Static</Evaluation><ChangeSource>${source}</ChangeSource>${entity === undefined ? '' : `<CausingEntity>${entity}</CausingEntity>`}</member>`;

const ACCOUNT = '111111111111';
const session = useMotoSession({ account: ACCOUNT });

describe('deploy against moto', () => {
  it('creates every stack on the first deploy, in dependency order', async () => {
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.report.stacks.map((s) => [s.stack, s.result])).toEqual([
      ['iam', 'created'],
      ['network', 'created'],
      ['logging', 'created'],
      ['hosts', 'created'],
    ]);
    expect(session.proxy.count('CreateChangeSet')).toBe(4);
    expect(session.proxy.count('ExecuteChangeSet')).toBe(4);
    // hosts waits for both stacks it depends on: its change set comes after their executions.
    const executed = (stack: string): number => session.proxy.log.findIndex((c) => c.action === 'ExecuteChangeSet' && c.target === stack);
    const hostsChangeSet = session.proxy.log.findIndex((c) => c.action === 'CreateChangeSet' && c.target === 'demo-dev-hosts');
    expect(executed('demo-dev-iam')).toBeGreaterThan(-1);
    expect(hostsChangeSet).toBeGreaterThan(executed('demo-dev-iam'));
    expect(hostsChangeSet).toBeGreaterThan(executed('demo-dev-network'));
    expect(run.report.stacks.find((s) => s.stack === 'hosts')?.changes.map((c) => c.logicalId)).toEqual(['HostGroup']);
  });

  it('creates zero change sets when re-deploying what is deployed', async () => {
    expect((await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true })).code).toBe(0);
    session.proxy.reset();
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true });
    expect(run.code).toBe(0);
    expect(run.report.stacks.every((s) => s.result === 'unchanged')).toBe(true);
    expect(session.proxy.count('CreateChangeSet')).toBe(0);
    expect(session.proxy.count('ExecuteChangeSet')).toBe(0);
    expect(run.report.changeSetsCreated).toBe(0);
  });

  it('previews a retention change as a Modify of the log group, with its spec line', async () => {
    expect((await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true })).code).toBe(0);
    session.fixture.write([demoEnv({ retentionDays: 90 })]);
    session.proxy.reset();
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, dryRun: true });
    expect(run.code).toBe(0);
    const logging = run.report.stacks.find((s) => s.stack === 'logging');
    expect(logging?.result).toBe('discarded');
    expect(logging?.changes).toEqual([
      { action: 'Modify', logicalId: 'HostLogs', resourceType: 'AWS::Logs::LogGroup', location: 'specs/demo.platform.yaml:10:3' },
    ]);
    expect(run.report.stacks.filter((s) => s.stack !== 'logging').every((s) => s.result === 'unchanged')).toBe(true);
    expect(session.proxy.count('CreateChangeSet')).toBe(1);
    expect(session.proxy.count('DeleteChangeSet')).toBe(1);
    expect(session.proxy.count('ExecuteChangeSet')).toBe(0);
    expect(run.stderr).toMatch(/Modify\s+HostLogs\s+AWS::Logs::LogGroup/);
  });

  it('asks reviewers to read IAM and network broadening first', async () => {
    expect((await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true })).code).toBe(0);
    const env = demoEnv();
    const broader = {
      ...env,
      stacks: env.stacks.map((s) => {
        if (s.name === 'hosts') {
          const group = { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: { 'Fn::Sub': 'hosts of ${ImageId}' }, SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' }] } };
          return { ...s, resources: { HostGroup: group } };
        }
        if (s.name === 'iam') {
          const role = s.resources.HostRole;
          const policies = [{ PolicyName: 'archive', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } }];
          return { ...s, resources: { ...s.resources, HostRole: { ...role, Type: 'AWS::IAM::Role', Properties: { ...role?.Properties, Policies: policies } } } };
        }
        return s;
      }),
    };
    session.fixture.write([broader]);
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, dryRun: true });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Review first (may broaden access):');
    // Each with the spec line it comes from, for whoever approves.
    expect(run.stderr).toMatch(/demo-dev-iam: IAM HostRole \(specs\/demo\.platform\.yaml:\d+:\d+\): .*s3:\*/);
    expect(run.stderr).toMatch(/demo-dev-hosts: network HostGroup \(specs\/demo\.platform\.yaml:\d+:\d+\): .*0\.0\.0\.0\/0/);
  });

  it('names the instances an update stops and starts (new user data), and what a change set says changes them', async () => {
    const withHost = (script: string) => {
      const env = demoEnv();
      const host = { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-12c6146b', InstanceType: 't3.micro', UserData: { 'Fn::Base64': script } } };
      return { ...env, stacks: env.stacks.map((s) => (s.name === 'hosts' ? { ...s, resources: { ...s.resources, Host: host } } : s)) };
    };
    session.fixture.write([withHost('#!/bin/bash\necho one\n')]);
    const first = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true });
    expect(first.code, first.stderr).toBe(0);
    session.fixture.write([withHost('#!/bin/bash\necho two\n')]);
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, dryRun: true });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('Interrupted during the update:\n  ! demo-dev-hosts/Host stopped and started: Properties.UserData\n');
    expect(run.stderr).not.toContain('Review first');
    // moto's change sets carry no details; CloudFormation's say what changes and why. With the details a real
    // change set has when the image's SSM parameter now holds another AMI, the preview names the cause.
    session.proxy.rules = [{
      action: 'DescribeChangeSet',
      handle: rewrite((body) => body.replace('<LogicalResourceId>Host</LogicalResourceId>', `<LogicalResourceId>Host</LogicalResourceId><Replacement>True</Replacement><Details>${[
        detail('ImageId', 'ParameterReference', 'ImageId'), detail('UserData', 'DirectModification'),
      ].join('')}</Details>`)),
    }];
    const detailed = await deploy(session.fixture, { endpointUrl: session.proxy.url, dryRun: true });
    expect(detailed.code, detailed.stderr).toBe(0);
    expect(detailed.report.stacks.find((s) => s.stack === 'hosts')?.changes.find((c) => c.logicalId === 'Host')?.cause).toBe('ImageId (parameter ImageId), UserData');
    expect(detailed.stderr).toMatch(/Modify\s+Host\s+AWS::EC2::Instance\s+True\s+ImageId \(parameter ImageId\), UserData/);
    expect(detailed.stderr).toContain('Replaced (new physical resource): demo-dev-hosts/Host');
    expect(detailed.stderr, 'a replaced instance is not also listed as stopped and started').not.toContain('Interrupted during the update');

    // Taken out of the template, the instance goes with its disks: the preview says so.
    session.proxy.rules = [];
    session.fixture.write([demoEnv()]);
    const removed = await deploy(session.fixture, { endpointUrl: session.proxy.url, dryRun: true });
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stderr).toContain('Deleted with their data:\n  ! demo-dev-hosts/Host deleted with its data (root and instance-store disks lost)\n');
  });

  it('refuses credentials of another account', async () => {
    session.fixture.write([demoEnv({ account: '222222222222' })]);
    const run = await deploy(session.fixture, { endpointUrl: session.proxy.url, yes: true });
    expect(run.code).toBe(1);
    expect(run.report.errors[0]?.code).toBe('DEPLOY001');
    expect(run.report.errors[0]?.message).toContain('111111111111');
    expect(session.proxy.count('DescribeStacks')).toBe(0);
    expect(session.proxy.count('CreateChangeSet')).toBe(0);
  });
});
