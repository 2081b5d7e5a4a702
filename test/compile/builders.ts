/**
 * Small builders for assemble and emit tests: a platform with named environments and fragment resources, so a
 * test states only what it is about.
 */
import type { FragmentResource, Fragment, StackKind } from '../../compiler/expand/fragment.js';
import type { Environment, Platform } from '../../compiler/model/platform.js';
import type { PlatformSpec } from '../../compiler/model/spec.js';
import type { JsonObject } from '../../compiler/model/cfn.js';

export function environment(name: string, overrides: Partial<Environment> = {}): Environment {
  return {
    name,
    account: '111122223333',
    region: 'us-west-2',
    partition: 'aws',
    vpcCidr: '10.10.0.0/16',
    hostSubnetCidr: '10.10.0.0/24',
    serviceSubnetCidr: '10.10.1.0/24',
    availabilityZone: 'us-west-2a',
    boundary: { name: 'relaxed', policyName: `demo-${name}-boundary`, deny: [], origin: ['iam', 'boundaries', 'relaxed'] },
    logRetentionDays: 14,
    protect: false,
    clientCidrs: [],
    trustedAccounts: [],
    overlay: {
      cidr: '172.16.0.0/16', prefixLength: 16, netmask: '255.255.0.0', gateway: '172.16.0.1',
      vni: 100, port: 4789, multicastGroup: '239.255.0.1', mtu: 8951, underlayInterface: 'eth0',
    },
    image: { kind: 'ssm', parameter: '/demo/ami', origin: ['hosts', 'image'] },
    hypervisorCount: 0,
    hypervisorsPerStack: 100,
    hosts: [],
    origin: ['environments', name],
    ...overrides,
  };
}

export function platform(envs: readonly Environment[] = [environment('dev')], tags: Record<string, string> = { owner: 'team' }): Platform {
  return {
    name: 'demo',
    file: 'specs/demo.platform.yaml',
    specName: 'specs/demo.platform.yaml',
    spec: {} as PlatformSpec,
    tags,
    environments: envs,
    roles: [],
    pipelines: [],
  };
}

export function resource(logicalId: string, type: string, properties: JsonObject = {}, extra: Partial<FragmentResource> = {}): FragmentResource {
  return { logicalId, resource: { Type: type, Properties: properties }, origin: ['hosts', logicalId], ...extra };
}

export function fragment(stack: StackKind, resources: readonly FragmentResource[], extra: Partial<Fragment> = {}): Fragment {
  return { stack, resources, ...extra };
}

/** `file:line:col` stand-in: the path itself, so tests can see which path a source map entry resolved. */
export const locate = (path: readonly (string | number)[]): string => `specs/demo.platform.yaml:${path.join('.')}`;
