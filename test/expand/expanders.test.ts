import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fragment, FragmentResource } from '../../compiler/expand/fragment.js';
import { expandHosts } from '../../compiler/expand/hosts.js';
import { expandIam } from '../../compiler/expand/iam.js';
import { EXPANDERS } from '../../compiler/expand/index.js';
import { renderOverlayScript } from '../../compiler/expand/hosts-user-data.js';
import { expandNetwork } from '../../compiler/expand/network.js';
import type { Json } from '../../compiler/model/cfn.js';
import { env, environment, platform, spec } from './builders.js';
import { expectGolden, json } from './golden.js';

const small = platform();
const dev = env(small, 'dev');
const prod = env(small, 'prod');

function resource(fragments: readonly Fragment[], logicalId: string): FragmentResource {
  const found = fragments.flatMap((f) => f.resources).find((r) => r.logicalId === logicalId);
  if (found === undefined) throw new Error(`no resource ${logicalId}`);
  return found;
}

function properties(fragments: readonly Fragment[], logicalId: string): { readonly [key: string]: Json } {
  return resource(fragments, logicalId).resource.Properties ?? {};
}

const BOUNDARY_ARN = (envName: string): Json => ({
  'Fn::Sub': `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:policy/cloudstack-${envName}-boundary`,
});

describe('golden fragments', () => {
  it.each([
    ['iam', expandIam],
    ['network', expandNetwork],
    ['hosts', expandHosts],
  ] as const)('%s for prod matches the golden file', (name, expander) => {
    expectGolden(`${name}-prod.json`, json(expander({ platform: small, env: prod })));
  });
});

