/**
 * A stack as assembled: one CloudFormation template for one environment, with its parameter values, its
 * dependencies on other stacks of the same environment, and the source map back to the spec.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { CfnTemplate } from '../model/cfn.js';
import type { FragmentParameter, StackKind } from '../expand/fragment.js';

export interface SourceMapEntry {
  /** `file:line:col` in the spec, resolved at compile time. */
  readonly location: string;
  /** The spec path of the node that produced this resource or statement. */
  readonly path: SpecPath;
}

export interface StackSourceMap {
  readonly spec: string;
  readonly resources: { readonly [logicalId: string]: SourceMapEntry };
  /** Policy statements: `<logicalId>/<json path of the statement>` -> origin. */
  readonly statements: { readonly [key: string]: SourceMapEntry };
  /** Properties produced by another spec node than their resource: `<logicalId>/<json path>` -> origin. */
  readonly properties: { readonly [key: string]: SourceMapEntry };
  readonly parameters: { readonly [name: string]: SourceMapEntry };
}

export interface AssembledStack {
  readonly env: string;
  /** Short name within the environment: `iam`, `network`, `hosts`, `hosts-2`, ... */
  readonly name: string;
  readonly kind: StackKind;
  /** The CloudFormation stack name: `<platform>-<env>-<name>`. */
  readonly stackName: string;
  readonly template: CfnTemplate;
  readonly parameters: readonly FragmentParameter[];
  /** Short names of the stacks of the same environment that must be deployed first. */
  readonly dependsOn: readonly string[];
  readonly sourceMap: StackSourceMap;
}
