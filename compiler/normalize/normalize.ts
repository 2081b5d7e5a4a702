/**
 * normalize: a validated spec in, the platform every expander works from out. Defaults are applied here, once;
 * per-environment values are resolved; subnets and host addresses are assigned; every derived value keeps the
 * spec path it came from. Pure and total on a validated spec: it never throws and never reads anything.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Environment, HostImage, Pipeline, PipelineStage, Platform, Role } from '../model/platform.js';
import type { EnvironmentSpec, PipelineSpec, PlatformSpec, StageSpec } from '../model/spec.js';
import { addressAt, netmaskOf, parseBlock, subBlock } from './addresses.js';
import { healthCheckProbes, type HealthCheckProbe } from '../model/routing-targets.js';
import { healthCheckersOf } from './health-checkers.js';
import { DEFAULT_HYPERVISORS_PER_STACK, layoutHosts } from './hosts.js';
import { partitionOf } from './partition.js';
import { resolvePerEnv } from './per-env.js';
import { compareText } from '../model/compare-text.js';
import { pipelineHome } from '../model/pipeline-stages.js';

export interface NormalizeOptions {
  /** The spec file relative to the working directory; recorded so diagnostics can point back at it. */
  readonly file: string;
  /** The spec's name in generated output; `file` when not given. */
  readonly specName?: string;
}

/** Underlay device of the hosts when the spec names none. */
export const DEFAULT_UNDERLAY_INTERFACE = 'eth0';

/** Derives the platform from a validated spec; see the module comment for what is resolved. */
export function normalize(spec: PlatformSpec, options: NormalizeOptions): Platform {
  const names = Object.keys(spec.environments).sort(compareText);
  const probes = healthCheckProbes(spec.routing);
  const environments = names.flatMap((name) => {
    const envSpec = spec.environments[name];
    return envSpec === undefined ? [] : [normalizeEnvironment(spec, { name, env: envSpec, probes })];
  });
  return {
    name: spec.platform,
    file: options.file.replace(/\\/g, '/'),
    specName: (options.specName ?? options.file).replace(/\\/g, '/'),
    spec,
    tags: sortedRecord(spec.tags ?? {}),
    environments,
    roles: normalizeRoles(spec),
    pipelines: normalizePipelines(spec, names[0] ?? ''),
  };
}

function normalizeEnvironment(spec: PlatformSpec, options: { name: string; env: EnvironmentSpec; probes: readonly HealthCheckProbe[] }): Environment {
  const { name, env, probes } = options;
  const origin: SpecPath = ['environments', name];
  const { prefixLength, availabilityZone } = spec.network.hostSubnet;
  const overlaySpec = spec.network.overlay;
  const overlayBlock = parseBlock(overlaySpec.cidr);
  const overlayCidr = `${addressAt(overlaySpec.cidr, 0)}/${overlayBlock.prefixLength}`;
  const hostSubnetCidr = subBlock(env.vpcCidr, prefixLength, 0);
  const count = resolvePerEnv(spec.hosts.hypervisors.count, name, ['hosts', 'hypervisors', 'count'], 1);
  const boundarySpec = spec.iam.boundaries[env.boundary];
  return {
    name,
    account: env.account,
    region: env.region,
    partition: partitionOf(env.region),
    vpcCidr: env.vpcCidr,
    hostSubnetCidr,
    serviceSubnetCidr: subBlock(env.vpcCidr, prefixLength, 1),
    availabilityZone: availabilityZone ?? `${env.region}a`,
    boundary: {
      name: env.boundary,
      policyName: `${spec.platform}-${name}-boundary`,
      deny: boundarySpec?.deny ?? [],
      origin: boundarySpec === undefined ? [...origin, 'boundary'] : ['iam', 'boundaries', env.boundary],
    },
    logRetentionDays: env.logRetentionDays,
    protect: env.protect ?? false,
    clientCidrs: env.clientCidrs ?? [],
    trustedAccounts: env.trustedAccounts ?? [],
    healthCheckers: healthCheckersOf(spec, probes, { name, region: env.region }),
    overlay: {
      cidr: overlayCidr,
      prefixLength: overlayBlock.prefixLength,
      netmask: netmaskOf(overlayBlock.prefixLength),
      gateway: addressAt(overlayCidr, 1),
      vni: overlaySpec.vni,
      port: overlaySpec.port,
      multicastGroup: overlaySpec.multicastGroup,
      mtu: overlaySpec.mtu,
      underlayInterface: spec.network.underlayInterface ?? DEFAULT_UNDERLAY_INTERFACE,
    },
    image: resolveImage(spec, name),
    hypervisorCount: count.value,
    hypervisorsPerStack: spec.hosts.hypervisors.perStack ?? DEFAULT_HYPERVISORS_PER_STACK,
    ...rollingBatchOf(spec, name),
    hosts: layoutHosts({ hosts: spec.hosts, hypervisorCount: count.value, hostSubnetCidr, overlayCidr }),
    origin,
  };
}

/** The environment's rolling batch: one value for all, its own entry, or none (all at once) when left out. */
function rollingBatchOf(spec: PlatformSpec, env: string): { readonly rollingBatch?: number } {
  const batch = spec.hosts.hypervisors.rollingBatch;
  const value = typeof batch === 'number' ? batch : batch?.[env];
  return value === undefined ? {} : { rollingBatch: value };
}

function resolveImage(spec: PlatformSpec, env: string): HostImage {
  const image = spec.hosts.image;
  if ('ssmParameter' in image) {
    return { kind: 'ssm', parameter: image.ssmParameter, origin: ['hosts', 'image', 'ssmParameter'] };
  }
  const ami = resolvePerEnv(image.amiId, env, ['hosts', 'image', 'amiId'], '');
  return { kind: 'ami', amiId: ami.value, origin: ami.origin };
}

function normalizeRoles(spec: PlatformSpec): Role[] {
  const roles = spec.iam.roles ?? {};
  return Object.keys(roles)
    .sort(compareText)
    .flatMap((name) => {
      const role = roles[name];
      return role === undefined ? [] : [{ name, spec: role, origin: ['iam', 'roles', name] }];
    });
}

function normalizePipelines(spec: PlatformSpec, firstEnv: string): Pipeline[] {
  const pipelines = spec.pipelines ?? {};
  return Object.keys(pipelines)
    .sort(compareText)
    .flatMap((name) => {
      const pipeline = pipelines[name];
      return pipeline === undefined ? [] : [normalizePipeline(name, pipeline, firstEnv)];
    });
}

function normalizePipeline(name: string, pipeline: PipelineSpec, firstEnv: string): Pipeline {
  const origin: SpecPath = ['pipelines', name];
  const stages = pipeline.stages.map((stage, index) => normalizeStage(stage, [...origin, 'stages', index]));
  return { name, home: pipelineHome(pipeline) ?? firstEnv, stages, origin };
}

/** A stage written as a bare environment name deploys without approval. */
function normalizeStage(stage: StageSpec, origin: SpecPath): PipelineStage {
  if (typeof stage === 'string') return { env: stage, approval: 'never', origin };
  return { env: stage.env, approval: stage.approval ?? 'never', origin };
}

function sortedRecord(record: { readonly [key: string]: string }): Readonly<Record<string, string>> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareText(a, b)));
}
