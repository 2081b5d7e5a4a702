import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressAt, netmaskOf, subBlock } from '../../compiler/normalize/addresses.js';
import { hostLayout, hypervisorCapacity } from '../../compiler/normalize/host-layout.js';
import { hypervisorId } from '../../compiler/normalize/hosts.js';
import { normalize } from '../../compiler/normalize/normalize.js';
import { partitionOf } from '../../compiler/normalize/partition.js';
import { env, environment, platform, spec } from './builders.js';

describe('normalize', () => {
  it('sorts environments by name, whatever the key order in the spec', () => {
    expect(platform().environments.map((e) => e.name)).toEqual(['dev', 'prod']);
  });

  it('carves the host subnet and the service subnet from the start of the VPC', () => {
    const dev = env(platform(), 'dev');
    expect(dev.hostSubnetCidr).toBe('10.10.0.0/24');
    expect(dev.serviceSubnetCidr).toBe('10.10.1.0/24');
    expect(dev.availabilityZone).toBe('us-west-2a');
  });

  it('names the boundary after platform and environment and keeps its deny list', () => {
    const prod = env(platform(), 'prod');
    expect(prod.boundary).toEqual({ name: 'strict', policyName: 'cloudstack-prod-boundary', deny: ['config:*', 'ec2:DeleteVpc'], origin: ['iam', 'boundaries', 'strict'] });
  });

  it('assigns fixed underlay and overlay addresses: router, management, then hypervisors', () => {
    const prod = env(platform(), 'prod');
    expect(prod.hosts.map((h) => [h.id, h.underlayAddress, h.overlayAddress])).toEqual([
      ['router', '10.20.0.10', '172.16.0.1'],
      ['management', '10.20.0.11', '172.16.0.2'],
      ['hypervisor01', '10.20.0.20', '172.16.0.3'],
      ['hypervisor02', '10.20.0.21', '172.16.0.4'],
    ]);
    expect(prod.overlay).toMatchObject({ gateway: '172.16.0.1', netmask: '255.255.0.0', prefixLength: 16, underlayInterface: 'eth0' });
    expect(prod.hypervisorCount).toBe(2);
  });

  it('packs addresses from the first usable one when the host subnet is too small for the roomy layout', () => {
    const p = platform({ network: { ...spec().network, hostSubnet: { prefixLength: 28 } } });
    expect(env(p, 'prod').hosts.map((h) => h.underlayAddress)).toEqual(['10.20.0.4', '10.20.0.5', '10.20.0.6', '10.20.0.7']);
  });

  it('resolves per-environment and global values with their origins', () => {
    const p = platform({ hosts: { ...spec().hosts, hypervisors: { instanceType: 'c5.metal', count: 3 }, image: { amiId: { dev: 'ami-0123456789abcdef0', prod: 'ami-0fedcba9876543210' } } } });
    expect(env(p, 'dev').hypervisorCount).toBe(3);
    expect(env(p, 'dev').image).toEqual({ kind: 'ami', amiId: 'ami-0123456789abcdef0', origin: ['hosts', 'image', 'amiId', 'dev'] });
    expect(env(p, 'dev').hosts[2]?.volumeGiB).toBe(500);
  });

  it('defaults stage approval to never and the pipeline home to its first stage', () => {
    const p = platform({
      pipelines: { platform: { source: { codecommit: 'platform', branch: 'main' }, stages: ['dev', { env: 'prod', approval: 'always' }] } },
    });
    expect(p.pipelines).toEqual([
      {
        name: 'platform',
        home: 'dev',
        origin: ['pipelines', 'platform'],
        stages: [
          { env: 'dev', approval: 'never', origin: ['pipelines', 'platform', 'stages', 0] },
          { env: 'prod', approval: 'always', origin: ['pipelines', 'platform', 'stages', 1] },
        ],
      },
    ]);
  });

  it('does not depend on key order and gives the same platform twice', () => {
    const s = spec({
      iam: { ...spec().iam, roles: { zeta: { service: 'ec2', allow: [] }, alpha: { service: 'lambda', allow: [] } } },
      tags: { z: '1', a: '2' },
    });
    const reordered = {
      ...s,
      environments: Object.fromEntries(Object.entries(s.environments).reverse()),
      iam: { ...s.iam, roles: Object.fromEntries(Object.entries(s.iam.roles ?? {}).reverse()) },
      tags: { a: '2', z: '1' },
    };
    const a = normalize(s, { file: 'a.yaml' });
    const b = normalize(reordered, { file: 'a.yaml' });
    expect(JSON.stringify({ ...b, spec: null })).toBe(JSON.stringify({ ...a, spec: null }));
    expect(a.roles.map((r) => r.name)).toEqual(['alpha', 'zeta']);
  });

  it('keeps every host address unique and inside its subnet for any fleet size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.constantFrom(24, 23, 22), (count, prefixLength) => {
        const p = platform({
          environments: { dev: environment() },
          network: { ...spec().network, hostSubnet: { prefixLength } },
          hosts: { ...spec().hosts, hypervisors: { instanceType: 'c5.metal', count } },
        });
        const hosts = env(p, 'dev').hosts;
        expect(hosts).toHaveLength(count + 2);
        expect(new Set(hosts.map((h) => h.underlayAddress)).size).toBe(count + 2);
        expect(new Set(hosts.map((h) => h.overlayAddress)).size).toBe(count + 2);
        const limit = 2 ** (32 - prefixLength) - 1;
        for (const host of hosts) {
          const [, , third, fourth] = host.underlayAddress.split('.').map(Number);
          const offset = 256 * (third ?? 0) + (fourth ?? 0);
          expect(offset).toBeGreaterThanOrEqual(4);
          expect(offset).toBeLessThan(limit);
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('host layout', () => {
  it.each([
    [28, 9, 4],
    [27, 11, 10],
    [26, 43, 10],
    [24, 235, 10],
    [22, 1003, 10],
  ])('a /%i host subnet holds %i hypervisors, the router at offset %i', (prefixLength, capacity, router) => {
    expect(hypervisorCapacity(prefixLength)).toBe(capacity);
    expect(hostLayout(prefixLength).router).toBe(router);
  });

  it('never moves a host when the fleet grows, up to the subnet\'s capacity', () => {
    fc.assert(
      fc.property(fc.constantFrom(28, 27, 26, 24), fc.nat(), fc.nat(), (prefixLength, a, b) => {
        const capacity = hypervisorCapacity(prefixLength);
        const [small, large] = [1 + (a % capacity), 1 + (b % capacity)].sort((x, y) => x - y) as [number, number];
        const hostsOf = (count: number) =>
          env(platform({ environments: { dev: environment() }, network: { ...spec().network, hostSubnet: { prefixLength } }, hosts: { ...spec().hosts, hypervisors: { instanceType: 'c5.metal', count } } }), 'dev').hosts;
        const before = hostsOf(small);
        const after = hostsOf(large);
        for (const host of before) {
          expect(after.find((h) => h.id === host.id), host.id).toMatchObject({ underlayAddress: host.underlayAddress, overlayAddress: host.overlayAddress });
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('address helpers', () => {
  it.each([
    ['10.10.0.0/16', 24, 0, '10.10.0.0/24'],
    ['10.10.0.0/16', 24, 1, '10.10.1.0/24'],
    ['10.10.0.0/16', 20, 1, '10.10.16.0/20'],
    ['10.0.0.0/28', 28, 0, '10.0.0.0/28'],
  ])('subBlock(%s, %i, %i) = %s', (outer, prefix, index, expected) => {
    expect(subBlock(outer, prefix, index)).toBe(expected);
  });

  it.each([
    [0, '0.0.0.0'],
    [16, '255.255.0.0'],
    [22, '255.255.252.0'],
    [32, '255.255.255.255'],
  ])('netmaskOf(%i) = %s', (prefix, mask) => {
    expect(netmaskOf(prefix)).toBe(mask);
  });

  it('counts from the network address even when the CIDR has host bits set', () => {
    expect(addressAt('172.16.5.9/16', 1)).toBe('172.16.0.1');
  });

  it.each([
    ['us-east-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
  ])('partition of %s is %s', (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
  });

  it.each([
    [0, 'hypervisor01'],
    [8, 'hypervisor09'],
    [98, 'hypervisor99'],
    [99, 'hypervisor100'],
    [999, 'hypervisor1000'],
  ])('hypervisor id of position %i is %s, whatever the size of the fleet', (index, id) => {
    expect(hypervisorId(index)).toBe(id);
  });
});