describe('iam', () => {
  const fragments = expandIam({ platform: small, env: prod });

  it('boundary allows everything explicitly and denies escaping it', () => {
    const boundary = properties(fragments, 'PermissionBoundary');
    expect(boundary['ManagedPolicyName']).toBe('cloudstack-prod-boundary');
    const statements = (boundary['PolicyDocument'] as { Statement: { Sid: string; Effect: string; Action: string[]; Condition?: Json; Resource: Json[] }[] }).Statement;
    expect(statements.map((s) => [s.Sid, s.Effect])).toEqual([
      ['ExplicitAllowAll', 'Allow'],
      ['DenyIdentitiesWithoutThisBoundary', 'Deny'],
      ['DenyBoundaryPolicyChanges', 'Deny'],
      ['DenyBoundaryRemoval', 'Deny'],
      ['DenyDeclaredActions', 'Deny'],
    ]);
    expect(statements[1]?.Condition).toEqual({ StringNotEquals: { 'iam:PermissionsBoundary': BOUNDARY_ARN('prod') } });
    expect(statements[2]?.Resource).toEqual([BOUNDARY_ARN('prod')]);
    expect(statements[4]?.Action).toEqual(['config:*', 'ec2:DeleteVpc']);
  });

  it('gives every statement an origin', () => {
    expect(resource(fragments, 'PermissionBoundary').statementOrigins?.['Properties.PolicyDocument.Statement.4']).toEqual(['iam', 'boundaries', 'strict', 'deny']);
    expect(resource(fragments, 'LogShipperRole').statementOrigins).toEqual({
      'Properties.AssumeRolePolicyDocument.Statement.0': ['iam', 'roles', 'log-shipper', 'service'],
      'Properties.Policies.0.PolicyDocument.Statement.0': ['iam', 'roles', 'log-shipper', 'allow', 0],
    });
    expect(resource(fragments, 'LogShipperRoleLoggingPolicy').statementOrigins).toEqual({
      'Properties.PolicyDocument.Statement.0': ['iam', 'roles', 'log-shipper', 'allow', 1],
    });
  });

  it('resolves references to concrete resources of the environment', () => {
    const role = properties(fragments, 'LogShipperRole');
    expect(role['RoleName']).toBe('cloudstack-prod-log-shipper');
    const statements = (role['Policies'] as { PolicyDocument: { Statement: { Resource: Json[] }[] } }[])[0]!.PolicyDocument.Statement;
    expect(statements[0]?.Resource).toEqual([
      { 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/cloudstack/prod/overlay' },
      { 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/cloudstack/prod/overlay:log-stream:*' },
    ]);
    expect(statements).toHaveLength(1);
  });

  it('attaches statements about the archive bucket from the logging stack, so iam depends on nothing', () => {
    expect(fragments.map((f) => f.stack)).toEqual(['iam', 'logging']);
    const iamJson = JSON.stringify(fragments[0]);
    expect(iamJson).not.toContain('LogArchiveBucket');
    const policy = properties(fragments, 'LogShipperRoleLoggingPolicy');
    expect(policy['RoleName']).toEqual({ 'platformc::Ref': { logicalId: 'LogShipperRole' } });
    const statement = (policy['PolicyDocument'] as { Statement: { Action: string[]; Resource: Json[] }[] }).Statement[0];
    expect(statement?.Action).toEqual(['s3:PutObject']);
    expect(statement?.Resource[0]).toEqual({ 'platformc::Ref': { logicalId: 'LogArchiveBucket', attribute: 'Arn' } });
  });
});

describe('network', () => {
  const fragments = expandNetwork({ platform: small, env: prod });
  const all = fragments.flatMap((f) => f.resources);

  it('routes the overlay to the router interface in every route table', () => {
    const tables = all.filter((r) => r.resource.Type === 'AWS::EC2::RouteTable').map((r) => r.logicalId);
    const overlayRoutes = all.filter((r) => r.resource.Type === 'AWS::EC2::Route' && r.resource.Properties?.['DestinationCidrBlock'] === '172.16.0.0/16');
    expect(overlayRoutes.map((r) => (r.resource.Properties?.['RouteTableId'] as { 'platformc::Ref': { logicalId: string } })['platformc::Ref'].logicalId).sort()).toEqual([...tables].sort());
    for (const route of overlayRoutes) {
      expect(route.resource.Properties?.['NetworkInterfaceId']).toEqual({ 'platformc::Ref': { logicalId: 'RouterNetworkInterface' } });
    }
    expect(properties(fragments, 'RouterNetworkInterface')).toMatchObject({ SourceDestCheck: false, PrivateIpAddress: '10.20.0.10' });
  });

  it('enables multicast with IGMPv2 on the host subnet', () => {
    expect(properties(fragments, 'TransitGateway')['MulticastSupport']).toBe('enable');
    expect(properties(fragments, 'MulticastDomain')['Options']).toMatchObject({ Igmpv2Support: 'enable' });
    expect(properties(fragments, 'MulticastDomainAssociation')['SubnetId']).toEqual({ 'platformc::Ref': { logicalId: 'HostSubnet' } });
  });

  it('opens the management UI only to the declared client CIDRs, through parameters', () => {
    expect(properties(fragments, 'RouterClientIngress1')).toMatchObject({ FromPort: 8080, ToPort: 8080, CidrIp: { Ref: 'ClientCidr1' } });
    expect(fragments[0]?.parameters?.map((p) => [p.name, p.value])).toEqual([['ClientCidr1', '203.0.113.0/24']]);
    const devNetwork = expandNetwork({ platform: small, env: dev });
    expect(devNetwork[0]?.parameters).toEqual([]);
    const devRouterRules = devNetwork.flatMap((f) => f.resources).filter((r) => JSON.stringify(r.resource).includes('8080'));
    expect(devRouterRules).toEqual([]);
    expect(JSON.stringify([fragments, devNetwork])).not.toContain('"CidrIp":"0.0.0.0/0"');
  });

  it('accepts IGMP queries, and VXLAN from the host subnet only (multicast UDP cannot name a security group as source)', () => {
    expect(properties(fragments, 'HostsSecurityGroup')['SecurityGroupIngress']).toEqual([
      { IpProtocol: '2', CidrIp: '0.0.0.0/32', Description: 'IGMP queries of the Transit Gateway multicast domain' },
    ]);
    const vxlan = properties(fragments, 'HostsVxlanIngress');
    expect(vxlan).toMatchObject({ IpProtocol: 'udp', FromPort: 4789, ToPort: 4789, CidrIp: prod.hostSubnetCidr });
    expect(vxlan).not.toHaveProperty('SourceSecurityGroupId');
  });

  it('gives the hosts without public addresses private endpoints for Systems Manager, CloudWatch Logs and S3', () => {
    const refOf = (id: string): Json => ({ 'platformc::Ref': { logicalId: id } });
    const endpoints = all.filter((r) => r.resource.Type === 'AWS::EC2::VPCEndpoint');
    const interfaces = endpoints.filter((r) => r.resource.Properties?.['VpcEndpointType'] === 'Interface');
    expect(interfaces.map((r) => (r.resource.Properties?.['ServiceName'] as { 'Fn::Sub': string })['Fn::Sub']).sort()).toEqual(
      ['ec2messages', 'logs', 'ssm', 'ssmmessages'].map((s) => `com.amazonaws.\${AWS::Region}.${s}`),
    );
    for (const endpoint of interfaces) {
      // Outside the host subnet, which is for overlay hosts only; private DNS so the agents need no configuration.
      expect(endpoint.resource.Properties).toMatchObject({ SubnetIds: [refOf('ServiceSubnet')], PrivateDnsEnabled: true, SecurityGroupIds: [refOf('EndpointsSecurityGroup')] });
    }
    expect(properties(fragments, 'EndpointsSecurityGroup')['SecurityGroupIngress']).toEqual([
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourceSecurityGroupId: refOf('HostsSecurityGroup'), Description: 'HTTPS from the overlay hosts' },
    ]);
    const tables = all.filter((r) => r.resource.Type === 'AWS::EC2::RouteTable').map((r) => refOf(r.logicalId));
    expect(properties(fragments, 'S3Endpoint')).toMatchObject({ VpcEndpointType: 'Gateway', RouteTableIds: tables });
  });

  describe("Route 53's health checkers", () => {
    const check = (port: number) => ({ port, path: '/client/' });
    const routing = (prefixLists?: Record<string, string>) => ({
      zone: 'example.com',
      home: 'prod',
      records: [
        { name: 'ui.example.com', type: 'A' as const, policy: 'failover' as const, primary: 'prod', secondary: 'dev', healthCheck: check(8080) },
        { name: 'api.example.com', type: 'A' as const, policy: 'weighted' as const, targets: [{ env: 'prod', weight: 1, healthCheck: check(8080) }, { env: 'dev', weight: 1, healthCheck: check(8443) }, { value: '192.0.2.1', weight: 1, healthCheck: check(9000) }] },
      ],
      ...(prefixLists === undefined ? {} : { healthCheckerPrefixLists: prefixLists }),
    });
    const checkerRules = (p: ReturnType<typeof platform>, name: string) => {
      const network = expandNetwork({ platform: p, env: env(p, name) });
      const rules = network.flatMap((f) => f.resources).filter((r) => r.logicalId.startsWith('RouterHealthCheckIngress'));
      const parameter = network[0]?.parameters?.find((x) => x.name === 'HealthCheckerPrefixList');
      return { rules, parameter };
    };

    it('reach each probed port of the router from their prefix list, once per port, through a parameter', () => {
      const p = platform({ routing: routing({ 'us-east-1': 'pl-0aaaaaaaaaaaaaaaa', 'us-west-2': 'pl-0bbbbbbbbbbbbbbbb' }) });
      const prod = checkerRules(p, 'prod');
      expect(prod.rules.map((r) => [r.logicalId, r.resource.Properties, r.origin])).toEqual([[
        'RouterHealthCheckIngress8080',
        { GroupId: { 'platformc::Ref': { logicalId: 'RouterSecurityGroup' } }, IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, SourcePrefixListId: { Ref: 'HealthCheckerPrefixList' }, Description: "Route 53 health checks of port 8080, from the health checkers' managed prefix list" },
        ['routing', 'records', 0, 'healthCheck'],
      ]]);
      expect(prod.parameter).toMatchObject({ value: 'pl-0aaaaaaaaaaaaaaaa', origin: ['routing', 'healthCheckerPrefixLists', 'us-east-1'] });
      // dev's own check uses 8443; the literal answer's check (9000) probes no router of ours.
      const dev = checkerRules(p, 'dev');
      expect(dev.rules.map((r) => r.logicalId)).toEqual(['RouterHealthCheckIngress8443']);
      expect(dev.parameter?.value).toBe('pl-0bbbbbbbbbbbbbbbb');
    });

    it('are not let in without a prefix list for the region, nor where no check probes the router', () => {
      const none = platform({ routing: routing() });
      const west = platform({ routing: { ...routing({ 'us-west-2': 'pl-0bbbbbbbbbbbbbbbb' }), records: [] } });
      for (const [p, name] of [[none, 'prod'], [none, 'dev'], [west, 'dev']] as const) {
        expect(checkerRules(p, name)).toEqual({ rules: [], parameter: undefined });
      }
    });
  });
});

describe('hosts', () => {
  const fragments = expandHosts({ platform: small, env: prod });

  it('puts every host in the host subnet at its fixed address, the router on its interface', () => {
    expect(properties(fragments, 'RouterInstance')['NetworkInterfaces']).toEqual([
      { NetworkInterfaceId: { 'platformc::Ref': { logicalId: 'RouterNetworkInterface' } }, DeviceIndex: '0' },
    ]);
    expect(properties(fragments, 'Hypervisor02Instance')).toMatchObject({ PrivateIpAddress: '10.20.0.21', InstanceType: 'c5.metal' });
    expect(resource(fragments, 'Hypervisor02Instance').group).toBe('hypervisor02');
  });

  it('requires IMDSv2 and encrypted gp3 volumes of the declared size', () => {
    const data = properties(fragments, 'HypervisorLaunchTemplate')['LaunchTemplateData'];
    expect(data).toMatchObject({
      MetadataOptions: { HttpTokens: 'required' },
      BlockDeviceMappings: [{ Ebs: { VolumeSize: 500, VolumeType: 'gp3', Encrypted: true } }],
    });
  });

  it('takes the image from the SSM parameter or from the per-environment AMI id', () => {
    expect(fragments[0]?.parameters).toEqual([
      expect.objectContaining({ name: 'ImageId', value: '/platform/cloudstack/ami', definition: expect.objectContaining({ Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>' }) }),
    ]);
    const ami = platform({ hosts: { ...spec().hosts, image: { amiId: { dev: 'ami-0123456789abcdef0', prod: 'ami-0fedcba9876543210' } } } });
    const parameter = expandHosts({ platform: ami, env: env(ami, 'prod') })[0]?.parameters?.[0];
    expect(parameter).toMatchObject({ value: 'ami-0fedcba9876543210', definition: { Type: 'AWS::EC2::Image::Id', AllowedPattern: '^ami-[0-9a-f]{8,17}$' } });
  });

  it('carries in each instance the very overlay script renderOverlayScript gives', () => {
    for (const host of prod.hosts) {
      const userData = (properties(fragments, `${host.id[0]!.toUpperCase()}${host.id.slice(1)}Instance`)['UserData'] as { 'Fn::Base64': string })['Fn::Base64'];
      expect(userData).toContain(renderOverlayScript(small, prod, host));
    }
  });

  it.each<[string, number | Record<string, number> | undefined, number, (string | undefined)[]]>([
    ['all at once by default', undefined, 4, [undefined, undefined, undefined, undefined]],
    ['one at a time', 1, 4, [undefined, 'Hypervisor01Instance', 'Hypervisor02Instance', 'Hypervisor03Instance']],
    ['two at a time', 2, 5, [undefined, undefined, 'Hypervisor01Instance', 'Hypervisor02Instance', 'Hypervisor03Instance']],
    ['a batch larger than the fleet', 9, 3, [undefined, undefined, undefined]],
    ['per environment', { prod: 1 }, 2, [undefined, 'Hypervisor01Instance']],
    ['an environment left out changes all at once', { dev: 1 }, 3, [undefined, undefined, undefined]],
  ])('rolling batch: %s', (_, rollingBatch, count, waits) => {
    const p = platform({ hosts: { ...spec().hosts, hypervisors: { instanceType: 'c5.metal', count, ...(rollingBatch === undefined ? {} : { rollingBatch }) } } });
    const fleet = expandHosts({ platform: p, env: env(p, 'prod') });
    const dependsOn = (id: string): string | undefined => (resource(fleet, id).resource.DependsOn as readonly string[] | undefined)?.join(',');
    expect(Array.from({ length: count }, (_, i) => dependsOn(`Hypervisor0${i + 1}Instance`))).toEqual(waits);
    // The router and the management server never wait.
    expect([dependsOn('RouterInstance'), dependsOn('ManagementInstance')]).toEqual([undefined, undefined]);
  });

  it('outputs the router public address', () => {
    expect(fragments[0]?.outputs?.find((o) => o.name === 'RouterPublicIp')?.value).toEqual({ Ref: 'RouterEip' });
  });
});

describe('invariants over generated specs', () => {
  const specs = fc.record({
    count: fc.integer({ min: 1, max: 30 }),
    roles: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), { maxLength: 4 }),
    envs: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), { minLength: 1, maxLength: 3 }),
  });

  it('every role and user of every fragment carries its environment boundary', () => {
    fc.assert(
      fc.property(specs, ({ count, roles, envs }) => {
        const p = platform({
          environments: Object.fromEntries(envs.map((name, i) => [name, environment({ vpcCidr: `10.${i}.0.0/16` })])),
          hosts: { ...spec().hosts, hypervisors: { instanceType: 'c5.metal', count } },
          iam: {
            boundaries: { relaxed: {} },
            roles: Object.fromEntries(roles.map((name) => [name, { service: 'ec2.amazonaws.com', allow: [{ actions: ['s3:GetObject'], resources: ['*'] }] }])),
          },
        });
        for (const e of p.environments) {
          const identities = EXPANDERS.flatMap((expand) => expand({ platform: p, env: e }))
            .flatMap((f) => f.resources)
            .filter((r) => r.resource.Type === 'AWS::IAM::Role' || r.resource.Type === 'AWS::IAM::User');
          expect(identities.length).toBeGreaterThanOrEqual(roles.length + 3);
          for (const identity of identities) {
            expect(identity.resource.Properties?.['PermissionsBoundary']).toEqual(BOUNDARY_ARN(e.name));
            expect(String(identity.resource.Properties?.['RoleName']).length).toBeLessThanOrEqual(64);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('expansion is deterministic and gives unique logical ids with an origin each', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), (count) => {
        const p = platform({ hosts: { ...spec().hosts, hypervisors: { instanceType: 'c5.metal', count } } });
        const e = env(p, 'dev');
        const once = EXPANDERS.flatMap((expand) => expand({ platform: p, env: e }));
        const twice = EXPANDERS.flatMap((expand) => expand({ platform: p, env: e }));
        expect(JSON.stringify(once)).toBe(JSON.stringify(twice));
        const ids = once.flatMap((f) => f.resources.map((r) => r.logicalId));
        expect(new Set(ids).size).toBe(ids.length);
        for (const r of once.flatMap((f) => f.resources)) expect(r.origin.length).toBeGreaterThan(0);
      }),
      { numRuns: 15 },
    );
  });
});
