/**
 * Hosts: KVM hypervisors on bare metal, router and management on Nitro, counts that make sense per environment,
 * and exactly one image source.
 */
import type { CodeInfo } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { LoadedSpec } from '../../load/loaded-spec.js';
import { INSTANCE_SIZES, isMetal, isNitro, parseInstanceType } from '../instance-types.js';
import { environmentNames, finding, isPerEnvMap, type Rule } from '../rule.js';
import { suggestionHint } from '../suggest.js';

export const SSM_PARAMETER = /^(\/[a-zA-Z0-9_.-]+)+$|^[a-zA-Z0-9_.-]+$/;
/**
 * Names no parameter can have: Parameter Store refuses the "aws" and "ssm" prefixes (any case) to everyone, so only
 * AWS's own public parameters, under /aws/, carry one.
 */
const RESERVED_SSM_NAME = /^\/?ssm|^\/?aws(?!\/)/i;
export const AMI_ID = /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/;

const SIZE_HINT = `the size is one of ${INSTANCE_SIZES}, e.g. c5n.large`;

export const HOST_CODES: readonly CodeInfo[] = [
  { code: 'HOST001', title: 'Hypervisor is not bare metal', why: 'KVM needs hardware virtualisation, which EC2 offers only on metal instance types.', example: 'hypervisors: { instanceType: c5.4xlarge }', fix: 'Use a *.metal type such as c5.metal or m5zn.metal.' },
  { code: 'HOST002', title: 'Router or management server is not a Nitro type', why: 'The overlay relies on Nitro networking (jumbo frames, multicast through Transit Gateway).', example: 'router: { instanceType: m4.large }', fix: 'Use a Nitro type, e.g. c5n.large for the router and m5.xlarge for management.' },
  { code: 'HOST003', title: 'Hypervisor count is not a positive integer', why: 'Every environment needs at least one hypervisor to run VMs.', example: 'count: 0', fix: 'Use 1 or more.' },
  { code: 'HOST004', title: 'Per-environment value for an unknown environment', why: 'A value for an environment that does not exist is never used, which usually means a typo.', example: 'count: { prd: 4 }', fix: 'Use a name from environments.' },
  { code: 'HOST005', title: 'Per-environment value missing for an environment', why: 'When values are given per environment, every environment needs one; there is no silent default.', example: 'count: { dev: 1 }  # prod has none', fix: 'Add the environment, or give one value for all.' },
  { code: 'HOST006', title: 'Image source is not exactly one of ssmParameter or amiId', why: 'The hosts boot from one image; two sources would be ambiguous, none would leave hosts without one.', example: 'image: {}', fix: 'Give either ssmParameter or amiId.' },
  { code: 'HOST007', title: 'Malformed image reference', why: 'SSM parameter names and AMI ids have fixed forms; anything else fails at deploy time.', example: 'image: { amiId: ami-123 }', fix: 'Write an SSM path such as /platform/ami or an id such as ami-0123456789abcdef0.' },
  { code: 'HOST008', title: 'Malformed instance type', why: 'Instance types are written family.size, and EC2 has a fixed set of sizes; anything else fails only when the instance launches.', example: 'instanceType: m5.xlarge-x', fix: 'Write it as e.g. c5n.large, m5.2xlarge or c7i.metal-24xl.' },
  { code: 'HOST009', title: 'Rolling batch is not a positive integer', why: 'It is how many hypervisors CloudFormation changes at a time; zero would change none, a fraction is no count of hosts.', example: 'rollingBatch: { prod: 0 }', fix: 'Use 1 or more; leave an environment out to change all its hypervisors at once.' },
];

