/**
 * The semantic diff as data. Two compiled sets (base and head) are compared per platform, environment and stack;
 * renderers (text, Markdown, JSON) only format this value, they never compare anything themselves.
 */
import type { CfnTemplate, Json } from '../model/cfn.js';

/** A path into a resource, e.g. ["Properties", "SecurityGroupIngress", 2, "CidrIp"]. */
export type JsonPath = readonly (string | number)[];

export type ChangeKind = 'added' | 'removed' | 'modified';

/** One compiled stack as the diff sees it: its template and the values of its parameter file. */
export interface StackInput {
  readonly platform: string;
  readonly env: string;
  /** Short name within the environment: `iam`, `network`, `hosts`, `hosts-2`, ... */
  readonly stack: string;
  readonly template: CfnTemplate;
  readonly parameterValues: { readonly [name: string]: string };
  /** Where each resource comes from in the spec (`file:line:col`), from the stack's source map when there is one. */
  readonly sources?: { readonly [logicalId: string]: string };
  /** The spec path each resource comes from, from the same source map. */
  readonly origins?: { readonly [logicalId: string]: readonly (string | number)[] };
  /**
   * Properties made from another spec node than their resource, by `<LogicalId>/<property path>` as the source map
   * names them: each host's `Properties.UserData` carries `network.overlay`.
   */
  readonly propertySources?: { readonly [key: string]: SpecNode };
  /** Where each policy statement comes from (`file:line:col`), by `<LogicalId>/<path>.Statement.<n>` as the source map names it. */
  readonly statementSources?: { readonly [key: string]: string };
  /** The environment is protected (`protect: true`, from the manifest): stack policies guard its stateful resources. */
  readonly protected?: boolean;
  /** Where the manifest deploys the environment. */
  readonly account?: string;
  readonly region?: string;
}

/**
 * A removed stack whose whole environment is gone from the specs: the manifest no longer says where it is, so
 * `deploy --prune` needs to be told (`--account`, `--region`, and `--platform` when that is gone too or one of
 * several).
 */
export interface RetiredLocation {
  readonly account: string;
  readonly region: string;
  readonly platformFlag: boolean;
}

/** A node of the spec: its path as users write it (`network.overlay`) and its `file:line:col`. */
export interface SpecNode {
  readonly path: string;
  readonly location: string;
}

export interface ValueChange {
  readonly path: JsonPath;
  readonly kind: ChangeKind;
  readonly old?: Json;
  readonly new?: Json;
}

export type ReplacementCause = 'property' | 'type-changed' | 'dependency';

export interface Replacement {
  readonly logicalId: string;
  readonly type: string;
  readonly cause: ReplacementCause;
  /** Why: the changed property path, or the replaced resource this one refers to. */
  readonly because: string;
  /** A resource whose data is lost on replacement (buckets, volumes, log groups, databases, hosted zones...). */
  readonly stateful: boolean;
  /** True when CloudFormation replaces only for some values of the property (e.g. the tenancy direction). */
  readonly conditional: boolean;
}

/** A stateful resource deleted without a DeletionPolicy that keeps it: its data goes with it. */
export interface Deletion {
  readonly logicalId: string;
  readonly type: string;
  /** What is lost, from the replacement table (`root and instance-store disks`). */
  readonly state: string;
}

/** A resource CloudFormation updates in place, but with an interruption (an instance stopped and started). */
export interface Interruption {
  readonly logicalId: string;
  readonly type: string;
  /** What happens to the resource, e.g. `stopped and started`. */
  readonly interruption: string;
  /** The changed properties that cause it, e.g. `Properties.UserData`. */
  readonly because: readonly string[];
  /**
   * The spec nodes those properties are made from, where the source map names one other than the resource's own:
   * a host restarted for its user data points at `network.overlay`, whose settings its script carries.
   */
  readonly from?: readonly SpecNode[];
}

export interface ResourceChange {
  readonly logicalId: string;
  readonly kind: ChangeKind;
  /** The head type (the base type for a removed resource). */
  readonly type: string;
  readonly oldType?: string;
  /** Property changes of a modified resource; empty for added and removed ones. */
  readonly changes: readonly ValueChange[];
}

export interface ParameterChange {
  readonly name: string;
  readonly kind: ChangeKind;
  /** The value from the parameter file (or the definition, when only the definition changed). */
  readonly old?: Json;
  readonly new?: Json;
}

export interface OutputChange {
  readonly name: string;
  readonly kind: ChangeKind;
  readonly old?: Json;
  readonly new?: Json;
}

export type IamFindingKind =
  | 'statement-added'
  | 'action-added'
  | 'resource-widened'
  | 'principal-added'
  | 'condition-relaxed'
  | 'deny-removed'
  | 'boundary-changed'
  | 'boundary-removed'
  | 'managed-policy-attached';

