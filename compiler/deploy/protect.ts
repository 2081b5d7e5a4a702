/**
 * Protection of `protect: true` environments after each stack deploys: termination protection on, and a stack
 * policy that lets updates through but denies replacing or deleting the resources that hold state, so a spec
 * change cannot silently destroy a bucket, a volume, a log group, a host or the hosted zone.
 */
import { REPLACEMENT_TABLE } from '../diff/replacement-table.js';
import { sortedJson } from './compare.js';
import type { DeployContext } from './context.js';
import type { StackPlan } from './load-plan.js';
import { withRetry } from './retry.js';

/**
 * Resource types whose replacement or deletion loses data or names that others depend on: the ones the replacement
 * table marks stateful (buckets, volumes, log groups, the hosted zone, and the hosts with their disks), so the diff's
 * call-outs and the stack policy never disagree.
 */
export const STATEFUL_TYPES: ReadonlySet<string> = new Set(
  Object.entries(REPLACEMENT_TABLE).flatMap(([type, rule]) => (rule.stateful === true ? [type] : [])),
);

/** The stack policy for one stack: allow all updates, deny Update:Replace and Update:Delete on stateful resources. */
export function stackPolicy(plan: StackPlan): object {
  const stateful = Object.entries(plan.resourceTypes)
    .filter(([, type]) => STATEFUL_TYPES.has(type))
    .map(([id]) => `LogicalResourceId/${id}`)
    .sort();
  const statements: object[] = [{ Effect: 'Allow', Action: 'Update:*', Principal: '*', Resource: '*' }];
  if (stateful.length > 0) statements.push({ Effect: 'Deny', Action: ['Update:Replace', 'Update:Delete'], Principal: '*', Resource: stateful });
  return { Statement: statements };
}

/** Turns protection on where it is missing; returns what it changed (for the report). */
export async function protectStack(ctx: DeployContext, plan: StackPlan, current: { readonly terminationProtection: boolean }): Promise<string[]> {
  const cf = ctx.clients.cloudFormation;
  const changed: string[] = [];
  const retry = { timing: ctx.timing, stack: plan.stackName };
  if (!current.terminationProtection) {
    await withRetry(() => cf.updateTerminationProtection(plan.stackName, true), { ...retry, what: 'UpdateTerminationProtection' });
    changed.push('termination protection');
  }
  const wanted = stackPolicy(plan);
  const existing = await withRetry(() => cf.getStackPolicy(plan.stackName), { ...retry, what: 'GetStackPolicy' });
  let same = false;
  try {
    same = existing !== undefined && existing !== '' && sortedJson(JSON.parse(existing)) === sortedJson(wanted);
  } catch {
    same = false;
  }
  if (!same) {
    await withRetry(() => cf.setStackPolicy(plan.stackName, JSON.stringify(wanted)), { ...retry, what: 'SetStackPolicy' });
    changed.push('stack policy');
  }
  return changed;
}