export const checkHosts: Rule = (spec, loaded) => {
  const out: Diagnostic[] = [];
  const envs = environmentNames(spec);
  const { router, management, hypervisors, image } = spec.hosts;

  for (const [role, instance] of [['router', router], ['management', management]] as const) {
    const path = ['hosts', role, 'instanceType'];
    if (parseInstanceType(instance.instanceType) === undefined) {
      out.push(finding(loaded, { code: 'HOST008', path, message: `${role} instance type "${instance.instanceType}" is not of the form family.size`, hint: SIZE_HINT }));
    } else if (!isNitro(instance.instanceType)) {
      out.push(finding(loaded, { code: 'HOST002', path, message: `${role} instance type ${instance.instanceType} is not a Nitro type`, hint: role === 'router' ? 'use a Nitro type with enough bandwidth, e.g. c5n.large' : 'use a Nitro type, e.g. m5.xlarge' }));
    }
  }
  const typePath = ['hosts', 'hypervisors', 'instanceType'];
  if (parseInstanceType(hypervisors.instanceType) === undefined) {
    out.push(finding(loaded, { code: 'HOST008', path: typePath, message: `hypervisor instance type "${hypervisors.instanceType}" is not of the form family.size`, hint: SIZE_HINT }));
  } else if (!isMetal(hypervisors.instanceType)) {
    const family = parseInstanceType(hypervisors.instanceType)?.family ?? 'c5';
    out.push(finding(loaded, { code: 'HOST001', path: typePath, message: `hypervisor instance type ${hypervisors.instanceType} is not bare metal; KVM needs hardware virtualisation`, hint: `use a metal type, e.g. ${family}.metal` }));
  }

  const countPath = ['hosts', 'hypervisors', 'count'];
  const count = hypervisors.count;
  if (isPerEnvMap(count)) {
    out.push(...perEnvKeys(loaded, { path: countPath, keys: Object.keys(count), envs, what: 'hypervisor count' }));
    for (const [env, value] of Object.entries(count)) {
      if (!Number.isInteger(value) || value < 1) {
        out.push(finding(loaded, { code: 'HOST003', path: [...countPath, env], message: `hypervisor count ${value} for ${env} is not a positive integer` }));
      }
    }
  } else if (!Number.isInteger(count) || count < 1) {
    out.push(finding(loaded, { code: 'HOST003', path: countPath, message: `hypervisor count ${count} is not a positive integer` }));
  }

  const batchPath = ['hosts', 'hypervisors', 'rollingBatch'];
  const batch = hypervisors.rollingBatch;
  if (batch !== undefined) {
    // Unlike count, an environment may be left out: it changes all its hypervisors at once.
    const entries = isPerEnvMap(batch) ? Object.entries(batch) : [[undefined, batch] as const];
    if (isPerEnvMap(batch)) out.push(...perEnvKeys(loaded, { path: batchPath, keys: Object.keys(batch), envs, what: 'rolling batch', optional: true }));
    for (const [env, value] of entries) {
      if (!Number.isInteger(value) || value < 1) {
        out.push(finding(loaded, { code: 'HOST009', path: env === undefined ? batchPath : [...batchPath, env], message: `rolling batch ${value}${env === undefined ? '' : ` for ${env}`} is not a positive integer` }));
      }
    }
  }

  const sources = ['ssmParameter' in image ? image.ssmParameter : undefined, 'amiId' in image ? image.amiId : undefined].filter((s) => s !== undefined).length;
  if (sources !== 1) {
    out.push(finding(loaded, { code: 'HOST006', path: ['hosts', 'image'], message: sources === 0 ? 'hosts.image names no image source' : 'hosts.image names both ssmParameter and amiId', hint: 'give exactly one of ssmParameter or amiId' }));
  }
  if ('ssmParameter' in image && image.ssmParameter !== undefined) {
    const path = ['hosts', 'image', 'ssmParameter'];
    if (!SSM_PARAMETER.test(image.ssmParameter) || image.ssmParameter.length > 2048) {
      out.push(finding(loaded, { code: 'HOST007', path, message: `"${image.ssmParameter}" is not a valid SSM parameter name`, hint: 'write a path such as /platform/cloudstack/ami' }));
    } else if (RESERVED_SSM_NAME.test(image.ssmParameter)) {
      out.push(finding(loaded, { code: 'HOST007', path, message: `no SSM parameter can be named "${image.ssmParameter}": the "aws" and "ssm" prefixes are reserved`, hint: 'name your own parameter (/platform/cloudstack/ami), or one of AWS\'s public ones under /aws/service/' }));
    }
  }
  if ('amiId' in image && image.amiId !== undefined) {
    const amiPath = ['hosts', 'image', 'amiId'];
    const ids = isPerEnvMap(image.amiId) ? Object.entries(image.amiId) : [[undefined, image.amiId] as const];
    if (isPerEnvMap(image.amiId)) out.push(...perEnvKeys(loaded, { path: amiPath, keys: Object.keys(image.amiId), envs, what: 'AMI id' }));
    for (const [env, id] of ids) {
      if (!AMI_ID.test(id)) {
        out.push(finding(loaded, { code: 'HOST007', path: env === undefined ? amiPath : [...amiPath, env], message: `"${id}" is not an AMI id`, hint: 'AMI ids look like ami-0123456789abcdef0' }));
      }
    }
  }
  return out;
};

interface PerEnvKeysOptions {
  readonly path: readonly string[];
  readonly keys: readonly string[];
  readonly envs: readonly string[];
  readonly what: string;
  /** Environments may be left out (they take the default). */
  readonly optional?: boolean;
}

function perEnvKeys(loaded: LoadedSpec, options: PerEnvKeysOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const key of options.keys) {
    if (!options.envs.includes(key)) {
      out.push(finding(loaded, { code: 'HOST004', path: [...options.path, key], at: 'key', message: `${options.what} names environment "${key}", which does not exist`, hint: suggestionHint(key, options.envs, 'environments') }));
    }
  }
  for (const env of options.optional === true ? [] : options.envs) {
    if (!options.keys.includes(env)) {
      out.push(finding(loaded, { code: 'HOST005', path: options.path, message: `${options.what} has no value for environment ${env}`, hint: `add ${env}: <value>, or give one value for all environments` }));
    }
  }
  return out;
}
