import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../compiler/assemble/assemble.js';
import { compileSource } from '../../compiler/compile.js';
import { canonicalJson } from '../../compiler/emit/canonical-json.js';
import { type Fragment } from '../../compiler/expand/fragment.js';
import { attOf, refTo } from '../../compiler/expand/shared/refs.js';
import { environment, fragment, locate, platform, resource } from './builders.js';

function run(fragments: readonly Fragment[], env = 'dev') {
  return assemble(platform([environment(env)]), { fragments: new Map([[env, fragments]]), locate });
}

describe('assemble: references', () => {
  const network = fragment('network', [resource('Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.10.0.0/16' }), resource('HostSubnet', 'AWS::EC2::Subnet', { VpcId: { Ref: 'Vpc' } })]);

  it('keeps references within a stack as Ref and Fn::GetAtt', () => {
    const { stacks, diagnostics } = run([fragment('network', [
      resource('Vpc', 'AWS::EC2::VPC'),
      resource('Subnet', 'AWS::EC2::Subnet', { VpcId: refTo('Vpc'), CidrBlock: attOf('Vpc', 'CidrBlock') }),
    ])]);
    expect(diagnostics).toEqual([]);
    expect(stacks[0]?.template.Resources.Subnet?.Properties).toEqual({ VpcId: { Ref: 'Vpc' }, CidrBlock: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] } });
    expect(stacks[0]?.template.Outputs).toBeUndefined();
  });

  it('turns a reference into another stack into an export and Fn::ImportValue, and orders the stacks', () => {
    const { stacks, diagnostics } = run([
      fragment('hosts', [resource('Router', 'AWS::EC2::Instance', { SubnetId: refTo('HostSubnet'), VpcCidr: attOf('Vpc', 'CidrBlock') })]),
      network,
    ]);
    expect(diagnostics).toEqual([]);
    expect(stacks.map((s) => s.name)).toEqual(['network', 'hosts']);
    const [net, hosts] = stacks;
    expect(hosts?.dependsOn).toEqual(['network']);
    expect(hosts?.template.Resources.Router?.Properties).toEqual({
      SubnetId: { 'Fn::ImportValue': 'demo-dev-network-HostSubnet' },
      VpcCidr: { 'Fn::ImportValue': 'demo-dev-network-Vpc-CidrBlock' },
    });
    expect(net?.template.Outputs).toEqual({
      HostSubnet: { Value: { Ref: 'HostSubnet' }, Export: { Name: 'demo-dev-network-HostSubnet' } },
      VpcCidrBlock: { Value: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }, Export: { Name: 'demo-dev-network-Vpc-CidrBlock' } },
    });
  });

  it('rewrites Fn::Sub variables and DependsOn that point into another stack', () => {
    const { stacks, diagnostics } = run([
      network,
      fragment('hosts', [{
        logicalId: 'Router',
        origin: ['hosts', 'router'],
        resource: { Type: 'AWS::EC2::Instance', DependsOn: ['Vpc'], Properties: { UserData: { 'Fn::Sub': 'vpc=${Vpc} region=${AWS::Region} cidr=${Vpc.CidrBlock}' } } },
      }]),
    ]);
    expect(diagnostics).toEqual([]);
    const router = stacks.find((s) => s.name === 'hosts')?.template.Resources.Router;
    expect(router?.DependsOn).toBeUndefined();
    expect(router?.Properties?.UserData).toEqual({
      'Fn::Sub': ['vpc=${VpcImport} region=${AWS::Region} cidr=${VpcCidrBlockImport}', {
        VpcImport: { 'Fn::ImportValue': 'demo-dev-network-Vpc' },
        VpcCidrBlockImport: { 'Fn::ImportValue': 'demo-dev-network-Vpc-CidrBlock' },
      }],
    });
  });

  it('reports a dangling reference at the origin of the referring resource', () => {
    const { diagnostics } = run([fragment('iam', [resource('Role', 'AWS::IAM::Role', { Arn: attOf('Missing', 'Arn') })])]);
    expect(diagnostics).toMatchObject([{ code: 'COMPILE002', path: ['hosts', 'Role'] }]);
    expect(diagnostics[0]?.message).toContain('Missing');
  });

  it('reports duplicate logical ids across stacks of one environment', () => {
    const { diagnostics } = run([fragment('iam', [resource('Thing', 'AWS::IAM::Role')]), fragment('hosts', [resource('Thing', 'AWS::EC2::Instance')])]);
    expect(diagnostics.map((d) => d.code)).toEqual(['COMPILE001']);
  });

  it('merges identical parameters of two fragments and reports conflicting ones', () => {
    const image = (value: string) => ({ name: 'ImageId', definition: { Type: 'String' }, value, origin: ['hosts', 'image'] });
    const same = run([
      fragment('hosts', [resource('A', 'AWS::EC2::Instance', { ImageId: { Ref: 'ImageId' } })], { parameters: [image('ami-1')] }),
      fragment('hosts', [resource('B', 'AWS::EC2::Instance', { ImageId: { Ref: 'ImageId' } })], { parameters: [image('ami-1')] }),
    ]);
    expect(same.diagnostics).toEqual([]);
    expect(same.stacks[0]?.parameters).toHaveLength(1);
    const conflicting = run([
      fragment('hosts', [resource('A', 'AWS::EC2::Instance')], { parameters: [image('ami-1')] }),
      fragment('hosts', [resource('B', 'AWS::EC2::Instance')], { parameters: [image('ami-2')] }),
    ]);
    expect(conflicting.diagnostics).toMatchObject([{ code: 'COMPILE005', path: ['hosts', 'image'] }]);
  });

  it('reports a dependency cycle with the references that close it', () => {
    const { diagnostics, stacks } = run([
      fragment('network', [resource('Route', 'AWS::EC2::Route', { NetworkInterfaceId: refTo('RouterEni') })]),
      fragment('hosts', [resource('RouterEni', 'AWS::EC2::NetworkInterface', { GroupSet: [refTo('Route')] })]),
    ]);
    expect(stacks).toHaveLength(2);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'COMPILE003', message: 'environment dev: stacks depend on each other in a cycle: network -> hosts -> network' });
    expect(diagnostics[0]?.notes).toEqual(['network -> hosts: Route refers to RouterEni', 'hosts -> network: RouterEni refers to Route']);
  });

  it('keeps parameters referenced through Ref and Fn::Sub and maps them in the source map', () => {
    const { stacks } = run([fragment('hosts', [resource('Router', 'AWS::EC2::Instance', { ImageId: { Ref: 'ImageId' } })], {
      parameters: [{ name: 'ImageId', definition: { Type: 'String' }, value: 'ami-1', origin: ['hosts', 'image'] }],
    })]);
    expect(stacks[0]?.template.Parameters).toEqual({ ImageId: { Type: 'String' } });
    expect(stacks[0]?.sourceMap.parameters).toEqual({ ImageId: { path: ['hosts', 'image'], location: 'specs/demo.platform.yaml:hosts.image' } });
  });

  it('maps resources, policy statements and properties from elsewhere back to their spec paths', () => {
    const { stacks } = run([fragment('iam', [resource('Role', 'AWS::IAM::Role', {}, {
      origin: ['iam', 'roles', 'shipper'],
      statementOrigins: { 'Properties.Policies.0.PolicyDocument.Statement.0': ['iam', 'roles', 'shipper', 'allow', 0] },
      propertyOrigins: { 'Properties.Description': ['iam', 'description'] },
    })])]);
    expect(stacks[0]?.sourceMap).toEqual({
      spec: 'specs/demo.platform.yaml',
      resources: { Role: { path: ['iam', 'roles', 'shipper'], location: 'specs/demo.platform.yaml:iam.roles.shipper' } },
      statements: {
        'Role/Properties.Policies.0.PolicyDocument.Statement.0': { path: ['iam', 'roles', 'shipper', 'allow', 0], location: 'specs/demo.platform.yaml:iam.roles.shipper.allow.0' },
      },
      properties: { 'Role/Properties.Description': { path: ['iam', 'description'], location: 'specs/demo.platform.yaml:iam.description' } },
      parameters: {},
    });
  });
});

