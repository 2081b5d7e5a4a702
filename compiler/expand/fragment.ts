/**
 * What every expander returns: a fragment of one environment's resources, parameters and outputs, each tagged
 * with the spec path it came from. Expanders do not know which stack a resource lands in relative to the others:
 * they refer to resources of other concerns through `refTo()`/`attOf()` markers (shared/refs.ts), and `assemble` turns each marker
 * into `Ref`/`Fn::GetAtt` within a stack or an exported output plus `Fn::ImportValue` across stacks of the same
 * environment (and records the dependency that gives the deploy order).
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { CfnParameter, CfnResource, Json } from '../model/cfn.js';
import type { Environment, Platform } from '../model/platform.js';

/** The stacks of an environment, in their canonical order. */
export const STACK_KINDS = ['iam', 'network', 'logging', 'hosts', 'dns', 'pipeline'] as const;
export type StackKind = (typeof STACK_KINDS)[number];

/** A reference to a resource that may live in another stack of the same environment (see shared/refs.ts). */
export interface CrossRefMarker {
  readonly 'platformc::Ref': { readonly logicalId: string; readonly attribute?: string };
}

export function isCrossRef(value: unknown): value is CrossRefMarker {
  return typeof value === 'object' && value !== null && 'platformc::Ref' in value;
}

export interface FragmentResource {
  readonly logicalId: string;
  readonly resource: CfnResource;
  /** The spec node this resource was generated from. */
  readonly origin: SpecPath;
  /**
   * For resources that hold policy documents: the origin of each statement, keyed by the JSON path of the
   * statement inside the resource (e.g. "Properties.PolicyDocument.Statement.2").
   */
  readonly statementOrigins?: { readonly [jsonPath: string]: SpecPath };
  /**
   * Properties that come from another spec node than the resource itself, keyed by their JSON path inside the
   * resource (e.g. "Properties.UserData" of a host: the overlay settings are in `network.overlay`).
   */
  readonly propertyOrigins?: { readonly [jsonPath: string]: SpecPath };
  /**
   * Resources that must stay in the same stack when a stack is split at CloudFormation's quotas (e.g. one
   * hypervisor's instance, volume and attachment share `hypervisor07`). Ungrouped resources stay in the first stack.
   */
  readonly group?: string;
}

export interface FragmentParameter {
  readonly name: string;
  readonly definition: CfnParameter;
  /** The value written to the parameter file. */
  readonly value: string;
  readonly origin: SpecPath;
  /**
   * Set when the value comes from another environment's stack output at deploy time (never Fn::ImportValue
   * across accounts); `value` is then a placeholder that `deploy` replaces.
   */
  readonly fromOutput?: { readonly env: string; readonly stack: StackKind; readonly output: string };
}

export interface FragmentOutput {
  readonly name: string;
  readonly value: Json;
  readonly description: string;
}

export interface Fragment {
  readonly stack: StackKind;
  readonly resources: readonly FragmentResource[];
  readonly parameters?: readonly FragmentParameter[];
  readonly outputs?: readonly FragmentOutput[];
}

export interface ExpandContext {
  readonly platform: Platform;
  readonly env: Environment;
}

/** One concern's expansion: (platform, environment) in, fragments out. Pure; no I/O. */
export type Expander = (context: ExpandContext) => readonly Fragment[];
