/**
 * Small specs for expander tests, built as values (the loader and validator are tested elsewhere). `spec()`
 * gives a valid two-environment platform; pass overrides for the parts a test is about.
 */
import type { EnvironmentSpec, PlatformSpec } from '../../compiler/model/spec.js';
import type { Environment, Platform } from '../../compiler/model/platform.js';
import { normalize } from '../../compiler/normalize/normalize.js';

export function environment(overrides: Partial<EnvironmentSpec> = {}): EnvironmentSpec {
  return { account: '111122223333', region: 'us-west-2', vpcCidr: '10.10.0.0/16', boundary: 'relaxed', logRetentionDays: 14, ...overrides };
}

export function spec(overrides: Partial<PlatformSpec> = {}): PlatformSpec {
  return {
    version: 1,
    platform: 'cloudstack',
    tags: { owner: 'platform-team' },
    environments: {
      prod: environment({ account: '444455556666', region: 'us-east-1', vpcCidr: '10.20.0.0/16', boundary: 'strict', logRetentionDays: 365, protect: true, clientCidrs: ['203.0.113.0/24'] }),
      dev: environment(),
    },
    network: {
      hostSubnet: { prefixLength: 24 },
      overlay: { cidr: '172.16.0.0/16', vni: 100, port: 4789, multicastGroup: '239.255.0.1', mtu: 8951 },
    },
    hosts: {
      router: { instanceType: 'c5n.large' },
      management: { instanceType: 'm5.xlarge' },
      hypervisors: { instanceType: 'c5.metal', count: { dev: 1, prod: 2 }, volumeGiB: 500 },
      image: { ssmParameter: '/platform/cloudstack/ami' },
    },
    logging: { groups: ['system', 'overlay'], archive: { transitions: [{ days: 30, storageClass: 'STANDARD_IA' }], expireDays: 400 } },
    iam: {
      boundaries: { relaxed: { deny: ['config:*'] }, strict: { deny: ['config:*', 'ec2:DeleteVpc'] } },
      roles: {
        'log-shipper': {
          service: 'ec2.amazonaws.com',
          allow: [
            { actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: ['logGroup:overlay'] },
            { actions: ['s3:PutObject'], resources: ['bucket:archive'] },
          ],
        },
      },
    },
    ...overrides,
  };
}

export function platform(overrides: Partial<PlatformSpec> = {}): Platform {
  return normalize(spec(overrides), { file: 'specs/cloudstack.platform.yaml' });
}

export function env(p: Platform, name: string): Environment {
  const found = p.environments.find((e) => e.name === name);
  if (found === undefined) throw new Error(`no environment ${name}`);
  return found;
}