/** A way the change grants more than before. */
export interface IamFinding {
  readonly kind: IamFindingKind;
  readonly logicalId: string;
  readonly type: string;
  /** Which policy of the resource: `PolicyDocument`, `AssumeRolePolicyDocument`, `Policies/<name>`... */
  readonly policy: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly principals: readonly string[];
  /** A wildcard appears in an added action, resource or principal. */
  readonly wildcard: boolean;
  readonly detail: string;
  /** The spec line (`file:line:col`) of the statement that grants it, where the source map has one; else see `sources`. */
  readonly location?: string;
}

export type NetworkFindingKind = 'rule-added' | 'cidr-widened' | 'port-range-widened' | 'protocol-widened' | 'route-added';

export interface NetworkFinding {
  readonly kind: NetworkFindingKind;
  readonly logicalId: string;
  /** The security group (logical id or reference) or the route table the rule belongs to. */
  readonly target: string;
  readonly direction: 'ingress' | 'egress' | 'route';
  readonly protocol: string;
  readonly ports: string;
  readonly peer: string;
  /** The peer is the whole internet (0.0.0.0/0 or ::/0). */
  readonly open: boolean;
  readonly detail: string;
}

/**
 * An exported output whose value changes while other stacks import it. CloudFormation refuses to update an export
 * that is in use, so the deploy fails unless the importers stop importing it first.
 */
export interface ExportInUse {
  readonly output: string;
  /** The export name as written in the template (a string or the stable JSON of an intrinsic). */
  readonly exportName: string;
  /** Stacks of the same environment that import it. */
  readonly importers: readonly string[];
  readonly because: string;
}

export interface StackDiff {
  readonly platform: string;
  readonly env: string;
  readonly stack: string;
  /** `added`/`removed` when the whole stack is new or gone. */
  readonly kind: ChangeKind;
  readonly resources: readonly ResourceChange[];
  readonly parameters: readonly ParameterChange[];
  readonly outputs: readonly OutputChange[];
  /** Template-level changes outside resources, parameters and outputs (Description, Metadata). */
  readonly other: readonly ValueChange[];
  readonly iam: readonly IamFinding[];
  readonly network: readonly NetworkFinding[];
  readonly replacements: readonly Replacement[];
  /** Resources updated with an interruption; a resource that is replaced is listed there instead. */
  readonly interruptions: readonly Interruption[];
  /** Stateful resources removed with their data. */
  readonly deletions: readonly Deletion[];
  /**
   * In a protected environment: the stateful resources this change replaces for certain or deletes, which the
   * stack policy refuses (deploy stops with DEPLOY026 unless someone lifts the policy on purpose).
   */
  readonly refusedByPolicy: readonly string[];
  readonly exportsInUse: readonly ExportInUse[];
  /** On a removed stack of an environment the specs no longer have: where it is deployed. */
  readonly retired?: RetiredLocation;
  /**
   * The spec line (`file:line:col`) of every resource this diff names, in the head's specs, so a reviewer goes
   * from a finding to the line that caused it. Resources that exist only in the base have none.
   */
  readonly sources: { readonly [logicalId: string]: string };
}

export interface EnvironmentSummary {
  readonly platform: string;
  readonly env: string;
  readonly added: number;
  readonly modified: number;
  readonly removed: number;
  readonly iamBroadening: boolean;
  readonly networkBroadening: boolean;
  readonly replacements: number;
  readonly statefulReplacements: number;
  readonly interruptions: number;
  readonly statefulDeletions: number;
}

/** A value that changed in a spec (not in a template): what the reviewer edited. */
export interface SpecChange {
  readonly file: string;
  /** The spec path as users write it: `network.overlay.mtu`, `routing.records[2].policy`; `the spec` for all of it. */
  readonly path: string;
  readonly kind: ChangeKind;
  readonly old?: Json;
  readonly new?: Json;
  /** `file:line:col` in the working tree (not for a removed value). */
  readonly location?: string;
}

/** An acknowledgement the change adds: findings of `code` in that scope no longer fail validation. */
export interface AcknowledgementAdded {
  readonly file: string;
  readonly code: string;
  readonly env?: string;
  readonly resource?: string;
  readonly reason: string;
  /** `file:line:col` of the entry in the working tree. */
  readonly location?: string;
}

export interface PlatformDiff {
  /** Only stacks with at least one change, sorted by platform, environment, then stack name. */
  readonly stacks: readonly StackDiff[];
  /** One row per environment present in base or head (including unchanged ones). */
  readonly environments: readonly EnvironmentSummary[];
  readonly broadening: boolean;
  /** The spec values that changed, when the specs were read (`platformc diff`); empty otherwise. */
  readonly specChanges: readonly SpecChange[];
  /** Acknowledgements the specs gained (`platformc diff`); empty otherwise. */
  readonly acknowledgementsAdded: readonly AcknowledgementAdded[];
}
