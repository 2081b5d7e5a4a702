/**
 * What CheckNoNewAccess compares a policy with: the same policy compiled from the base revision (matched by
 * environment, logical id and place in the resource, so splitting stacks does not lose the match), or one
 * reference policy file per environment for identity policies.
 */
import type { AssembledStack } from '../assemble/stack.js';
import type { JsonObject } from '../model/cfn.js';
import { extractPolicies, type ExtractedPolicy } from '../iam-checks/extract-policies.js';
import { resolvePolicyFor, type AnalyzerEnvironment } from './resolve-policy.js';

export interface ReferencePolicies {
  /** Shown in messages: `origin/main`, `reference file ref.json`. */
  readonly label: string;
  /** The resolved reference for a policy; undefined when there is none (a new policy); 'skip' when not applicable. */
  lookup(policy: ExtractedPolicy): JsonObject | undefined | 'skip';
}

function policyKey(policy: ExtractedPolicy): string {
  return [policy.env, policy.logicalId, ...policy.documentPath].join('/');
}

/** References from the stacks compiled at the base revision. */
export function referenceFromStacks(baseStacks: readonly AssembledStack[], environments: readonly AnalyzerEnvironment[], label: string): ReferencePolicies {
  const resolved = new Map<string, JsonObject>();
  for (const stack of baseStacks) {
    const env = environments.find((e) => e.name === stack.env);
    if (!env) continue;
    const envStacks = baseStacks.filter((s) => s.env === stack.env);
    for (const policy of extractPolicies(stack)) resolved.set(policyKey(policy), resolvePolicyFor(policy, env, envStacks));
  }
  return { label, lookup: (policy) => resolved.get(policyKey(policy)) };
}

/** One reference policy per environment, applied to identity policies (not to trust, boundary or resource policies). */
export function referenceFromFiles(byEnv: ReadonlyMap<string, { file: string; document: JsonObject }>): ReferencePolicies {
  return {
    label: 'the reference policy',
    lookup: (policy) => {
      if (policy.kind !== 'identity') return 'skip';
      return byEnv.get(policy.env)?.document ?? 'skip';
    },
  };
}