describe('assemble: the permission boundary comes first', () => {
  it('makes every stack with roles or users depend on the iam stack that holds the boundary', () => {
    const { stacks } = run([
      fragment('iam', [resource('Boundary', 'AWS::IAM::ManagedPolicy')]),
      fragment('logging', [resource('DeliveryRole', 'AWS::IAM::Role')]),
      fragment('network', [resource('Vpc', 'AWS::EC2::VPC')]),
    ]);
    expect(stacks.map((s) => [s.name, s.dependsOn])).toEqual([['iam', []], ['network', []], ['logging', ['iam']]]);
  });
});

describe('assemble: declared outputs', () => {
  it('resolves references in output values like those in resources', () => {
    const { stacks, diagnostics } = run([
      fragment('network', [resource('Vpc', 'AWS::EC2::VPC')]),
      fragment('hosts', [resource('Router', 'AWS::EC2::Instance')], { outputs: [{ name: 'VpcOfRouter', value: refTo('Vpc'), description: 'the VPC' }, { name: 'Gone', value: refTo('Missing'), description: 'x' }] }),
    ]);
    const hosts = stacks.find((s) => s.name === 'hosts');
    expect(hosts?.template.Outputs?.VpcOfRouter).toEqual({ Description: 'the VPC', Value: { 'Fn::ImportValue': 'demo-dev-network-Vpc' } });
    expect(hosts?.dependsOn).toEqual(['network']);
    expect(diagnostics).toMatchObject([{ code: 'COMPILE002', message: 'environment dev: output Gone refers to Missing, which no stack of the environment defines' }]);
  });
});

describe('assemble: built in canonical key order', () => {
  // Emit writes an object in canonical order as it is and copies any other first. The objects there are one or
  // more of per host (instances, source map entries, the maps of resources) must need no copy, or a large fleet
  // pays for thousands of them; this holds the assembler to that. The output is canonical either way.
  const file = 'specs/cloudstack.platform.yaml';
  const result = compileSource({ file, text: readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8') });
  const asBuilt = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

  it('compiles the example', () => {
    expect(result.stacks?.length).toBeGreaterThan(0);
  });

  it.each((result.stacks ?? []).map((s) => [`${s.env}/${s.name}`, s] as const))('%s: source map, resource map and instances', (_name, stack) => {
    expect(asBuilt(stack.sourceMap)).toBe(canonicalJson(stack.sourceMap));
    expect(Object.keys(stack.template.Resources)).toEqual(Object.keys(stack.template.Resources).sort());
    for (const [id, resource] of Object.entries(stack.template.Resources)) {
      // Inside a template, where a resource's attributes have their conventional order (Type first).
      const alone = { AWSTemplateFormatVersion: stack.template.AWSTemplateFormatVersion, Resources: { [id]: resource } };
      if (resource.Type === 'AWS::EC2::Instance') expect(asBuilt(alone), id).toBe(canonicalJson(alone));
    }
  });
});
