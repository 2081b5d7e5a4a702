/**
 * The platform.yaml language as TypeScript types: what a spec looks like after the JSON Schema accepted it.
 * The schema in `schema/platform.schema.json` is the source of truth for users; these types mirror it for the
 * compiler. Everything is readonly: stages never mutate the spec, they derive new values from it.
 */

/** A value given once for all environments, or per environment by name. */
export type PerEnv<T> = T | { readonly [env: string]: T };

export type BoundaryName = string;

export interface EnvironmentSpec {
  readonly account: string;
  readonly region: string;
  readonly vpcCidr: string;
  readonly boundary: BoundaryName;
  /** A CloudWatch Logs retention in days, or the explicit string "never-expire". */
  readonly logRetentionDays: number | 'never-expire';
  readonly protect?: boolean;
  /** CIDRs allowed to reach the management UI through the router. Empty by default: nothing is open. */
  readonly clientCidrs?: readonly string[];
  /** Other AWS accounts trusted by this environment (for example the pipeline's account). */
  readonly trustedAccounts?: readonly string[];
}

export interface OverlaySpec {
  readonly cidr: string;
  readonly vni: number;
  readonly port: number;
  readonly multicastGroup: string;
  readonly mtu: number;
}

export interface NetworkSpec {
  readonly hostSubnet: { readonly prefixLength: number; readonly availabilityZone?: string };
  readonly overlay: OverlaySpec;
  /** Primary network interface name on the hosts, the VXLAN underlay device (default eth0). */
  readonly underlayInterface?: string;
}

export interface InstanceSpec {
  readonly instanceType: string;
  readonly volumeGiB?: number;
}

export interface HypervisorsSpec extends InstanceSpec {
  readonly count: PerEnv<number>;
  readonly rollingBatch?: PerEnv<number>;
  readonly perStack?: number;
}

export type ImageSpec =
  | { readonly ssmParameter: string }
  | { readonly amiId: PerEnv<string> };

export interface HostsSpec {
  readonly router: InstanceSpec;
  readonly management: InstanceSpec;
  readonly hypervisors: HypervisorsSpec;
  readonly image: ImageSpec;
}

export type StorageClass = 'STANDARD_IA' | 'ONEZONE_IA' | 'INTELLIGENT_TIERING' | 'GLACIER_IR' | 'GLACIER' | 'DEEP_ARCHIVE';

export interface LogGroupSpec {
  readonly name: string;
  /** Overrides the environment's retention for this group. */
  readonly retentionDays?: number | 'never-expire';
}

export interface LogAlarmSpec {
  readonly name: string;
  readonly group: string;
  readonly pattern: string;
  readonly threshold: number;
  readonly periodSeconds?: number;
  readonly email?: string;
}

export interface LoggingSpec {
  readonly groups: readonly (string | LogGroupSpec)[];
  readonly archive?: {
    readonly transitions: readonly { readonly days: number; readonly storageClass: StorageClass }[];
    readonly expireDays?: number;
  };
  readonly alarms?: readonly LogAlarmSpec[];
}

export type RoutingPolicy =
  | 'simple' | 'weighted' | 'latency' | 'failover' | 'geolocation' | 'geoproximity' | 'multivalue' | 'ip-based';

export interface HealthCheckSpec {
  readonly protocol?: 'HTTP' | 'HTTPS' | 'TCP';
  readonly port: number;
  readonly path?: string;
  readonly requestInterval?: 10 | 30;
  readonly failureThreshold?: number;
}

/** Where a record answer points: an environment's entry point (router Elastic IP) or a literal value. */
export interface RecordTargetSpec {
  readonly env?: string;
  readonly value?: string;
  readonly weight?: number;
  readonly region?: string;
  readonly location?: { readonly continent?: string; readonly country?: string; readonly subdivision?: string } | '*';
  readonly coordinates?: { readonly latitude: string; readonly longitude: string };
  readonly awsRegion?: string;
  readonly bias?: number;
  readonly cidrs?: readonly string[];
  readonly healthCheck?: HealthCheckSpec;
}

export interface RecordSpec {
  readonly name: string;
  readonly type: 'A' | 'AAAA' | 'CNAME' | 'TXT';
  readonly policy: RoutingPolicy;
  readonly ttl?: number;
  /** simple: one target. */
  readonly target?: RecordTargetSpec;
  /** failover shorthand. */
  readonly primary?: string;
  readonly secondary?: string;
  readonly healthCheck?: HealthCheckSpec;
  /** weighted, latency, geolocation, geoproximity, multivalue, ip-based. */
  readonly targets?: readonly RecordTargetSpec[];
}

export interface RoutingSpec {
  readonly zone: string;
  /** The environment whose account holds the hosted zone and the dns stack. */
  readonly home: string;
  readonly records: readonly RecordSpec[];
  /** Per region, the id of the AWS-managed prefix list of Route 53's health checkers. */
  readonly healthCheckerPrefixLists?: { readonly [region: string]: string };
}

export interface PolicyStatementSpec {
  readonly actions: readonly string[];
  /** ARNs, "*", or references to platform resources such as `logGroup:overlay`, `bucket:archive`. */
  readonly resources: readonly string[];
  readonly effect?: 'Allow' | 'Deny';
}

export interface BoundarySpec {
  readonly deny?: readonly string[];
}

export interface RoleSpec {
  readonly service: string;
  readonly allow: readonly PolicyStatementSpec[];
  readonly description?: string;
}

export interface IamSpec {
  readonly boundaries: { readonly [name: string]: BoundarySpec };
  readonly roles?: { readonly [name: string]: RoleSpec };
}

export type Approval = 'always' | 'on-broadening' | 'on-risk' | 'never';

export type StageSpec = string | { readonly env: string; readonly approval?: Approval };

export type PipelineSourceSpec =
  | { readonly github: string; readonly branch: string; readonly connection: string }
  | { readonly codecommit: string; readonly branch: string };

export interface PipelineSpec {
  /** The environment whose account runs the pipeline (default: the first stage's environment). */
  readonly home?: string;
  readonly source: PipelineSourceSpec;
  readonly stages: readonly StageSpec[];
  readonly notify?: string;
}

/** A known finding accepted on purpose, with the reason (shown in every report; never silent). */
export interface AcknowledgementSpec {
  readonly code: string;
  readonly env?: string;
  readonly resource?: string;
  readonly reason: string;
}

export interface PlatformSpec {
  readonly version: 1;
  readonly platform: string;
  readonly tags?: { readonly [key: string]: string };
  readonly environments: { readonly [name: string]: EnvironmentSpec };
  readonly network: NetworkSpec;
  readonly hosts: HostsSpec;
  readonly logging?: LoggingSpec;
  readonly routing?: RoutingSpec;
  readonly iam: IamSpec;
  readonly pipelines?: { readonly [name: string]: PipelineSpec };
  readonly acknowledge?: readonly AcknowledgementSpec[];
}
