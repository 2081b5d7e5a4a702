import { describe, expect, it } from 'vitest';
import { colors } from '../../compiler/cli/io.js';
import { diffStacks } from '../../compiler/diff/diff-stacks.js';
import { renderDiffMarkdown } from '../../compiler/diff/render-markdown.js';
import { renderDiffText } from '../../compiler/diff/render-text.js';
import type { JsonObject } from '../../compiler/model/cfn.js';
import { allow, policy, resource, role, securityGroup, stack, tcp, template } from './builders.js';

describe('IAM broadening', () => {
  const table = [
    { name: 'action added', before: [allow('s3:GetObject', 'arn:aws:s3:::b/*')], after: [allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::b/*')], kind: 'action-added' },
    { name: 'resource widened to a wildcard', before: [allow('s3:GetObject', 'arn:aws:s3:::b/*')], after: [allow('s3:GetObject', '*')], kind: 'resource-widened' },
    { name: 'statement added', before: [allow('s3:GetObject', 'arn:aws:s3:::b/*')], after: [allow('s3:GetObject', 'arn:aws:s3:::b/*'), allow('ec2:Describe*')], kind: 'statement-added' },
    { name: 'condition removed', before: [{ ...allow('s3:GetObject'), Condition: { Bool: { 'aws:SecureTransport': 'true' } } }], after: [allow('s3:GetObject')], kind: 'condition-relaxed' },
  ] as const;
  for (const row of table) {
    it(`finds ${row.name}`, () => {
      const d = diffStacks([stack(template({ R: role(row.before) }))], [stack(template({ R: role(row.after) }))]);
      expect(d.broadening).toBe(true);
      expect(d.stacks[0]?.iam.map((f) => f.kind)).toContain(row.kind);
    });
  }

  it('does not flag narrowing or an action already covered by a wildcard', () => {
    const d = diffStacks(
      [stack(template({ R: role([allow('s3:*', '*')]) }))],
      [stack(template({ R: role([allow(['s3:GetObject', 's3:ListBucket'], '*')]) }))],
    );
    expect(d.broadening).toBe(false);
    expect(d.stacks[0]?.resources[0]?.kind).toBe('modified');
  });

  it('finds a trusted principal added, a boundary removed and a managed policy attached', () => {
    const trust = (principals: readonly string[]) => policy({ Effect: 'Allow', Principal: { AWS: principals }, Action: 'sts:AssumeRole' });
    const before = role([], { AssumeRolePolicyDocument: trust(['arn:aws:iam::111111111111:root']) });
    const { PermissionsBoundary: _b, ...props } = role([], {
      AssumeRolePolicyDocument: trust(['arn:aws:iam::111111111111:root', 'arn:aws:iam::222222222222:root']),
      ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
    }).Properties ?? {};
    const d = diffStacks([stack(template({ R: before }))], [stack(template({ R: resource('AWS::IAM::Role', props) }))]);
    expect(d.stacks[0]?.iam.map((f) => f.kind).sort()).toEqual(['boundary-removed', 'managed-policy-attached', 'principal-added']);
  });

  it('points a finding at the statement that grants it, and at the resource where the source map has no statement', () => {
    const before = role([allow('logs:PutLogEvents'), allow('s3:GetObject', 'arn:aws:s3:::b/*')]);
    const after = role([allow('logs:PutLogEvents'), allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::b/*')]);
    const statementSources = {
      'R/Properties.Policies.0.PolicyDocument.Statement.0': 'specs/a.platform.yaml:30:11',
      'R/Properties.Policies.0.PolicyDocument.Statement.1': 'specs/a.platform.yaml:32:11',
    };
    const mapped = diffStacks([stack(template({ R: before }))], [{ ...stack(template({ R: after })), sources: { R: 'specs/a.platform.yaml:26:5' }, statementSources }]);
    expect(mapped.stacks[0]?.iam.map((f) => [f.kind, f.actions, f.location])).toEqual([['action-added', ['s3:PutObject'], 'specs/a.platform.yaml:32:11']]);
    expect(renderDiffText(mapped, { colors: colors(false) })).toContain('IAM action-added R (specs/a.platform.yaml:32:11)');
    const unmapped = diffStacks([stack(template({ R: before }))], [{ ...stack(template({ R: after })), sources: { R: 'specs/a.platform.yaml:26:5' } }]);
    expect(unmapped.stacks[0]?.iam[0]?.location).toBeUndefined();
    expect(renderDiffText(unmapped, { colors: colors(false) })).toContain('IAM action-added R (specs/a.platform.yaml:26:5)');
  });

  it('finds a deny removed from the boundary', () => {
    const boundary = (denies: readonly string[]) =>
      resource('AWS::IAM::ManagedPolicy', {
        ManagedPolicyName: 'demo-dev-boundary',
        PolicyDocument: policy(allow('*'), ...denies.map((a) => ({ Effect: 'Deny', Action: a, Resource: '*' }))),
      });
    const d = diffStacks([stack(template({ B: boundary(['iam:CreateUser', 'iam:DeleteRolePermissionsBoundary']) }))], [stack(template({ B: boundary(['iam:CreateUser']) }))]);
    const finding = d.stacks[0]?.iam[0];
    expect(finding?.kind).toBe('deny-removed');
    expect(finding?.actions).toEqual(['iam:DeleteRolePermissionsBoundary']);
    expect(finding?.detail).toContain('permission boundary');
  });
});

describe('network broadening', () => {
  const table = [
    { name: 'a new CIDR', before: [tcp(8080, '10.0.0.0/24')], after: [tcp(8080, '10.0.0.0/24'), tcp(8080, '192.0.2.0/24')], kind: 'rule-added', open: false },
    { name: 'a widened CIDR', before: [tcp(8080, '10.0.0.0/24')], after: [tcp(8080, '10.0.0.0/16')], kind: 'cidr-widened', open: false },
    { name: 'the internet', before: [tcp(8080, '10.0.0.0/24')], after: [tcp(8080, '0.0.0.0/0')], kind: 'cidr-widened', open: true },
    { name: 'a widened port range', before: [tcp(8080, '10.0.0.0/24')], after: [tcp([8000, 8100], '10.0.0.0/24')], kind: 'port-range-widened', open: false },
  ] as const;
  for (const row of table) {
    it(`finds ${row.name}`, () => {
      const d = diffStacks([stack(template({ Sg: securityGroup(row.before) }), { stack: 'network' })], [stack(template({ Sg: securityGroup(row.after) }), { stack: 'network' })]);
      expect(d.stacks[0]?.network.map((f) => [f.kind, f.open])).toEqual([[row.kind, row.open]]);
      expect(d.broadening).toBe(true);
    });
  }

  it('does not flag a narrowed rule, and reads CIDRs from the parameter file', () => {
    const sg = securityGroup([{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, CidrIp: { Ref: 'ClientCidr' } }]);
    const narrow = diffStacks(
      [stack(template({ Sg: sg }), { stack: 'network', parameters: { ClientCidr: '10.0.0.0/16' } })],
      [stack(template({ Sg: sg }), { stack: 'network', parameters: { ClientCidr: '10.0.1.0/24' } })],
    );
    expect(narrow.broadening).toBe(false);
    expect(narrow.stacks[0]?.parameters[0]).toMatchObject({ name: 'ClientCidr', kind: 'modified', old: '10.0.0.0/16', new: '10.0.1.0/24' });
    const wide = diffStacks(
      [stack(template({ Sg: sg }), { stack: 'network', parameters: { ClientCidr: '10.0.1.0/24' } })],
      [stack(template({ Sg: sg }), { stack: 'network', parameters: { ClientCidr: '0.0.0.0/0' } })],
    );
    expect(wide.stacks[0]?.network[0]).toMatchObject({ kind: 'cidr-widened', open: true });
  });

  it.each([
    ['2', 'igmp', 'all'],
    ['6', 'tcp', '8080'],
    ['-1', 'all', 'all'],
    ['47', 'gre', 'all'],
    ['99', '99', 'all'],
  ])('names IP protocol %s as %s', (number, name, ports) => {
    const rule: JsonObject = number === '6' ? { IpProtocol: number, FromPort: 8080, ToPort: 8080, CidrIp: '0.0.0.0/32' } : { IpProtocol: number, CidrIp: '0.0.0.0/32' };
    const d = diffStacks([stack(template({ Sg: securityGroup([]) }), { stack: 'network' })], [stack(template({ Sg: securityGroup([rule]) }), { stack: 'network' })]);
    expect(d.stacks[0]?.network.map((f) => [f.kind, f.protocol, f.ports])).toEqual([['rule-added', name, ports]]);
  });

  it('finds a standalone ingress resource and a new route', () => {
    const d = diffStacks(
      [stack(template({}), { stack: 'network' })],
      [stack(template({
        In: resource('AWS::EC2::SecurityGroupIngress', { GroupId: { 'Fn::GetAtt': ['Sg', 'GroupId'] }, IpProtocol: 'udp', FromPort: 4789, ToPort: 4789, SourceSecurityGroupId: { Ref: 'Sg' } }),
        Rt: resource('AWS::EC2::Route', { RouteTableId: { Ref: 'Table' }, DestinationCidrBlock: '100.64.0.0/16', NetworkInterfaceId: { Ref: 'RouterEni' } }),
      }), { stack: 'network' })],
    );
    expect(d.stacks[0]?.network.map((f) => [f.kind, f.target, f.peer])).toEqual([
      ['rule-added', 'Sg', 'sg:Sg'],
      ['route-added', 'Table', '100.64.0.0/16 via NetworkInterfaceId RouterEni'],
    ]);
  });
});

describe('replacement risk', () => {
  const network = (cidr: string) =>
    template(
      {
        Vpc: resource('AWS::EC2::VPC', { CidrBlock: cidr }),
        Subnet: resource('AWS::EC2::Subnet', { VpcId: { Ref: 'Vpc' }, CidrBlock: cidr.replace('/16', '/24') }),
        Table: resource('AWS::EC2::RouteTable', { VpcId: { Ref: 'Vpc' } }),
      },
      { Outputs: { SubnetId: { Value: { Ref: 'Subnet' }, Export: { Name: 'demo-dev-network-SubnetId' } } } },
    );
  const hosts = template({
    Router: resource('AWS::EC2::Instance', { ImageId: { Ref: 'ImageId' }, SubnetId: { 'Fn::ImportValue': 'demo-dev-network-SubnetId' } }),
    Data: resource('AWS::EC2::Volume', { AvailabilityZone: 'eu-west-1a', Size: 100 }),
    Role: resource('AWS::IAM::Role', { RoleName: 'demo-dev-router' }),
  });

  it('follows a VPC CIDR change through the subnet to the instances of another stack', () => {
    const d = diffStacks(
      [stack(network('10.0.0.0/16'), { stack: 'network' }), stack(hosts, { stack: 'hosts' })],
      [stack(network('10.1.0.0/16'), { stack: 'network' }), stack(hosts, { stack: 'hosts' })],
    );
    const replaced = d.stacks.flatMap((s) => s.replacements.map((r) => [s.stack, r.logicalId, r.cause, r.stateful]));
    expect(replaced).toEqual([
      ['hosts', 'Router', 'dependency', true],
      ['network', 'Subnet', 'property', false],
      ['network', 'Table', 'dependency', false],
      ['network', 'Vpc', 'property', false],
    ]);
    expect(d.environments[0]).toMatchObject({ replacements: 4, statefulReplacements: 1, iamBroadening: false });
  });

  it('replaces on a parameter feeding a replacement property, and on a type change', () => {
    const d = diffStacks(
      [stack(hosts, { stack: 'hosts', parameters: { ImageId: 'ami-1' } })],
      [stack(template({ ...hosts.Resources, Data: resource('AWS::EC2::Instance', {}) }), { stack: 'hosts', parameters: { ImageId: 'ami-2' } })],
    );
    expect(d.stacks[0]?.replacements.map((r) => [r.logicalId, r.cause, r.because])).toEqual([
      ['Data', 'type-changed', 'type changed from AWS::EC2::Volume'],
      ['Router', 'property', 'Properties.ImageId (parameter ImageId)'],
    ]);
  });

  it('replaces an instance whose launch template gets a new version', () => {
    const lt = (size: number) => resource('AWS::EC2::LaunchTemplate', { LaunchTemplateData: { BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: size } }] } });
    const instance = resource('AWS::EC2::Instance', { LaunchTemplate: { LaunchTemplateId: { Ref: 'Lt' }, Version: { 'Fn::GetAtt': ['Lt', 'LatestVersionNumber'] } } });
    const d = diffStacks([stack(template({ Lt: lt(100), Host: instance }), { stack: 'hosts' })], [stack(template({ Lt: lt(200), Host: instance }), { stack: 'hosts' })]);
    expect(d.stacks[0]?.replacements.map((r) => [r.logicalId, r.because, r.stateful])).toEqual([
      ['Host', 'Properties.LaunchTemplate reads Lt.LatestVersionNumber, which changes with every update of Lt', true],
    ]);
  });

  it('never counts a new resource as replaced', () => {
    const before = template({ Vpc: resource('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' }) });
    const after = template({
      Vpc: resource('AWS::EC2::VPC', { CidrBlock: '10.1.0.0/16' }),
      Subnet: resource('AWS::EC2::Subnet', { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.1.0.0/24' }),
    });
    const d = diffStacks([stack(before, { stack: 'network' })], [stack(after, { stack: 'network' })]);
    expect(d.stacks[0]?.replacements.map((r) => r.logicalId)).toEqual(['Vpc']);
  });

  it('reports an export whose value changes while another stack imports it', () => {
    const producer = (value: string) => template({}, { Outputs: { Zone: { Value: value, Export: { Name: 'demo-dev-dns-Zone' } } } });
    const consumer = template({ R: resource('AWS::Route53::RecordSet', { HostedZoneId: { 'Fn::ImportValue': 'demo-dev-dns-Zone' } }) });
    const d = diffStacks(
      [stack(producer('Z1'), { stack: 'dns' }), stack(consumer, { stack: 'hosts' })],
      [stack(producer('Z2'), { stack: 'dns' }), stack(consumer, { stack: 'hosts' })],
    );
    expect(d.stacks.find((s) => s.stack === 'dns')?.exportsInUse).toEqual([
      { output: 'Zone', exportName: 'demo-dev-dns-Zone', importers: ['hosts'], because: 'its value changes' },
    ]);
  });
});

describe('updates with interruption', () => {
  const instance = (props: Record<string, unknown>) =>
    resource('AWS::EC2::Instance', { ImageId: 'ami-1', InstanceType: 'c5.metal', UserData: { 'Fn::Base64': '#!/bin/bash\necho one\n' }, SecurityGroupIds: ['sg-1'], ...props });
  const table = [
    { name: 'new user data stops and starts the instance', after: { UserData: { 'Fn::Base64': '#!/bin/bash\necho two\n' } }, interrupted: ['Properties.UserData'], replaced: false },
    { name: 'a new instance type stops and starts it', after: { InstanceType: 'c5n.metal' }, interrupted: ['Properties.InstanceType'], replaced: false },
    { name: 'EBS optimization stops and starts it', after: { EbsOptimized: true }, interrupted: ['Properties.EbsOptimized'], replaced: false },
    { name: 'new security groups change in place', after: { SecurityGroupIds: ['sg-2'] }, interrupted: [], replaced: false },
    { name: 'a replaced instance is listed as replaced only', after: { ImageId: 'ami-2', InstanceType: 'c5n.metal' }, interrupted: [], replaced: true },
  ] as const;
  for (const row of table) {
    it(row.name, () => {
      const d = diffStacks([stack(template({ Host: instance({}) }))], [stack(template({ Host: instance(row.after) }))]);
      expect(d.stacks[0]?.interruptions.flatMap((i) => i.because) ?? []).toEqual(row.interrupted);
      expect((d.stacks[0]?.replacements.length ?? 0) > 0).toBe(row.replaced);
      expect(d.environments[0]?.interruptions).toBe(row.interrupted.length > 0 ? 1 : 0);
    });
  }

  it('says what happens to the resource', () => {
    const d = diffStacks([stack(template({ Host: instance({}) }))], [stack(template({ Host: instance({ InstanceType: 'c5n.metal' }) }))]);
    expect(d.stacks[0]?.interruptions).toEqual([{ logicalId: 'Host', type: 'AWS::EC2::Instance', interruption: 'stopped and started', because: ['Properties.InstanceType'] }]);
  });
});

describe('replacement by a parameter resolved from SSM', () => {
  const host = resource('AWS::EC2::Instance', { ImageId: { Ref: 'ImageId' } });
  const hosts = (type: string) => template({ Host: host }, { Parameters: { ImageId: { Type: type } } });
  const SSM = 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>';

  it('is only possible when the parameter was or is an SSM name (the deployed AMI may be the one pinned now)', () => {
    const d = diffStacks(
      [stack(hosts(SSM), { stack: 'hosts', parameters: { ImageId: '/platform/ami' } })],
      [stack(hosts('AWS::EC2::Image::Id'), { stack: 'hosts', parameters: { ImageId: 'ami-0123456789abcdef0' } })],
    );
    expect(d.stacks[0]?.replacements.map((r) => [r.logicalId, r.because, r.conditional])).toEqual([
      ['Host', 'Properties.ImageId (parameter ImageId, resolved from SSM at deploy)', true],
    ]);
  });

  it('is certain when both values are AMI ids', () => {
    const d = diffStacks(
      [stack(hosts('AWS::EC2::Image::Id'), { stack: 'hosts', parameters: { ImageId: 'ami-0123456789abcdef0' } })],
      [stack(hosts('AWS::EC2::Image::Id'), { stack: 'hosts', parameters: { ImageId: 'ami-0123456789abcdef1' } })],
    );
    expect(d.stacks[0]?.replacements.map((r) => [r.because, r.conditional])).toEqual([['Properties.ImageId (parameter ImageId)', false]]);
  });
});

describe('pipeline stages', () => {
  const stage = (name: string, project = 'Build'): JsonObject => ({ Name: name, Actions: [{ Name: 'Run', ActionTypeId: { Category: 'Build' }, Configuration: { ProjectName: project } }] });
  const pipeline = (...stages: JsonObject[]) => template({ P: resource('AWS::CodePipeline::Pipeline', { Stages: stages }) });
  const changes = (a: JsonObject[], b: JsonObject[]) =>
    diffStacks([stack(pipeline(...a))], [stack(pipeline(...b))]).stacks[0]?.resources[0]?.changes.map((c) => [c.path.join('/'), c.kind, c.old, c.new]) ?? [];

  it('matches stages and actions by name: a stage inserted in front is one added stage', () => {
    expect(changes([stage('Source'), stage('Deploy')], [stage('Source'), stage('Validate'), stage('Deploy')]).map(([p, k]) => [p, k])).toEqual([
      ['Properties/Stages/Name=Validate', 'added'],
    ]);
    expect(changes([stage('Deploy', 'A')], [stage('Deploy', 'B')])).toEqual([['Properties/Stages/Name=Deploy/Actions/Name=Run/Configuration/ProjectName', 'modified', 'A', 'B']]);
  });

  it('reports stages that keep their names but run in another order as one change of the order', () => {
    expect(changes([stage('Source'), stage('Dev'), stage('Prod')], [stage('Source'), stage('Prod'), stage('Dev')])).toEqual([
      ['Properties/Stages', 'modified', ['Source', 'Dev', 'Prod'], ['Source', 'Prod', 'Dev']],
    ]);
  });
});

describe('stateful deletions', () => {
  const table = [
    { name: 'an instance and its disks', resource: resource('AWS::EC2::Instance', {}), lost: ['root and instance-store disks'] },
    { name: 'a log group without a policy', resource: resource('AWS::Logs::LogGroup', {}), lost: ['log events'] },
    { name: 'a bucket kept by its DeletionPolicy', resource: { ...resource('AWS::S3::Bucket', {}), DeletionPolicy: 'Retain' as const }, lost: [] },
    { name: 'a volume snapshotted by its DeletionPolicy', resource: { ...resource('AWS::EC2::Volume', {}), DeletionPolicy: 'Snapshot' as const }, lost: [] },
    { name: 'a security group (no data)', resource: resource('AWS::EC2::SecurityGroup', {}), lost: [] },
  ];
  for (const row of table) {
    it(`lists ${row.name} ${row.lost.length > 0 ? 'as deleted with its data' : 'as removed only'}`, () => {
      const d = diffStacks([stack(template({ Keep: resource('AWS::SNS::Topic', {}), Gone: row.resource }))], [stack(template({ Keep: resource('AWS::SNS::Topic', {}) }))]);
      expect(d.stacks[0]?.deletions.map((x) => x.state)).toEqual(row.lost);
      expect(d.environments[0]?.statefulDeletions).toBe(row.lost.length);
    });
  }
});

describe('changes a protected environment refuses', () => {
  const hosts = (ids: readonly string[], image = 'ami-1') => template(Object.fromEntries(ids.map((id) => [id, resource('AWS::EC2::Instance', { ImageId: image })])));
  const run = (before: ReturnType<typeof hosts>, after: ReturnType<typeof hosts>, isProtected: boolean) =>
    diffStacks([{ ...stack(before, { stack: 'hosts' }), protected: isProtected }], [{ ...stack(after, { stack: 'hosts' }), protected: isProtected }]);

  it('names the stateful resources replaced for certain or deleted there', () => {
    const d = run(hosts(['A', 'B']), hosts(['A'], 'ami-2'), true);
    expect(d.stacks[0]?.refusedByPolicy).toEqual(['A', 'B']);
    expect(renderDiffText(d, { colors: colors(false) })).toContain('! B refused by the stack policy of this protected environment: deploy stops before executing anything (DEPLOY026)');
    expect(renderDiffMarkdown(d, { base: 'a', head: 'b' })).toContain('> **Refused in a protected environment.** The stack policy refuses replacing or deleting `demo/dev/A`, `demo/dev/B`');
  });

  it('names nothing in an unprotected environment, or for what only may be replaced', () => {
    expect(run(hosts(['A', 'B']), hosts(['A'], 'ami-2'), false).stacks[0]?.refusedByPolicy).toEqual([]);
    const conditional = diffStacks(
      [{ ...stack(template({ V: resource('AWS::EC2::Volume', { Encrypted: false }) })), protected: true }],
      [{ ...stack(template({ V: resource('AWS::EC2::Volume', { Encrypted: true }) })), protected: true }],
    );
    expect(conditional.stacks[0]?.replacements.map((r) => r.conditional)).toEqual([true]);
    expect(conditional.stacks[0]?.refusedByPolicy).toEqual([]);
  });
});
