/**
 * The resources of one environment across its stacks. Logical ids are unique per environment, so the broadening
 * classifiers compare base and head by logical id even when a resource moves between stacks.
 */
import type { CfnResource } from '../model/cfn.js';
import type { StackInput } from './model.js';

export interface EnvResource {
  readonly logicalId: string;
  readonly stack: StackInput;
  readonly resource: CfnResource;
}

/** Every resource of an environment by logical id, remembering its stack, so classifiers can follow a resource across stacks. */
export function environmentResources(stacks: readonly StackInput[]): Map<string, EnvResource> {
  const map = new Map<string, EnvResource>();
  for (const stack of stacks) {
    for (const [logicalId, resource] of Object.entries(stack.template.Resources)) map.set(logicalId, { logicalId, stack, resource });
  }
  return map;
}
