/**
 * A policy of a stack as Access Analyzer receives it: intrinsics resolved for its environment.
 */
import type { AssembledStack } from '../assemble/stack.js';
import type { JsonObject } from '../model/cfn.js';
import type { ExtractedPolicy } from '../iam-checks/extract-policies.js';
import { resolveIntrinsics, urlSuffixOf } from './resolve-intrinsics.js';

/** What Access Analyzer needs to know of an environment. */
export interface AnalyzerEnvironment {
  readonly name: string;
  readonly account: string;
  readonly region: string;
  readonly partition: string;
}

/** Resolves the policy document for its environment; `envStacks` are all stacks of that environment. */
export function resolvePolicyFor(policy: ExtractedPolicy, env: AnalyzerEnvironment, envStacks: readonly AssembledStack[]): JsonObject {
  const resolved = resolveIntrinsics(policy.document, {
    partition: env.partition,
    account: env.account,
    region: env.region,
    urlSuffix: urlSuffixOf(env.partition),
    stack: policy.stack,
    environmentStacks: envStacks,
  });
  return resolved as JsonObject;
}
