/**
 * The normalized platform: what `normalize` derives from a valid spec. Defaults are applied, per-environment
 * values are resolved, addresses are assigned, and every derived value remembers the spec path it came from
 * (its origin), so findings on generated output can be reported on the spec line that caused them.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { PlatformSpec, RoleSpec, StageSpec, Approval } from './spec.js';

export type HostRole = 'router' | 'management' | 'hypervisor';

export interface Host {
  /** Stable id used in logical ids and file names: `router`, `management`, `hypervisor01`, ... */
  readonly id: string;
  readonly role: HostRole;
  readonly instanceType: string;
  readonly volumeGiB: number;
  /** Primary private address in the host subnet (the underlay), assigned deterministically. */
  readonly underlayAddress: string;
  /** Address on the overlay (cloudbr0): the router holds the gateway, then management, then hypervisors. */
  readonly overlayAddress: string;
  readonly origin: SpecPath;
}

export interface Overlay {
  readonly cidr: string;
  readonly prefixLength: number;
  readonly netmask: string;
  /** The router's overlay address, the default gateway of everything on the overlay. */
  readonly gateway: string;
  readonly vni: number;
  readonly port: number;
  readonly multicastGroup: string;
  readonly mtu: number;
  readonly underlayInterface: string;
}

/** Where the hosts' machine image comes from in one environment. */
export type HostImage =
  | { readonly kind: 'ssm'; readonly parameter: string; readonly origin: SpecPath }
  | { readonly kind: 'ami'; readonly amiId: string; readonly origin: SpecPath };

export interface Boundary {
  readonly name: string;
  /** The IAM managed policy name: `<platform>-<env>-boundary`. */
  readonly policyName: string;
  readonly deny: readonly string[];
  readonly origin: SpecPath;
}

export interface Environment {
  readonly name: string;
  readonly account: string;
  readonly region: string;
  /** aws, aws-cn or aws-us-gov, derived from the region. */
  readonly partition: string;
  readonly vpcCidr: string;
  /** The dedicated host subnet, the first block of the declared prefix length inside vpcCidr. */
  readonly hostSubnetCidr: string;
  /** A second subnet of the same size for everything that is not an overlay host (clients, endpoints). */
  readonly serviceSubnetCidr: string;
  readonly availabilityZone: string;
  readonly boundary: Boundary;
  readonly logRetentionDays: number | 'never-expire';
  readonly protect: boolean;
  readonly clientCidrs: readonly string[];
  readonly trustedAccounts: readonly string[];
  /** Route 53's health checkers, let in on the ports the health checks of this environment probe. */
  readonly healthCheckers?: HealthCheckers;
  readonly overlay: Overlay;
  readonly image: HostImage;
  readonly hypervisorCount: number;
  /** Hypervisors CloudFormation changes at a time (each waits for the one this many before it); absent: all at once. */
  readonly rollingBatch?: number;
  /** Hypervisors per hosts stack: hypervisor n goes to stack ceil(n / hypervisorsPerStack), whatever else changes. */
  readonly hypervisorsPerStack: number;
  /** Router, management, then hypervisors in order. */
  readonly hosts: readonly Host[];
  readonly origin: SpecPath;
}

export interface HealthCheckers {
  /** Id of the AWS-managed prefix list `com.amazonaws.<region>.route53-healthchecks`. */
  readonly prefixList: string;
  /** Each probed port once, ascending, with the first health check that probes it. */
  readonly ports: readonly { readonly port: number; readonly origin: SpecPath }[];
  readonly origin: SpecPath;
}

export interface Role {
  readonly name: string;
  readonly spec: RoleSpec;
  readonly origin: SpecPath;
}

export interface PipelineStage {
  readonly env: string;
  readonly approval: Approval;
  readonly origin: SpecPath;
}

export interface Pipeline {
  readonly name: string;
  readonly home: string;
  readonly stages: readonly PipelineStage[];
  readonly origin: SpecPath;
}

export interface Platform {
  readonly name: string;
  /** The spec file, relative to the working directory, with forward slashes (never absolute): for diagnostics. */
  readonly file: string;
  /**
   * The spec as generated output names it: relative to the repository root (see `outputSpecName`), so the output
   * is the same from any working directory. Equal to `file` when platformc runs at the root.
   */
  readonly specName: string;
  readonly spec: PlatformSpec;
  readonly tags: Readonly<Record<string, string>>;
  /** Sorted by name, so output never depends on key order in the spec. */
  readonly environments: readonly Environment[];
  readonly roles: readonly Role[];
  readonly pipelines: readonly Pipeline[];
}

export type { StageSpec };
